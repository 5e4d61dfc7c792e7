// After the first sync: the list diff (domains added and removed at OVH), a change made at OVH
// outside the gateway found by reconciliation, and a write-through refresh request, each with the
// calls it cost against the sandbox over HTTP.
import t from 'tap'
import { build } from '../helper.js'
import type { Teardown } from '../support/database.js'
import type { TestApp } from '../helper.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { byRoute, seedSyncKey, syncCalls } from '../support/mirror.js'
import type { SyncSetup } from '../support/mirror.js'

const DAY = 86_400_000

async function synced (test: Teardown & { equal: typeof t.equal }, env: Record<string, string> = {}): Promise<{ ctx: TestApp, setup: SyncSetup, accountId: string }> {
  const ctx = await build(test, { env })
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  test.equal(status.state, 'ready', 'first sync complete')
  return { ctx, setup, accountId: status.accountId }
}

const domainsOf = (ctx: TestApp) => ctx.sandbox.state.accounts['demo-ovh'].domains

t.test('the list diff adds the domains OVH lists and removes those it no longer does', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const [added] = addDomains(ctx.sandbox, 'demo-ovh', 1, 'fresh')
  delete domainsOf(ctx)['demo-old.com']
  // The list is due again (MIRROR_LIST_INTERVAL has passed).
  await ctx.db.mirrorAccount.update({ where: { id: accountId }, data: { lastListAt: new Date(Date.now() - 3_600_000) } })
  const since = lastCallId(ctx.sandbox)

  const outcome = await ctx.app.mirror.runDomains(accountId)
  t.equal(outcome?.result, 'done')
  const calls = syncCalls(ctx, setup, since)
  t.equal(byRoute(calls, '/domain').length, 1, 'one list')
  t.same(byRoute(calls, '/domain/{serviceName}').map(call => call.batchSize), [1], 'one read: the new domain only')
  const fresh = await ctx.db.mirrorDomain.findUnique({ where: { accountId_name: { accountId, name: added } } })
  t.ok(fresh?.detail, 'the new domain is mirrored with its details')
  t.equal(await ctx.db.mirrorDomain.count({ where: { accountId, name: 'demo-old.com' } }), 0, 'the removed one is gone')
  const [status] = await ctx.app.mirror.status({ accountId })
  t.equal(status.domainsKnown, Object.keys(domainsOf(ctx)).length)
  t.equal(status.domainsSynced, status.domainsKnown)
})

t.test('a change made at OVH outside the gateway is found by reconciliation, oldest first', async t => {
  const { ctx, setup, accountId } = await synced(t)
  // As OVH's control panel would: the expiry moved, renewal and lock changed, other name servers.
  const domain = domainsOf(ctx)['demo-shop.com']
  domain.expiration += 365 * DAY
  domain.renew.automatic = !domain.renew.automatic
  domain.transferLockStatus = domain.transferLockStatus === 'locked' ? 'unlocked' : 'locked'
  domain.nameServers = domain.nameServers.map((server, index) => ({ ...server, nameServer: `ns${index + 1}.elsewhere.example` }))
  const before = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-shop.com' } } })
  // Its copy is older than MIRROR_DETAIL_MAX_AGE; every other one is fresh.
  await ctx.db.mirrorDomain.update({ where: { accountId_name: { accountId, name: 'demo-shop.com' } }, data: { syncedAt: new Date(Date.now() - 2 * 3_600_000) } })
  const since = lastCallId(ctx.sandbox)

  await ctx.app.mirror.runDomains(accountId)
  const reads = byRoute(syncCalls(ctx, setup, since), '/domain/{serviceName}')
  t.same(reads.map(call => call.path), ['/domain/demo-shop.com'], 'only the domain due was read')
  const after = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-shop.com' } } })
  t.equal(after.expiresAt!.getTime() - before.expiresAt!.getTime(), 365 * DAY, 'expiry moved')
  t.not(after.renewalState, before.renewalState, 'renewal')
  t.not(after.transferLock, before.transferLock, 'lock')
  t.same(after.nameServers, ['ns1.elsewhere.example', 'ns2.elsewhere.example'].slice(0, after.nameServers.length), 'name servers')
  t.ok(after.syncedAt > before.syncedAt)
})

t.test('a refresh request after a write is read first, in one batch, deduplicated', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const scope = { tenantId: setup.tenant.id, ovhEndpoint: 'sandbox', ovhAccount: 'demo-ovh' }
  domainsOf(ctx)['demo-blog.net'].renew.automatic = !domainsOf(ctx)['demo-blog.net'].renew.automatic
  const before = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-blog.net' } } })
  await ctx.app.mirrorRefresh!.request(scope, { domains: ['demo-blog.net', 'DEMO-SHOP.COM'] }, 'write')
  await ctx.app.mirrorRefresh!.request(scope, { domains: ['demo-blog.net'] }, 'write')
  const queued = await ctx.app.jobs.queue.pendingJobs('mirror:refresh')
  t.equal(queued.length, 1, 'one job for the account and reason')
  // Another tenant's scope, a bad name: nothing queued, nothing thrown.
  await ctx.app.mirrorRefresh!.request({ ...scope, tenantId: '00000000-0000-0000-0000-000000000000' }, { domains: ['demo-blog.net'] }, 'write')
  await ctx.app.mirrorRefresh!.request(scope, { domains: ['not a name'] }, 'stale')
  t.equal((await ctx.app.jobs.queue.pendingJobs('mirror:refresh')).length, 1)
  const since = lastCallId(ctx.sandbox)

  await ctx.app.jobs.runDue()
  const reads = byRoute(syncCalls(ctx, setup, since), '/domain/{serviceName}')
  t.same(reads.map(call => call.batchSize), [2], 'both domains in one batch read, each once')
  const after = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-blog.net' } } })
  t.not(after.renewalState, before.renewalState, 'refreshed')
})

t.test('stale reads of one domain queue its refresh once; a write still queues its own', async t => {
  const { ctx, setup } = await synced(t)
  const scope = { tenantId: setup.tenant.id, ovhEndpoint: 'sandbox', ovhAccount: 'demo-ovh' }
  // As 20 concurrent reads of a popular stale domain, then more later: one entry in the waiting job.
  await Promise.all(Array.from({ length: 20 }, () => ctx.app.mirrorRefresh!.request(scope, { domains: ['demo-blog.net'] }, 'stale')))
  await ctx.app.mirrorRefresh!.request(scope, { domains: ['DEMO-BLOG.NET', 'demo-shop.com'] }, 'stale')
  await ctx.app.mirrorRefresh!.request(scope, { domains: ['demo-blog.net'] }, 'write')
  const payloads = await ctx.db.$queryRaw<Array<{ key: string, payload: Array<{ domains: string[] }> }>>`
    SELECT j.key, j.payload FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks k ON k.id = j.task_id
    WHERE k.identifier = 'mirror:refresh' ORDER BY j.key`
  const domainsIn = (reason: string) => payloads.filter(job => job.key.endsWith(`:${reason}`)).flatMap(job => job.payload.flatMap(entry => entry.domains))
  t.same(domainsIn('stale').sort(), ['demo-blog.net', 'demo-shop.com'], 'each stale domain asked once')
  t.same(domainsIn('write'), ['demo-blog.net'], 'the write is queued all the same')
})
