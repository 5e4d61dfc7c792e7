// Every ```graphql example of the README is a valid document for schema.graphql: an example that
// drifted from the schema (a renamed field, a missing selection) is the first thing a new user runs.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import { buildSchema, parse, validate } from 'graphql'

t.test('the README\'s GraphQL examples validate against the schema', async t => {
  const schema = buildSchema(await readFile('schema.graphql', 'utf8'))
  const readme = await readFile('README.md', 'utf8')
  const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map(match => match[1])
  t.ok(examples.length >= 5, `${examples.length} examples found`)
  for (const example of examples) {
    const errors = validate(schema, parse(example)).map(error => error.message)
    t.same(errors, [], example.trim().split('\n')[0])
  }
})
