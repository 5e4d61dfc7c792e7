// Which events a new endpoint is owed: those committed after it was created, not the tenant's
// history. The dispatcher compared the event's occurredAt (its transaction's start: PostgreSQL's
// now()) with the endpoint's createdAt, so an event whose transaction began before the endpoint
// was created but committed after it was never sent to it, although nothing had told its receiver
// of the change (a refresh applying a read, a write's outcome waiting for its row).
import t from 'tap'
import pg from 'pg'
import { build } from '../../helper.js'
import { seedUser } from '../../support/fixtures.js'
import { dispatchEvents, eventsWaiting } from '../../../src/modules/webhooks/dispatch.js'

const OPTIONS = { batchSize: 500, maxDeliveries: 1_000, maxAttempts: 3 }

async function insertEvent (client: pg.Client, tenantId: string, subject: string): Promise<void> {
  await client.query(`INSERT INTO "Event" (id, "tenantId", type, "subjectType", subject, domain, data, cause)
    VALUES (gen_random_uuid(), $1::uuid, 'domain.renewal_changed', 'domain', $2, $2, '{}'::jsonb, '{"kind":"ovh"}'::jsonb)`, [tenantId, subject])
}

t.test('an event committed after an endpoint was created reaches it, one committed before does not', async t => {
  const ctx = await build(t)
  // The job engine's schema (the dispatcher queues its deliveries' jobs there).
  await ctx.app.jobs.runDue()
  const { tenant } = await seedUser(ctx, { role: 'admin' })
  const client = new pg.Client({ connectionString: ctx.config.databaseUrl })
  await client.connect()
  t.teardown(() => client.end())

  // History: committed before the endpoint exists.
  await insertEvent(client, tenant.id, 'before.com')
  // A transaction that starts (its now() is fixed here, and its id taken), then waits while the
  // endpoint is created.
  await client.query('BEGIN')
  await client.query('SELECT now(), pg_current_xact_id()')
  await new Promise(resolve => setTimeout(resolve, 20))
  const { endpoint } = await ctx.app.stores.webhooks.create(tenant.id, { url: 'http://127.0.0.1:9/hook', events: ['*'] })
  await insertEvent(client, tenant.id, 'during.com')
  await client.query('COMMIT')
  // And one made from start to end after the creation.
  await insertEvent(client, tenant.id, 'after.com')

  // The feed takes an event once no older transaction of the database runs: look again until the
  // dispatcher has taken all three.
  for (let turn = 0; turn < 100; turn++) {
    await dispatchEvents(ctx.db, OPTIONS)
    if (!await eventsWaiting(ctx.db)) break
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  const deliveries = await ctx.db.webhookDelivery.findMany({ where: { endpointId: endpoint.id }, include: { event: { select: { subject: true } } } })
  t.same(deliveries.map(delivery => delivery.event?.subject).sort(), ['after.com', 'during.com'])
})
