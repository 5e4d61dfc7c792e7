// Enum values described once, in schema.graphql (or an enumeration's own list), and shown in the
// OpenAPI document beside every REST enum of the same values.
import t from 'tap'
import { enumValueDescriptionsOf, withEnumValueDescriptions } from '../../src/open-enums/value-descriptions.js'

const sdl = `
enum DomainState { "Active." ok "Past its expiry." expired }
enum PaymentMean { "A credit card." creditCard "A bank current account." CURRENT_ACCOUNT }
enum RuleType { "A short text." string "A list of texts." string_list }
enum Bare { one two }
`
const described = enumValueDescriptionsOf(sdl, [{ NOT_FOUND: 'No such object.', FORBIDDEN: 'Not allowed.', BAD_USER_INPUT: 'Invalid input.' }])
const valuesOf = (schema: object): unknown => (withEnumValueDescriptions(schema, described) as Record<string, unknown>)['x-enumDescriptions']

t.test('a REST enum of exactly a GraphQL enum\'s values, in its own order, open or closed', async t => {
  t.same(withEnumValueDescriptions({ type: 'string', enum: ['expired', 'ok'] }, described),
    { type: 'string', enum: ['expired', 'ok'], 'x-enumDescriptions': { expired: 'Past its expiry.', ok: 'Active.' } })
  t.same(valuesOf({ type: 'string', 'x-extensible-enum': ['ok', 'expired'] }),
    { ok: 'Active.', expired: 'Past its expiry.' }, 'an open OVH enum')
  t.same(withEnumValueDescriptions({ enum: ['ok'] }, described), { enum: ['ok'] }, 'a part of its values is another enumeration')
  t.same(withEnumValueDescriptions({ enum: ['ok', 'expired', 'deleted'] }, described), { enum: ['ok', 'expired', 'deleted'] }, 'and so is more')
  t.same(withEnumValueDescriptions({ enum: ['one', 'two'] }, described), { enum: ['one', 'two'] }, 'an undescribed GraphQL enum')
})

t.test('values compare without case or punctuation, and OVH\'s string[] is string_list', async t => {
  t.same(valuesOf({ enum: ['CREDIT_CARD', 'creditCard', 'CURRENT_ACCOUNT'] }),
    { CREDIT_CARD: 'A credit card.', creditCard: 'A credit card.', CURRENT_ACCOUNT: 'A bank current account.' }, 'both of OVH\'s spellings')
  t.same(valuesOf({ enum: ['string', 'string[]'] }),
    { string: 'A short text.', 'string[]': 'A list of texts.' })
})

t.test('a list describes any enum of its values; found anywhere in a document', async t => {
  const document = {
    paths: { '/v1/x': { get: { responses: { 404: { schema: { properties: { code: { enum: ['NOT_FOUND', 'FORBIDDEN'] } } } } } } } },
    components: { schemas: { Other: { anyOf: [{ enum: ['NOT_FOUND', 'GONE'] }, { type: 'null' }] } } }
  }
  withEnumValueDescriptions(document, described)
  t.same(document.paths['/v1/x'].get.responses[404].schema.properties.code,
    { enum: ['NOT_FOUND', 'FORBIDDEN'], 'x-enumDescriptions': { NOT_FOUND: 'No such object.', FORBIDDEN: 'Not allowed.' } })
  t.same(document.components.schemas.Other.anyOf[0], { enum: ['NOT_FOUND', 'GONE'] }, 'not when a value is missing from the list')
})
