// Every example of the README and docs/ runs as written on the demo data: each GraphQL block and each
// curl command, in the order a reader meets them, one gateway (with the sandbox's demo account) per
// page, as the demo admin of zero-configuration mode. An example must answer without errors, or with
// what it says it answers (`# -> error CODE` in a GraphQL block, `# -> 404` after a curl command).
import t from 'tap'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from '../helper.js'
import { seedUser } from '../support/fixtures.js'
import { docExamples, type DocExample } from '../support/doc-examples.js'
import { packageRoot } from '../../src/paths.js'

const pages = ['README.md', ...(await readdir(path.join(packageRoot, 'docs'))).filter(name => name.endsWith('.md')).map(name => `docs/${name}`)]

// What the docs' set-up defines: KEY is the demo API key (README "Five-minute tour").
const PLACEHOLDER_KEY = 'ogw_placeholder'

// A page whose examples carry values from one answer to the next (ids, versions) has a test of its
// own that does what the reader's shell would, and says so in the page.
const OWN_RUNNER = /<!-- examples run by (test\/[\w/.-]+\.test\.ts) -->/

const counted = await Promise.all(pages.map(async page => {
  const text = await readFile(path.join(packageRoot, page), 'utf8')
  const ownRunner = OWN_RUNNER.exec(text)?.[1]
  return { page, text, ownRunner, examples: ownRunner ? [] : docExamples(text, { KEY: PLACEHOLDER_KEY }) }
}))

t.test('a page with a runner of its own names one that exists', async t => {
  for (const { page, ownRunner } of counted) {
    if (ownRunner) t.ok(existsSync(path.join(packageRoot, ownRunner)), `${page}: ${ownRunner}`)
  }
})

t.test('the docs have examples to run', async t => {
  const total = counted.reduce((sum, page) => sum + page.examples.length, 0)
  t.ok(total >= 25, `${total} examples`)
})

function describe (example: DocExample): string {
  return example.kind === 'graphql'
    ? `line ${example.line}: ${example.query.trim().split('\n')[0].slice(0, 70)}`
    : `line ${example.line}: ${example.method} ${example.url}`
}

for (const { page, examples } of counted.filter(page => page.examples.length > 0)) {
  t.test(page, async t => {
    const ctx = await build(t)
    const demo = await seedUser(ctx, { role: 'admin' })
    for (const example of examples) {
      if (example.kind === 'graphql') {
        if (example.missingVariables.length > 0) {
          t.comment(`not run (${describe(example)}): it takes $${example.missingVariables.join(', $')} from an earlier answer`)
          continue
        }
        for (const operationName of example.operations) {
          const response = await ctx.app.inject({
            method: 'POST',
            url: '/graphql',
            headers: { authorization: `Bearer ${demo.apiKey}` },
            payload: { query: example.query, operationName, variables: example.variables }
          })
          const body = response.json() as { errors?: Array<{ extensions?: { code?: string } }> }
          if (example.expectError && operationName === example.operations[0]) {
            t.equal(body.errors?.[0]?.extensions?.code, example.expectError, `${describe(example)} ${operationName ?? ''}`)
          } else {
            t.equal(body.errors, undefined, `${describe(example)} ${operationName ?? ''}: ${JSON.stringify(body.errors)}`)
          }
        }
        continue
      }
      const headers = { ...example.headers }
      if (headers.authorization) headers.authorization = headers.authorization.replace(PLACEHOLDER_KEY, demo.apiKey)
      const response = await ctx.app.inject({
        method: example.method as 'GET',
        url: example.url,
        headers,
        ...(example.body === undefined ? {} : { payload: example.body })
      })
      if (example.expectStatus) {
        t.equal(response.statusCode, example.expectStatus, describe(example))
      } else {
        t.ok(response.statusCode >= 200 && response.statusCode < 300, `${describe(example)}: ${response.statusCode} ${response.body.slice(0, 300)}`)
      }
    }
  })
}
