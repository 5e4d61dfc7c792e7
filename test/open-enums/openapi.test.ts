// OVH's enums in the OpenAPI document: found by the @ovhEnum marks of the GraphQL schema, documented
// open (a string with its known values listed), and nothing else touched.
import t from 'tap'
import { openOvhEnumComponents, openOvhEnumSchemas, ovhEnumsOf, withOpenOvhEnums } from '../../src/open-enums/openapi.js'

const sdl = `
directive @ovhEnum on ENUM
enum DomainState @ovhEnum { ok expired }
enum Role { admin viewer }
`
const enums = ovhEnumsOf(sdl)

t.test('only the enums marked @ovhEnum are OVH\'s, matched by their values in any order', async t => {
  t.same([...enums.values()], ['DomainState'])
  const opened = openOvhEnumSchemas({ type: 'string', enum: ['expired', 'ok'], description: 'The domain\'s state.' }, enums)
  t.same(opened, {
    type: 'string',
    'x-extensible-enum': ['expired', 'ok'],
    'x-ovh-enum': 'DomainState',
    description: 'The domain\'s state. OVH enumeration (GraphQL `DomainState`): a value OVH adds after this release is returned as OVH sent it. Known values: expired, ok.'
  })
})

t.test('the gateway\'s own enums, other value sets and non-string enums stay closed', async t => {
  const schema = {
    type: 'object',
    properties: {
      role: { type: 'string', enum: ['admin', 'viewer'] },
      some: { type: 'string', enum: ['ok'] },
      flags: { type: 'integer', enum: [256, 257] },
      state: { anyOf: [{ type: 'string', enum: ['ok', 'expired'] }, { type: 'null' }] }
    }
  }
  openOvhEnumSchemas(schema, enums)
  t.same(schema.properties.role, { type: 'string', enum: ['admin', 'viewer'] })
  t.same(schema.properties.some, { type: 'string', enum: ['ok'] })
  t.same(schema.properties.flags, { type: 'integer', enum: [256, 257] })
  t.match(schema.properties.state.anyOf[0], { type: 'string', 'x-ovh-enum': 'DomainState' }, 'inside a nullable')
  t.notOk('enum' in schema.properties.state.anyOf[0])
})

t.test('success answers only, and copies of them; answer components but not input ones', async t => {
  const answer = { type: 'string', enum: ['ok', 'expired'] }
  const transformed = withOpenOvhEnums({ schema: { querystring: { type: 'object', properties: { state: answer } }, response: { 200: answer, '4XX': answer } } }, enums)
  const response = (transformed.schema as any).response
  t.match(response[200], { 'x-ovh-enum': 'DomainState' })
  t.same(response['4XX'], { type: 'string', enum: ['ok', 'expired'] }, 'error answers are the gateway\'s')
  t.same(answer, { type: 'string', enum: ['ok', 'expired'] }, 'the cached schema is not changed')
  t.same((transformed.schema as any).querystring.properties.state, answer, 'inputs are refused outside the list: closed')

  const document = { components: { schemas: { Rule: { enum: ['ok', 'expired'] }, RuleInput: { enum: ['ok', 'expired'] } } } }
  openOvhEnumComponents(document, enums)
  t.match(document.components.schemas.Rule, { 'x-ovh-enum': 'DomainState' })
  t.same(document.components.schemas.RuleInput, { enum: ['ok', 'expired'] })
})
