// The size of a zone import over REST: a zone file of the size docs/dns.md allows (1,000,000
// characters) fits its JSON wrapper however the client escapes it; what is bigger is refused
// with the codes docs/errors.md gives, before OVH sees anything.
import t from 'tap'
import { build, settled } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const ZONE = 'demo-tea.co.uk'
const MAX = 1_000_000

// Exactly `length` characters of TXT records, whose quotes and line breaks JSON escapes (2 bytes).
function zoneFile (length: number): string {
  const line = 'txt IN TXT "v=1"\n'
  return line.repeat(Math.ceil(length / line.length)).slice(0, length)
}

t.test('zone import size', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const auth = { authorization: `Bearer ${user.apiKey}` }
  const imports = (since: number) => ctx.sandbox.admin.calls({ since }).filter(call => call.route === '/domain/zone/{zoneName}/import')

  t.test('a file of the largest size allowed is imported, escaped or not', async t => {
    const file = zoneFile(MAX)
    t.ok(Buffer.byteLength(JSON.stringify({ zoneFile: file })) > 1_048_576, 'its JSON is over the default body limit')
    let since = lastCallId(ctx.sandbox)
    const answer = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/import`, { zoneFile: file })
    t.equal(answer.statusCode, 200, JSON.stringify(answer.body).slice(0, 300))
    t.match(answer.body, { function: 'ZoneImport', status: 'todo' })
    t.match(imports(since), [{ method: 'POST', status: 200 }], 'OVH got it')
    await settled(ctx.app)

    // Every character escaped as \uXXXX (as Python's json.dumps does with non-ASCII text): 6 bytes each.
    since = lastCallId(ctx.sandbox)
    const escaped = await ctx.app.inject({ method: 'POST', url: `/v1/dns/zones/${ZONE}/import`, headers: { ...auth, 'content-type': 'application/json' }, payload: `{"zoneFile": "${'\\u00e9'.repeat(MAX)}"}` })
    t.equal(escaped.statusCode, 200, escaped.body.slice(0, 300))
    t.match(imports(since), [{ status: 200 }])
    await settled(ctx.app)
  })

  t.test('a bigger file or body is refused before OVH', async t => {
    const since = lastCallId(ctx.sandbox)
    const tooLong = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/import`, { zoneFile: zoneFile(MAX + 1) })
    t.match(tooLong, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.zoneFile', message: /1000000 characters/ }] } })
    const tooBig = await ctx.app.inject({ method: 'POST', url: `/v1/dns/zones/${ZONE}/import`, headers: { ...auth, 'content-type': 'application/json' }, payload: Buffer.alloc(7 * MAX, 'x') })
    t.equal(tooBig.statusCode, 413)
    t.match(tooBig.headers['content-type'], /^application\/problem\+json/)
    t.match(tooBig.json(), { code: 'PAYLOAD_TOO_LARGE', status: 413, limit: Number, requestId: tooBig.headers['x-request-id'] })
    t.same(imports(since), [], 'nothing reached OVH')
  })
})
