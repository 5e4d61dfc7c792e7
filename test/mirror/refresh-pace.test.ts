// Reconciliation reads a domain before its copy is older than MIRROR_DETAIL_MAX_AGE (one full pass
// early, oldest first, before the domains expiring soon), and a run that is done schedules the
// next one for when the next domain falls due. Against the sandbox over HTTP, at OVH's budget of
// 60 calls a minute, with a portfolio of 500 domains (a pass of 10 calls, about 11.5 s at 54 a minute).
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import type { Teardown } from '../support/database.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { byRoute, seedSyncKey, syncCalls } from '../support/mirror.js'
import type { SyncSetup } from '../support/mirror.js'
import { domainsJob, JOB } from '../../src/mirror/job-names.js'

const SECOND = 1000
const ENV = { OVH_RATE_LIMIT_PER_MINUTE: '60', MIRROR_DETAIL_MAX_AGE: '120' }

async function synced (test: Teardown & { equal: typeof t.equal }): Promise<{ ctx: TestApp, setup: SyncSetup, accountId: string }> {
  const ctx = await build(test, { env: ENV })
  addDomains(ctx.sandbox, 'demo-ovh', 487, 'pace')
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  test.equal(status.state, 'ready', 'first sync complete')
  test.equal(status.domainsSynced, 500)
  return { ctx, setup, accountId: status.accountId }
}

async function age (ctx: TestApp, accountId: string, names: string[], ms: number, extra: { expiresAt?: Date } = {}): Promise<void> {
  await ctx.db.mirrorDomain.updateMany({ where: { accountId, name: { in: names } }, data: { syncedAt: new Date(Date.now() - ms), ...extra } })
}

t.test('a domain is read before it is older than the max age, oldest first, before those expiring soon', async t => {
  const { ctx, setup, accountId } = await synced(t)
  await age(ctx, accountId, (await ctx.db.mirrorDomain.findMany({ where: { accountId }, select: { name: true } })).map(row => row.name), 0)
  // 60 domains expiring within 30 days, due by that rule (older than a quarter of the max age)...
  const expiring = Array.from({ length: 60 }, (_, i) => `pace-${String(i).padStart(3, '0')}.com`)
  await age(ctx, accountId, expiring, 60 * SECOND, { expiresAt: new Date(Date.now() + 10 * 86_400_000) })
  // ...one 112 s old: under the max age of 120 s, but within a pass (and a run's start) of it...
  const later = { expiresAt: new Date(Date.now() + 365 * 86_400_000) }
  await age(ctx, accountId, ['demo-shop.com'], 112 * SECOND, later)
  // ...and one 80 s old, not due yet.
  await age(ctx, accountId, ['pace-400.com'], 80 * SECOND, later)
  const since = lastCallId(ctx.sandbox)

  // One call allowed: the first batch only.
  await ctx.app.mirror.runDomains(accountId, { maxCalls: 1 })
  const [read] = byRoute(syncCalls(ctx, setup, since), '/domain/{serviceName}')
  const names = read.path.slice('/domain/'.length).split(',')
  t.equal(names[0], 'demo-shop.com', 'the domain about to pass the max age is read first')
  t.equal(names.length, 50, 'then the expiring ones, with the room left')
  t.notOk(names.includes('pace-400.com'), 'a domain with a pass and more left before the max age waits')
})

t.test('a run that is done names when the next domain falls due, and its job runs then', async t => {
  const { ctx, accountId } = await synced(t)
  // Everything fresh (details and services) but one domain, 70 s old: due in about 33.5 s (120 s
  // less a pass of 11.5 s, 5 s for a run's start and its 70 s), not at the idle cadence (60 s).
  await ctx.db.mirrorDomain.updateMany({ where: { accountId }, data: { syncedAt: new Date(), serviceSyncedAt: new Date() } })
  await age(ctx, accountId, ['demo-shop.com'], 70 * SECOND)
  const before = Date.now()
  const outcome = await ctx.app.mirror.runDomains(accountId)
  t.equal(outcome?.result, 'done')
  const wait = outcome!.retryAt!.getTime() - before
  t.ok(wait > 20 * SECOND && wait < 45 * SECOND, `the next run in ${wait} ms`)

  // The engine's job queues its successor at that time.
  await ctx.app.jobs.queue.addJob(JOB.domains, { accountId }, domainsJob(accountId))
  await ctx.app.jobs.runDue()
  const [next] = (await ctx.app.jobs.queue.pendingJobs(JOB.domains)).filter(job => job.key === domainsJob(accountId).jobKey)
  const inMs = next.runAt.getTime() - before
  t.ok(inMs > 20 * SECOND && inMs < 45 * SECOND, `the successor runs in ${inMs} ms`)
})

t.test('the status reports the pass the sync leads by (P, the bound on an outside change past the max age)', async t => {
  const { ctx, setup } = await synced(t)
  // 500 domains: 10 calls at 54 a minute, less the list's and the activity's: about 11.5 s, the
  // floor (the measured pace of the test's own batches raises it only on a very loaded machine).
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  t.ok(status.detailPassSeconds !== null && status.detailPassSeconds >= 11 && status.detailPassSeconds <= 60, `P = ${status.detailPassSeconds} s`)
})
