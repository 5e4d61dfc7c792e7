// The dispatcher bounds each transaction by the deliveries it queues: 500 events to 10 endpoints in
// one transaction outlasted Prisma's 5 s and failed for ever (bench/events.ts found it). Each batch
// takes whole events until the bound, the cursor moves past exactly those, and every event reaches
// every endpoint once over the batches.
import t from 'tap'
import { build } from '../../helper.js'
import { seedUser } from '../../support/fixtures.js'
import { writeEvents } from '../../../src/modules/events/store.js'
import { dispatchEvents } from '../../../src/modules/webhooks/dispatch.js'

t.test('batches stop at the delivery bound without splitting an event', async t => {
  const ctx = await build(t)
  // The job engine's schema (the dispatcher queues its deliveries' jobs there).
  await ctx.app.jobs.runDue()
  const { tenant } = await seedUser(ctx, { role: 'admin' })
  for (let i = 0; i < 3; i++) {
    await ctx.app.stores.webhooks.create(tenant.id, { url: `http://127.0.0.1:9/hook-${i}`, events: ['*'] })
  }
  await writeEvents(ctx.db, Array.from({ length: 5 }, (_, i) => ({
    tenantId: tenant.id,
    type: 'domain.renewal_changed' as const,
    subject: `d${i}.com`,
    domain: `d${i}.com`,
    data: { before: 'automatic_renew', after: 'manual_renew' },
    cause: { kind: 'ovh' as const }
  })))

  const batches: Array<{ taken: number, more: boolean }> = []
  for (let turn = 0; turn < 10; turn++) {
    const result = await dispatchEvents(ctx.db, { batchSize: 500, maxDeliveries: 7, maxAttempts: 3 })
    batches.push(result)
    if (!result.more) break
  }
  // 3 deliveries an event: two events (6) fit under 7, a third would not.
  t.same(batches, [{ taken: 2, more: true }, { taken: 2, more: true }, { taken: 1, more: false }])
  const deliveries = await ctx.db.webhookDelivery.findMany({ select: { endpointId: true, eventId: true } })
  t.equal(deliveries.length, 15, 'every event to every endpoint')
  t.equal(new Set(deliveries.map(delivery => `${delivery.endpointId}|${delivery.eventId}`)).size, 15, 'each once')
  t.same(await dispatchEvents(ctx.db, { batchSize: 500, maxDeliveries: 7, maxAttempts: 3 }), { taken: 0, more: false }, 'nothing left')
})

t.test('an event owed to more endpoints than the bound is still taken, alone', async t => {
  const ctx = await build(t)
  await ctx.app.jobs.runDue()
  const { tenant } = await seedUser(ctx, { role: 'admin' })
  for (let i = 0; i < 4; i++) await ctx.app.stores.webhooks.create(tenant.id, { url: `http://127.0.0.1:9/h${i}`, events: ['*'] })
  await writeEvents(ctx.db, [0, 1].map(i => ({ tenantId: tenant.id, type: 'domain.created' as const, subject: `e${i}.com`, domain: `e${i}.com`, data: {}, cause: { kind: 'ovh' as const } })))
  t.same(await dispatchEvents(ctx.db, { batchSize: 500, maxDeliveries: 2, maxAttempts: 3 }), { taken: 1, more: true })
  t.same(await dispatchEvents(ctx.db, { batchSize: 500, maxDeliveries: 2, maxAttempts: 3 }), { taken: 1, more: false })
  t.equal(await ctx.db.webhookDelivery.count(), 8)
})
