// Every ```graphql example of the README and docs/ is a valid document for schema.graphql: an
// example that drifted from the schema (a renamed field, a missing selection) is the first thing a
// new user runs. (test/app/docs-examples.test.ts runs them too; this names the page and the error.)
import t from 'tap'
import { readdir, readFile } from 'node:fs/promises'
import { buildSchema, parse, validate } from 'graphql'

t.test('the GraphQL examples of the README and docs/ validate against the schema', async t => {
  const schema = buildSchema(await readFile('schema.graphql', 'utf8'))
  const pages = ['README.md', ...(await readdir('docs')).filter(name => name.endsWith('.md')).map(name => `docs/${name}`)]
  let count = 0
  for (const page of pages) {
    const text = await readFile(page, 'utf8')
    for (const [, example] of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      count++
      const errors = validate(schema, parse(example)).map(error => error.message)
      t.same(errors, [], `${page}: ${example.trim().split('\n')[0]}`)
    }
  }
  t.ok(count >= 10, `${count} examples found`)
})
