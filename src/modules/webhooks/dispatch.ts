// The webhook dispatcher: reads the event feed after its cursor and turns each event into one
// delivery per enabled endpoint of its tenant that subscribed to its type. The deliveries, their
// jobs (graphile-worker's add_job, in SQL: one batch job per endpoint, deliver.ts) and the cursor's move are one transaction: a crash
// anywhere leaves either all of them or none, so no event is skipped and none is queued twice.
// It runs as a job (`events:dispatch`), woken by every committed event (a trigger queues it,
// migration events_and_webhooks) and by a cron line as a safety net.
import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/client.js'
import { readFeed, START } from '../events/feed.js'
import type { FeedEvent, FeedPosition } from '../events/feed.js'
import type { EventView } from '../events/types.js'

export const DISPATCH_JOB = 'events:dispatch'
export const DELIVER_JOB = 'webhooks:deliver'
// First attempts: one job per endpoint and dispatcher turn (deliver.ts). No job key: a keyed job
// that is running when the key is added again is unkeyed with its attempts used up
// (graphile-worker's add_job), so a batch failing then would never be tried again.
export const DELIVER_BATCH_JOB = 'webhooks:deliver-batch'
// The job engine's lane the deliveries run in (WEBHOOK_CONCURRENCY workers of their own).
export const WEBHOOK_LANE = 'webhooks'
const CURSOR = 'webhooks'

export interface DispatchOptions {
  // Events read per transaction, and deliveries queued per transaction at most (a tenant with many
  // endpoints takes fewer events a turn; an event's deliveries are never split between two).
  batchSize: number
  maxDeliveries: number
  maxAttempts: number
  // Called with each event once its deliveries are queued (GraphQL subscriptions).
  published?: (event: EventView) => void
}

function subscribed (events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type)
}

/**
 * An endpoint gets the events committed from its creation on, not the tenant's history: those of
 * transactions at or past the feed's horizon when it was created (store.ts). Comparing the event's
 * occurredAt (its transaction's start, PostgreSQL's now()) with the endpoint's createdAt missed an
 * event whose transaction began before the creation and committed after it (a refresh applying a
 * read, a write's outcome): it was dispatched after the endpoint existed, yet never sent to it. A
 * transaction that committed before the creation while an older one still ran is past the horizon
 * too, and its events are sent: at least once errs on that side. Endpoints created before the
 * column existed keep the old comparison.
 */
function owedTo (endpoint: { createdAt: Date, feedFrom: string | null }, event: FeedEvent): boolean {
  return endpoint.feedFrom === null ? event.occurredAt >= endpoint.createdAt : BigInt(event.position.txid) >= BigInt(endpoint.feedFrom)
}

// Prisma's interactive transactions end after 5 s by default. A batch that took longer (500 events
// to 10 endpoints: 5,000 deliveries and their jobs, on a busy database) failed at its commit, was
// retried whole, and failed again: no webhook left. Batches are bounded by their deliveries now,
// and this is the bound on one batch's time, not its expected length (well under a second).
const DISPATCH_TRANSACTION_MS = 30_000

export interface DispatchResult {
  // Events taken in this batch
  taken: number
  // Whether events were left behind that could be taken now: call again at once
  more: boolean
}

/** Dispatches one batch. */
export async function dispatchEvents (db: Db, options: DispatchOptions): Promise<DispatchResult> {
  let more = false
  const taken = await db.$transaction(async tx => {
    // The cursor's row, locked: two dispatchers at once (another instance) take turns, and the
    // second reads from where the first left off.
    await tx.$executeRawUnsafe('INSERT INTO "EventCursor" (name, txid, seq, "updatedAt") VALUES ($1, \'0\', 0, now()) ON CONFLICT DO NOTHING', CURSOR)
    const [stored] = await tx.$queryRawUnsafe<Array<{ txid: string, seq: bigint }>>('SELECT txid, seq FROM "EventCursor" WHERE name = $1 FOR UPDATE', CURSOR)
    const after: FeedPosition = stored === undefined ? START : { txid: stored.txid, seq: stored.seq.toString() }
    const events = await readFeed(tx, after, {}, options.batchSize)
    if (events.length === 0) return events
    const tenants = [...new Set(events.map(event => event.tenantId))]
    const endpoints = await tx.$queryRawUnsafe<Array<{ id: string, tenantId: string, events: string[], createdAt: Date, feedFrom: string | null }>>(
      `SELECT id::text AS id, "tenantId"::text AS "tenantId", events, "createdAt", "feedFrom"::text AS "feedFrom"
         FROM "WebhookEndpoint" WHERE "tenantId" = ANY($1::uuid[]) AND enabled`, tenants)
    const deliveries: Array<{ id: string, endpointId: string, eventId: string }> = []
    let count = 0
    for (const event of events) {
      const owed = endpoints
        .filter(endpoint => endpoint.tenantId === event.tenantId && subscribed(endpoint.events, event.type) && owedTo(endpoint, event))
        .map(endpoint => ({ id: randomUUID(), endpointId: endpoint.id, eventId: event.id }))
      if (count > 0 && deliveries.length + owed.length > options.maxDeliveries) break
      deliveries.push(...owed)
      count++
    }
    more = count < events.length || events.length === options.batchSize
    events.splice(count)
    if (deliveries.length > 0) {
      await tx.webhookDelivery.createMany({ data: deliveries })
      await tx.$executeRawUnsafe(
        `SELECT graphile_worker.add_job($1, json_agg(json_build_object('deliveryId', id)), max_attempts => $2)
           FROM unnest($3::text[], $4::text[]) AS t(id, endpoint) GROUP BY endpoint`,
        DELIVER_BATCH_JOB, options.maxAttempts, deliveries.map(delivery => delivery.id), deliveries.map(delivery => delivery.endpointId))
    }
    const last = events[events.length - 1].position
    await tx.eventCursor.update({ where: { name: CURSOR }, data: { txid: last.txid, seq: BigInt(last.seq) } })
    return events
  }, { timeout: DISPATCH_TRANSACTION_MS })
  for (const event of taken) options.published?.(event)
  return { taken: taken.length, more }
}

/**
 * Whether events past the cursor exist that no read may take yet: their transactions committed
 * after one still running (anywhere in the cluster: transaction ids are global). The dispatcher
 * then looks again shortly instead of waiting for the next event or its cron line.
 */
export async function eventsWaiting (db: Db): Promise<boolean> {
  const [row] = await db.$queryRawUnsafe<Array<{ waiting: boolean }>>(
    `SELECT EXISTS (
       SELECT 1 FROM "Event" e
        WHERE (e.txid, e.seq) > (SELECT c.txid::xid8, c.seq FROM "EventCursor" c WHERE c.name = $1)
           OR NOT EXISTS (SELECT 1 FROM "EventCursor" c WHERE c.name = $1)
     ) AS waiting`, CURSOR)
  return row?.waiting === true
}
