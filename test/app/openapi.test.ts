// The OpenAPI document at /openapi.json says what the gateway really checks and answers: required
// headers, bounds, the values a list parameter takes, and the problem+json error answers.
import t from 'tap'
import { build } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'

type Json = any

const METHODS = ['get', 'post', 'put', 'delete', 'patch']

function parameter (doc: Json, path: string, method: string, name: string): Json {
  return doc.paths[path]?.[method]?.parameters?.find((p: Json) => p.name === name)
}

function bodySchema (doc: Json, path: string, method: string): Json {
  return doc.paths[path][method].requestBody.content['application/json'].schema
}

// Every "$ref" of the document, with where it is.
function refs (node: Json, at = '#'): Array<[string, string]> {
  if (node === null || typeof node !== 'object') return []
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [[at, value] as [string, string]] : refs(value, `${at}/${key}`))
}

t.test('the OpenAPI document', async t => {
  const ctx = await build(t)
  const doc: Json = (await ctx.app.inject('/openapi.json')).json()

  t.test('without PUBLIC_URL, the server is the gateway that serves the document', async t => {
    t.same(doc.servers, [{ url: '/', description: 'The gateway that serves this document' }])
  })

  t.test('OVH\'s enums in answers are open, as the answers are; inputs and the gateway\'s own enums are closed', async t => {
    const domain = doc.paths['/v1/domains/{name}'].get.responses['200'].content['application/json'].schema
    t.match(domain.properties.state, { type: 'string', 'x-ovh-enum': 'DomainState', 'x-extensible-enum': Array, description: /returned as OVH sent it/ })
    t.notOk('enum' in domain.properties.state, 'no closed enum')
    t.ok(domain.properties.state['x-extensible-enum'].includes('pending_delete'), 'known values listed')
    t.match(parameter(doc, '/v1/domains', 'get', 'state').schema.items, { enum: Array }, 'a filter takes the known values only')
    const me = doc.paths['/v1/me'].get.responses['200'].content['application/json'].schema
    t.match(me.properties.role, { enum: ['admin', 'operator', 'viewer'] }, 'the gateway\'s own roles')
    t.match(JSON.stringify(doc.components.schemas.EligibilityRule), /"x-ovh-enum":"RuleOperator"/, 'and in shared answer schemas')
  })

  t.test('enum values are described as in GraphQL, and error codes and event types from their lists', async t => {
    const domain = doc.paths['/v1/domains/{name}'].get.responses['200'].content['application/json'].schema
    t.equal(domain.properties.state['x-enumDescriptions'].deleted, 'Deleted at the registry.', 'schema.graphql\'s DomainState')
    const pay = doc.paths['/v1/orders/{orderId}/pay'].post.requestBody.content['application/json'].schema.properties
    t.match(JSON.stringify(pay), /"x-enumDescriptions":\{[^}]*"CREDIT_CARD":"A credit card/, 'OVH\'s spellings of PaymentMean')
    t.match(doc.components.schemas.Problem.properties.code['x-enumDescriptions'], { NOT_FOUND: /no such object/ }, 'docs/errors.md\'s text')
    t.notMatch(JSON.stringify(doc.components.schemas.Problem.properties.code['x-enumDescriptions']), /\]\(/, 'without its links')
    const types = parameter(doc, '/v1/events', 'get', 'types')
    t.match(JSON.stringify(types), /"domain.renewed":"The domain's expiry moved forward."/, 'the event types')
  })

  t.test('the Idempotency-Key header is required where the server requires it', async t => {
    for (const [path, method] of [['/v1/carts/{cartId}/checkout', 'post'], ['/v1/orders/domain', 'post'], ['/v1/domains/{name}/trade', 'post']]) {
      t.match(parameter(doc, path, method, 'idempotency-key'), { in: 'header', required: true, schema: { type: 'string', pattern: String } }, `${method} ${path}`)
    }
    const user = await seedUser(ctx, { role: 'operator' })
    const noKey = await rest(ctx, user.apiKey, 'POST', '/v1/orders/domain', { domain: 'no-key.com', ownerLegalAge: true })
    t.match(noKey, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'idempotencyKey' }] } }, 'as the server says')
  })

  t.test('a record\'s ttl is 0 or 60 to 86400 seconds, as checked', async t => {
    for (const [path, method] of [['/v1/dns/zones/{zone}/records', 'post'], ['/v1/dns/zones/{zone}/records/{id}', 'put']]) {
      const ttl = bodySchema(doc, path, method).properties.ttl
      t.match(ttl, { anyOf: [{ enum: [0] }, { type: 'integer', minimum: 60, maximum: 86400 }] }, `${method} ${path}`)
    }
    const soa = bodySchema(doc, '/v1/dns/zones/{zone}/soa', 'put').properties
    t.match(soa, {
      ttl: { type: 'integer', minimum: 60, maximum: 86400 },
      refresh: { minimum: 60, maximum: 2_419_200 },
      expire: { minimum: 3600, maximum: 4_838_400 },
      nxDomainTtl: { minimum: 60, maximum: 86400 }
    }, 'and the SOA timers')
  })

  t.test('list filters name their values, and say they take a comma-separated list', async t => {
    const cases: Array<[string, string, string[]]> = [
      ['/v1/domains', 'state', ['ok', 'expired', 'pending_delete']],
      ['/v1/tasks', 'status', ['todo', 'doing', 'error']],
      ['/v1/domains/{name}/tasks', 'status', ['todo', 'doing', 'error']]
    ]
    for (const [path, name, values] of cases) {
      const param = parameter(doc, path, 'get', name)
      t.match(param, { in: 'query', style: 'form', explode: false, schema: { type: 'array', items: { enum: Array } }, description: /comma-separated/i }, `${path} ${name}`)
      for (const value of values) t.ok(param.schema.items.enum.includes(value), `${path} ${name}: ${value}`)
    }
  })

  t.test('every /v1 operation documents its problem+json errors', async t => {
    t.match(doc.components.schemas.Problem, {
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'detail', 'requestId'],
      properties: { code: { enum: Array }, requestId: { type: 'string' }, fields: { type: 'array' }, retryAfter: { type: 'number' } }
    })
    t.ok(doc.components.schemas.Problem.properties.code.enum.includes('PAYLOAD_TOO_LARGE'))
    let operations = 0
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of METHODS.filter(m => item[m])) {
        operations++
        for (const range of ['4XX', '5XX']) {
          const schema = item[method].responses[range]?.content?.['application/problem+json']?.schema
          if (schema?.$ref !== '#/components/schemas/Problem') t.fail(`${method} ${path}: no ${range} problem answer`)
        }
      }
    }
    t.ok(operations > 90, `${operations} operations`)
    for (const [at, ref] of refs(doc)) {
      const target = ref.slice(2).split('/').reduce((node: Json, key) => node?.[key], doc)
      if (target === undefined) t.fail(`${at}: ${ref} points nowhere`)
    }
  })
})

t.test('a second gateway built in the same process writes the same document', async t => {
  // zod converts a recursive schema by calling its getter again: an id set inside the getter was
  // registered anew each time, and the second gateway's document failed ("Duplicate schema id").
  const first = await build(t)
  const second = await build(t)
  const [a, b] = await Promise.all([first, second].map(ctx => ctx.app.inject('/openapi.json')))
  t.equal(a.statusCode, 200)
  t.equal(b.statusCode, 200)
  t.same(b.json(), a.json())
})
