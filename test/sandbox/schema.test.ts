// The schema loader, the value checker and request validation, on OVH's own description files.
import t from 'tap'
import { OvhError } from '../../src/sandbox/errors.js'
import { checkValue, isScalarType } from '../../src/sandbox/schema/check.js'
import { findSchemaDirectory, loadOvhSchema, sharedOvhSchema } from '../../src/sandbox/schema/load.js'
import { coerceText, validatePathParam, validateRequest } from '../../src/sandbox/schema/request.js'

const schema = sharedOvhSchema()

function rejection (fn: () => unknown): { status: number, message: string } {
  try {
    fn()
  } catch (error) {
    if (error instanceof OvhError) return { status: error.statusCode, message: error.message }
    throw error
  }
  throw new Error('expected an OvhError')
}

t.test('loads every section from the package root', async t => {
  t.match(findSchemaDirectory(), /ovh-api[/\\]v1-eu$/)
  t.same([...schema.files.keys()], ['auth', 'domain', 'me', 'newAccount', 'order', 'service', 'services'])
  t.equal(schema.operation('get', '/domain/{serviceName}')?.responseType, 'domain.DomainServiceWithIAM')
  t.equal(schema.operation('GET', '/domain/{serviceName}')?.file, 'domain')
  t.equal(schema.operation('PATCH', '/domain'), undefined)
  t.ok(schema.operations().length > 1000)
  t.throws(() => findSchemaDirectory('/'), /not found/)
  t.not(loadOvhSchema(), schema, 'a fresh load is possible')
})

t.test('every type used by any operation or model resolves', async t => {
  const unresolved = new Set<string>()
  const visit = (type: string, file: string): void => {
    const bare = type.replace(/^map\[string\]/, '').replace(/^\[\]/, '').replace(/(\[\])+$/, '')
    if (bare !== type) return visit(bare, file)
    if (isScalarType(type) || type === 'void' || /^[A-Z]$/.test(type)) return
    const generic = /^(.+)<(.+)>$/.exec(type)
    if (schema.model(type, file) === undefined && (generic === null || ![...schema.files.values()].some(f => Object.keys(f.models).some(name => name.startsWith(generic[1] + '<'))))) {
      unresolved.add(type)
    }
  }
  for (const operation of schema.operations()) {
    visit(operation.responseType, operation.file)
    for (const parameter of operation.parameters) visit(parameter.dataType, operation.file)
  }
  for (const [file, content] of schema.files) {
    for (const model of Object.values(content.models)) {
      for (const property of Object.values(model.properties ?? {})) visit(property.type, file)
    }
  }
  t.same([...unresolved], [], 'the checker knows every type name in ovh-api/v1-eu')
})

t.test('models resolve in the operation file first, generics are instantiated', async t => {
  // services.Service differs between domain.json (coreTypes.AccountId:string contacts) and services.json.
  t.not(schema.model('services.Service', 'domain'), schema.model('services.Service', 'services'))
  const unit = { unit: 'GB', value: 1.5 }
  t.match(checkValue(schema, 'complexType.UnitAndValue<long>', unit, { mode: 'response', file: 'me' }), [{ path: 'value', kind: 'type' }])
  t.same(checkValue(schema, 'complexType.UnitAndValue<double>', unit, { mode: 'response', file: 'order' }), [])
  t.same(checkValue(schema, 'complexType.UnitAndValue<long>', { unit: 'GB', value: 2 }, { mode: 'response' }), [])
})

// [type, a value it accepts, a value it refuses]
const SAMPLES: Array<[string, unknown, unknown]> = [
  ['long', 3, 3.5],
  ['long', -3, '3'],
  ['double', 3.5, Number.NaN],
  ['boolean', false, 'false'],
  ['datetime', '2024-06-07T14:03:12+02:00', '2024-06-07'],
  ['datetime', '2024-06-07T12:03:12.5Z', '2024-13-07T12:03:12Z'],
  ['date', '2024-06-07', '2024-06-07T00:00:00Z'],
  ['ip', '2001:db8::1', '300.1.1.1'],
  ['ipv4', '192.0.2.1', '2001:db8::1'],
  ['ipv6', '::1', '192.0.2.1'],
  ['ipBlock', '203.0.113.0/24', '203.0.113.0/33'],
  ['ipBlock', '2001:db8::/32', '2001:db8::/x'],
  ['ipv4Block', '192.0.2.0/24', '2001:db8::/32'],
  ['uuid', '0b0a7f3e-7c9b-4d3a-9d3a-1f2e3d4c5b6a', 'nope'],
  ['password', 'x', 1],
  ['text', 'x', {}],
  ['phoneNumber', '+33.1', 33],
  ['string[]', ['a'], 'a'],
  ['long[]', [1, 2], [1, 'a']],
  ['map[string]string', { a: 'b' }, ['a']],
  ['void', null, 1],
  ['auth.CredentialStateEnum', 'validated', 'valid'],
  ['dnssec.KeyAlgorithmEnum', 8, '8'],
  ['auth.AccessRule', { method: 'GET', path: '/*' }, null],
  ['no.Such.Model', undefined, {}]
]

t.test('scalars, enums, arrays and maps', async t => {
  for (const [type, good, bad] of SAMPLES) {
    if (good !== undefined) t.same(checkValue(schema, type, good, { mode: 'response' }), [], `${type} accepts ${JSON.stringify(good)}`)
    t.ok(checkValue(schema, type, bad, { mode: 'response' }).length > 0, `${type} refuses ${JSON.stringify(bad)}`)
  }
})

t.test('request mode: required, unknown and readOnly properties', async t => {
  const type = 'auth.ApiCredentialRequestParams'
  t.same(checkValue(schema, type, { accessRules: [] }, { mode: 'request' }), [], 'optional properties may be left out')
  t.match(checkValue(schema, type, {}, { mode: 'request' }), [{ path: 'accessRules', kind: 'missing' }])
  t.match(checkValue(schema, type, { accessRules: [], nope: 1 }, { mode: 'request' }), [{ path: 'nope', kind: 'unknown' }])
  t.match(checkValue(schema, type, { accessRules: null }, { mode: 'request' }), [{ path: 'accessRules', kind: 'null' }])
  // OVH reads null as "not given" for an optional property, whether or not its model allows null.
  const absent: string[] = []
  const body = { accessRules: [{ method: 'GET', path: '/*' }], allowedIPs: null, redirection: null }
  t.same(checkValue(schema, type, body, { mode: 'request', onAbsentNull: (_record, name) => absent.push(name) }), [], 'null optional properties')
  t.same(absent, ['allowedIPs'], 'reported where the model never holds null')
  t.match(checkValue(schema, type, { accessRules: [], allowedIPs: null }, { mode: 'response' }), [{ path: 'allowedIPs', kind: 'null' }], 'an answer still may not')
  t.match(checkValue(schema, type, { accessRules: [null] }, { mode: 'request' }), [{ path: 'accessRules[0]', kind: 'null' }], 'nor may an item of a list')
})

t.test('request validation drops the nulls that mean "not given", at any depth', async t => {
  const credential = schema.operation('POST', '/auth/credential')!
  t.same(validateRequest(schema, credential, { query: {}, body: { accessRules: [{ method: 'GET', path: '/*' }], allowedIPs: null, redirection: null } }).body,
    { accessRules: [{ method: 'GET', path: '/*' }], redirection: null }, 'allowedIPs dropped, redirection (nullable) kept')
  // A nested model: the address (contact.Address) of a whole-body me.contact.Contact.
  const contact = schema.operation('POST', '/me/contact')!
  const nested = validateRequest(schema, contact, { query: {}, body: { address: { country: 'FR', city: null, line1: 'rue', zip: null }, email: 'a@b.example', firstName: 'A', lastName: 'B', language: 'fr_FR', legalForm: 'individual', phone: '+33.1' } }).body as Record<string, any>
  t.equal(nested.address.line1, 'rue')
  t.notOk('city' in nested.address, 'a nested null optional property is dropped too')
  t.equal(nested.address.zip, null, 'a nullable one is kept')
  t.match(rejection(() => validateRequest(schema, credential, { query: {}, body: { accessRules: null, allowedIPs: null } })).message, 'accessRules')
})

t.test('query and path parameters are coerced from text', async t => {
  const zoneRecords = schema.operation('GET', '/domain/zone/{zoneName}/record')!
  t.same(coerceText(schema, zoneRecords, 'long', '42'), { ok: true, value: 42 })
  t.same(coerceText(schema, zoneRecords, 'boolean', 'true'), { ok: true, value: true })
  t.same(coerceText(schema, zoneRecords, 'domain.zone.RecordTypeEnum', 'A'), { ok: true, value: 'A' })
  t.match(coerceText(schema, zoneRecords, 'domain.zone.RecordTypeEnum', 'AAAAA'), { ok: false, message: /does not belong to domain\.zone\.RecordTypeEnum/ })
  t.same(coerceText(schema, zoneRecords, 'long[]', ['1,2', '3']), { ok: true, value: [1, 2, 3] })
  t.match(coerceText(schema, zoneRecords, 'long', ['1', '2']), { ok: false })
  t.match(coerceText(schema, zoneRecords, 'dnssec.KeyAlgorithmEnum', '8'), { ok: true, value: 8 })

  t.same(validateRequest(schema, zoneRecords, { query: { fieldType: 'MX', subDomain: 'www' }, body: undefined }), { query: { fieldType: 'MX', subDomain: 'www' }, body: undefined })
  t.same(rejection(() => validateRequest(schema, zoneRecords, { query: { fieldType: 'MXX' }, body: undefined })).status, 400)
  t.match(rejection(() => validateRequest(schema, zoneRecords, { query: { fieldType: 'MXX' }, body: undefined })).message, 'Invalid value for query parameter fieldType')

  const task = schema.operation('GET', '/domain/{serviceName}/task/{id}')!
  t.equal(validatePathParam(schema, task, 'id', '12'), 12)
  t.match(rejection(() => validatePathParam(schema, task, 'id', 'twelve')), { status: 400, message: /path parameter id/ })
  t.match(rejection(() => validatePathParam(schema, task, 'id', '')), { status: 404 })
})

t.test('bodies: whole models and named fields', async t => {
  const update = schema.operation('POST', '/domain/{serviceName}/nameServers/update')!
  const good = { nameServers: [{ host: 'ns1.example.net' }] }
  t.same(validateRequest(schema, update, { query: {}, body: good }).body, good)
  // The mistake the guide makes (docs/OVH-API.md 15): it must fail loudly.
  t.match(rejection(() => validateRequest(schema, update, { query: {}, body: { nameServer: [{ host: 'ns1.example.net' }] } })), {
    status: 400,
    message: /Missing parameter\(s\): nameServers; Unknown body parameter nameServer/
  })
  t.match(rejection(() => validateRequest(schema, update, { query: {}, body: undefined })).message, 'Missing parameter(s): body')

  const changeContact = schema.operation('POST', '/domain/{serviceName}/changeContact')!
  t.same(validateRequest(schema, changeContact, { query: {}, body: { contactAdmin: 'ab1-ovh', contactTech: null } }).body, { contactAdmin: 'ab1-ovh', contactTech: null })
  t.match(rejection(() => validateRequest(schema, changeContact, { query: {}, body: { contactAdmin: 1 } })).message, 'Invalid value for body parameter contactAdmin')
  t.match(rejection(() => validateRequest(schema, changeContact, { query: {}, body: [1] })).message, 'expected a JSON object')
  const confirm = schema.operation('POST', '/domain/zone/{zoneName}/confirmTermination')!
  t.match(rejection(() => validateRequest(schema, confirm, { query: {}, body: {} })).message, 'Missing parameter(s): token')

  const logout = schema.operation('POST', '/auth/logout')!
  t.same(validateRequest(schema, logout, { query: {}, body: {} }).body, {}, 'an empty object where there is no body')
  t.match(rejection(() => validateRequest(schema, logout, { query: {}, body: { all: true } })).message, 'Unknown body parameter all')
})
