// Clients generate code from the served schema, and GraphQL Code Generator's `typescript` plugin
// names enum members with change-case's pascalCase: two values of one enum that pascalCase alike
// (CREDIT_CARD and creditCard both become CreditCard) make output that does not compile.
import t from 'tap'
import { getIntrospectionQuery } from 'graphql'
import type { IntrospectionQuery } from 'graphql'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'

// change-case's pascalCase, small: split between a lower case letter or digit and an upper case
// letter, and before the last capital of a run followed by a lower case letter; drop everything
// that is neither letter nor digit; capitalize each word, lower the rest; a word after the first
// that starts with a digit is prefixed with "_".
function pascalCase (input: string): string {
  const words = input
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1\0$2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1\0$2')
    .split(/[^\p{L}\d]+/u)
    .filter(word => word !== '')
  return words.map((word, index) => {
    const first = word[0]!
    const initial = index > 0 && /\d/.test(first) ? `_${first}` : first.toUpperCase()
    return initial + word.slice(1).toLowerCase()
  }).join('')
}

t.test('pascalCase splits as change-case does', async t => {
  t.equal(pascalCase('CREDIT_CARD'), 'CreditCard')
  t.equal(pascalCase('creditCard'), 'CreditCard')
  t.equal(pascalCase('ovhAccount'), 'OvhAccount')
  t.equal(pascalCase('DNSSECKey'), 'DnssecKey')
  t.equal(pascalCase('v2_ready'), 'V2Ready')
  t.equal(pascalCase('a_2b'), 'A_2b')
})

t.test('no enum of the served schema has two values with one pascalCase identifier', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  const answer = await graphql(ctx, user.apiKey, getIntrospectionQuery())
  const schema = answer.body.data as IntrospectionQuery
  const enums = schema.__schema.types.filter(type => type.kind === 'ENUM' && !type.name.startsWith('__'))
  t.ok(enums.some(type => type.name === 'PaymentMean'), 'the enum that used to collide is checked')
  const collisions: string[] = []
  for (const type of enums) {
    if (type.kind !== 'ENUM') continue
    const seen = new Map<string, string>()
    for (const { name } of type.enumValues) {
      const identifier = pascalCase(name)
      const earlier = seen.get(identifier)
      if (earlier !== undefined) collisions.push(`${type.name}: ${earlier} and ${name} are both ${identifier}`)
      seen.set(identifier, name)
    }
  }
  t.same(collisions, [])
})
