// REST date query parameters (audit since/until, orders from/to, domains expiringBefore) take a
// date-time or a bare date, which is midnight UTC, and the document says so.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const DAY = 86_400_000

t.test('a bare date is midnight UTC, wherever a REST query takes a date', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx)

  t.test('audit: since and until', async t => {
    t.same((await graphql(ctx, admin.apiKey, 'mutation { setPriceRule(tld: "com", rule: { marginType: percent, marginValue: 15 }) { tld } }')).body.data, { setPriceRule: { tld: 'com' } })
    let entry = null
    while (entry === null) entry = await ctx.db.auditEntry.findFirst({ where: { tenantId: admin.tenant.id } })
    // The day of the entry, not of the clock: the test may straddle midnight.
    const day = entry.createdAt.toISOString().slice(0, 10)
    const next = new Date(Date.parse(day) + DAY).toISOString().slice(0, 10)
    const count = async (query: string) => {
      const answer = await rest(ctx, admin.apiKey, 'GET', `/v1/audit?${query}`)
      t.equal(answer.statusCode, 200, `${query}: ${JSON.stringify(answer.body.fields ?? '')}`)
      return answer.body.totalCount
    }
    t.equal(await count(`since=${day}`), 1, 'since the day it was written')
    t.equal(await count(`since=${day}T00:00:00Z`), 1, 'the same as its midnight UTC')
    t.equal(await count(`until=${day}`), 0, 'until that day excludes it')
    t.equal(await count(`since=${next}`), 0)
    t.equal(await count(`until=${next}&since=${day}`), 1)
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/audit?since=2026-13-01'), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'querystring.since' }] } })
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/audit?since=2026-11-01T10:00:00'), { statusCode: 400 }, 'a date-time needs its offset')
  })

  t.test('orders: from and to reach OVH as midnight UTC', async t => {
    const since = lastCallId(ctx.sandbox)
    const answer = await rest(ctx, admin.apiKey, 'GET', '/v1/orders?from=2026-11-01&to=2026-12-01T12:00:00%2B02:00')
    t.equal(answer.statusCode, 200, JSON.stringify(answer.body.fields ?? ''))
    const list = ctx.sandbox.admin.calls({ since }).find(call => call.route === '/me/order')!
    const query = new URLSearchParams(list.path.split('?')[1])
    t.equal(query.get('date.from'), '2026-11-01T00:00:00.000Z')
    t.equal(query.get('date.to'), '2026-12-01T10:00:00.000Z')
  })

  t.test('the document says a date or a date-time', async t => {
    const doc = (await ctx.app.inject('/openapi.json')).json()
    for (const [path, name] of [['/v1/audit', 'since'], ['/v1/audit', 'until'], ['/v1/orders', 'from'], ['/v1/orders', 'to'], ['/v1/domains', 'expiringBefore']]) {
      const param = doc.paths[path].get.parameters.find((p: any) => p.name === name)
      t.match(param, { schema: { anyOf: [{ format: 'date' }, { format: 'date-time' }] }, description: /midnight UTC/ }, `${path} ${name}`)
    }
  })
})

t.test('GraphQL DateTime inputs take the same two forms as REST, and refuse the rest', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  const expiring = async (before: string, asVariable: boolean) => {
    const answer = asVariable
      ? await graphql(ctx, user.apiKey, 'query ($before: DateTime) { domains(first: 100, filter: { expiringBefore: $before }) { totalCount } }', { before })
      : await graphql(ctx, user.apiKey, `{ domains(first: 100, filter: { expiringBefore: ${JSON.stringify(before)} }) { totalCount } }`)
    return answer
  }
  for (const asVariable of [false, true]) {
    const how = asVariable ? 'variable' : 'literal'
    const bare = await expiring('2100-01-01', asVariable)
    t.equal(bare.statusCode, 200, `${how}: a bare date`)
    const full = await expiring('2100-01-01T00:00:00Z', asVariable)
    t.same(bare.body.data, full.body.data, `${how}: a bare date is midnight UTC`)
    t.equal((await expiring('2000-01-01', asVariable)).body.data.domains.totalCount, 0)
    for (const wrong of ['2026-13-01', '2026-11-01T10:00:00', 'soon']) {
      const refused = await expiring(wrong, asVariable)
      t.equal(refused.statusCode, 400, `${how}: ${wrong}`)
      t.match(refused.body.errors, [{ message: /DateTime must be a date-time with its offset .* or a date/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }], `${how}: ${wrong}`)
    }
  }
})
