// The event of a write through the gateway whose outcome OVH's answer makes certain (renewal
// settings, PUT serviceInfos) is recorded with the write, in the statement that updates the
// mirrored row: it exists when the gateway answers, once, caused by the request; the mirror's later
// refresh only confirms it. A write OVH refuses is no event; a change flipped back at once is two.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'
import { seedSyncKey } from '../support/mirror.js'
import type { SyncSetup } from '../support/mirror.js'
import type { Teardown } from '../support/database.js'

const env = { WORKERS: 'off', WEBHOOK_ALLOW_PRIVATE: 'true', MIRROR_READS: 'on' }
const DOMAIN = 'demo-shop.com'

async function synced (t: Teardown) {
  const ctx = await build(t, { env })
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  return { ctx, setup, accountId: status.accountId }
}

async function setRenewal (ctx: TestApp, setup: SyncSetup, automatic: boolean, requestId: string) {
  return await ctx.app.inject({
    method: 'PUT',
    url: `/v1/domains/${DOMAIN}/serviceInfos`,
    headers: { authorization: `Bearer ${setup.apiKey}`, 'x-request-id': requestId },
    payload: { renew: { automatic } }
  })
}

const renewalEvents = async (ctx: TestApp) =>
  await ctx.db.event.findMany({ where: { type: 'domain.renewal_changed' }, orderBy: { seq: 'asc' } })

const row = async (ctx: TestApp, accountId: string) =>
  await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: DOMAIN } } })

t.test('a write through the gateway is one event, recorded before the answer, with its request as cause', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const before = (await row(ctx, accountId)).renewalState
  t.equal(before, 'automatic_renew', 'the seeded domain renews automatically')
  const write = await setRenewal(ctx, setup, false, 'billing-run-8')
  t.equal(write.statusCode, 200, write.body)

  // No job has run: the event and the row come from the write itself.
  const events = await renewalEvents(ctx)
  t.match(events, [{ tenantId: setup.tenant.id, domain: DOMAIN, data: { before: 'automatic_renew', after: 'manual_renew' }, cause: { kind: 'gateway', requestId: 'billing-run-8', userId: setup.user.id } }])
  const updated = await row(ctx, accountId)
  t.equal(updated.renewalState, 'manual_renew')
  t.match(updated.detail, { renewalState: 'manual_renew' }, 'the stored object says the same')

  // The write-through refresh reads the domain at OVH: it confirms, and records nothing twice.
  await ctx.app.jobs.runDue()
  t.equal((await renewalEvents(ctx)).length, 1, 'still one event after the refresh')
  t.equal((await row(ctx, accountId)).renewalState, 'manual_renew')
  t.equal(ctx.sandbox.state.accounts['demo-ovh'].domains[DOMAIN].renew.automatic, false, 'OVH has the change')

  // Another tenant sees nothing of it.
  const other = await seedUser(ctx, { role: 'admin' })
  const feed = await rest(ctx, other.apiKey, 'GET', '/v1/events')
  t.equal(feed.statusCode, 200)
  t.same(feed.body.items, [], 'another tenant\'s feed is empty')
})

t.test('a write OVH refuses is no event, and leaves the row', async t => {
  const { ctx, setup, accountId } = await synced(t)
  ctx.sandbox.admin.addFault({ method: 'PUT', path: `/domain/${DOMAIN}/serviceInfos`, status: 400, message: 'refused by the test', times: 1 })
  const write = await setRenewal(ctx, setup, false, 'refused-run')
  t.not(write.statusCode, 200, 'the write failed')
  await ctx.app.jobs.runDue()
  t.same(await renewalEvents(ctx), [], 'no event')
  t.equal((await row(ctx, accountId)).renewalState, 'automatic_renew')
})

t.test('a renewal flipped and flipped back before any refresh is two events, also after the refresh', async t => {
  const { ctx, setup, accountId } = await synced(t)
  t.equal((await setRenewal(ctx, setup, false, 'flip-1')).statusCode, 200)
  t.equal((await setRenewal(ctx, setup, true, 'flip-2')).statusCode, 200)
  const expected = [
    { data: { before: 'automatic_renew', after: 'manual_renew' }, cause: { requestId: 'flip-1' } },
    { data: { before: 'manual_renew', after: 'automatic_renew' }, cause: { requestId: 'flip-2' } }
  ]
  t.match(await renewalEvents(ctx), expected)
  await ctx.app.jobs.runDue()
  const events = await renewalEvents(ctx)
  t.equal(events.length, 2, 'the refresh, which finds the state it started from, adds none')
  t.match(events, expected)
  t.equal((await row(ctx, accountId)).renewalState, 'automatic_renew')
})

t.test('a read of the domain begun before a write and applied after it is not applied over it', async t => {
  const { ctx, setup, accountId } = await synced(t)
  // The reconciliation reads the domain (stale), and OVH's answer is slow to arrive: the write
  // is made and recorded meanwhile.
  await ctx.db.mirrorDomain.update({ where: { accountId_name: { accountId, name: DOMAIN } }, data: { syncedAt: new Date(Date.now() - 2 * 3_600_000) } })
  const slow = ctx.sandbox.admin.addFault({ method: 'GET', path: '/domain/*', lateAnswerMs: 3_000, times: 1 })
  const reconciliation = ctx.app.mirror.runDomains(accountId)
  const deadline = Date.now() + 10_000
  // Taken (a fault whose `times` are spent leaves the list): OVH has read the domain, not answered.
  const taken = (): boolean => (ctx.sandbox.admin.faults().find(fault => fault.id === slow.id)?.hits ?? 1) >= 1
  while (!taken() && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  t.ok(taken(), 'the read began')
  t.equal((await setRenewal(ctx, setup, false, 'during-read')).statusCode, 200)
  await reconciliation
  const events = await renewalEvents(ctx)
  t.match(events, [{ data: { before: 'automatic_renew', after: 'manual_renew' }, cause: { requestId: 'during-read' } }])
  t.equal(events.length, 1, 'the older read recorded no change back')
  t.equal((await row(ctx, accountId)).renewalState, 'manual_renew')
  await ctx.app.jobs.runDue()
  t.equal((await renewalEvents(ctx)).length, 1)
})
