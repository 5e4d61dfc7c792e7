// The OpenAPI document names the server its paths are relative to: PUBLIC_URL when set (here),
// else '/', the gateway that served the document (test/app/openapi.test.ts). One build per file:
// a second app in the same process cannot make the document (the recursive EligibilityRule
// schema is registered again under its id in zod's global registry).
import t from 'tap'
import { build } from '../helper.js'

t.test('servers is PUBLIC_URL when set', async t => {
  const ctx = await build(t, { env: { PUBLIC_URL: 'https://gateway.example.net/' } })
  const doc = (await ctx.app.inject('/openapi.json')).json()
  t.match(doc.servers, [{ url: 'https://gateway.example.net', description: String }], 'without its trailing slash')
  t.ok(Object.keys(doc.paths).every(path => path.startsWith('/v1/')), 'paths carry /v1 themselves')
})
