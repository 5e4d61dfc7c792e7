// A mirrored domain read again within a second answers the row this process just read (one query
// a second for a popular domain), with that row's own syncedAt; the caller's tenant, account and
// access rules are checked at every read all the same. On with AUTH_CACHE_TTL_MS (capped at 1 s).
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { fillMirror } from '../support/mirror.js'
import { lastCallId } from '../support/sandbox.js'

const ctx = await build(t, { env: { MIRROR_READS: 'on', MIRROR_MAX_AGE_SECONDS: '300', AUTH_CACHE_TTL_MS: '5000' } })
const demo = ctx.sandbox.demo
const QUERY = '{ domain(name: "demo-shop.com") { name renewalState source syncedAt } }'

t.test('within a second, the row read before, with its own syncedAt; then the mirror\'s new one', async t => {
  const user = await seedUser(ctx)
  const first = new Date(Date.now() - 60_000)
  const { accountId } = await fillMirror(ctx, { tenantId: user.tenant.id, nic: demo.account, consumerKey: demo.consumerKey, syncedAt: first })
  const since = lastCallId(ctx.sandbox)
  const before = await graphql(ctx, user.apiKey, QUERY)
  t.match(before.body.data.domain, { source: 'MIRROR', syncedAt: first.toISOString() })

  // The sync reads it again meanwhile: OVH now says the renewal is manual.
  const row = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-shop.com' } } })
  const second = new Date()
  const detail = { ...(row.detail as object), renewalState: 'manual_renew' }
  await ctx.db.mirrorDomain.update({ where: { accountId_name: { accountId, name: 'demo-shop.com' } }, data: { detail, syncedAt: second } })

  const cached = await graphql(ctx, user.apiKey, QUERY)
  t.same(cached.body.data.domain, before.body.data.domain, 'the same row, saying when it was read from OVH')
  await new Promise(resolve => setTimeout(resolve, 1_100))
  const after = await graphql(ctx, user.apiKey, QUERY)
  t.match(after.body.data.domain, { source: 'MIRROR', syncedAt: second.toISOString() })
  t.equal(after.body.data.domain.renewalState, 'manual_renew', 'the new row')
  t.not(before.body.data.domain.renewalState, 'manual_renew')
  t.same(ctx.sandbox.admin.calls({ since }), [], 'no OVH call')
})

t.test('a cached row still answers only who may read it: access rules, tenant', async t => {
  const owner = await seedUser(ctx)
  const synced = new Date(Date.now() - 30_000)
  await fillMirror(ctx, { tenantId: owner.tenant.id, nic: demo.account, consumerKey: demo.consumerKey, syncedAt: synced })
  t.match((await graphql(ctx, owner.apiKey, QUERY)).body.data.domain, { source: 'MIRROR', syncedAt: synced.toISOString() })

  // A colleague whose key may read one other domain only.
  const limited = await seedUser(ctx, { slug: owner.tenant.slug })
  const rules = [{ method: 'GET', path: '/domain/demo-tea.co.uk/*' }]
  await ctx.db.ovhCredential.update({ where: { id: limited.credential!.id }, data: { accessRules: rules } })
  ctx.sandbox.state.credentials[limited.consumerKey!].rules = rules.map(rule => ({ ...rule, method: 'GET' as const }))
  t.equal((await graphql(ctx, limited.apiKey, QUERY)).body.errors?.[0].extensions.code, 'FORBIDDEN')

  // Another tenant on the same OVH account: its own mirror, its own row.
  const other = await seedUser(ctx)
  const its = new Date(Date.now() - 90_000)
  await fillMirror(ctx, { tenantId: other.tenant.id, nic: demo.account, consumerKey: demo.consumerKey, syncedAt: its })
  t.match((await graphql(ctx, other.apiKey, QUERY)).body.data.domain, { source: 'MIRROR', syncedAt: its.toISOString() })
})
