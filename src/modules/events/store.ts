// Writing events: always inside the transaction that makes the change they describe (a
// transactional outbox), so an event exists exactly when its change does. Readers (the feed, the
// webhook dispatcher) never see an event of a transaction that rolled back.
import type { Prisma } from '../../generated/prisma/client.js'
import type { Db } from '../../db/client.js'
import { eventView, readFeed } from './feed.js'
import type { FeedEvent, FeedFilter, FeedPosition } from './feed.js'
import { subjectTypeOf } from './types.js'
import type { EventView, NewEvent } from './types.js'

// Prisma's transaction client, or the client itself for a change that is one statement.
type Writer = Pick<Prisma.TransactionClient, 'event' | '$executeRawUnsafe'>

// Queues the webhook dispatcher (webhooks/dispatch.ts) in the writer's transaction, to run as
// soon as the events commit: one job at a time (its own named queue and key). Until the job
// engine's schema exists (no worker or queue has run yet) nothing is queued; its cron line
// catches up within a minute of a worker starting. A DO block, since the call must not even be
// planned without that schema (and the migration runner cannot hold a function's body).
const WAKE_DISPATCHER = `DO $$ BEGIN
  IF to_regnamespace('graphile_worker') IS NOT NULL THEN
    PERFORM graphile_worker.add_job('events:dispatch', '{}'::json, queue_name => 'events:dispatch', job_key => 'events:dispatch', job_key_mode => 'replace');
  END IF;
END $$`

/** Queues the dispatcher, for events written by a statement of their own (mirror/write-outcome.ts). */
export async function wakeDispatcher (db: Pick<Writer, '$executeRawUnsafe'>): Promise<void> {
  await db.$executeRawUnsafe(WAKE_DISPATCHER)
}

export async function writeEvents (tx: Writer, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return
  await tx.event.createMany({
    data: events.map(event => ({
      tenantId: event.tenantId,
      type: event.type,
      subjectType: subjectTypeOf(event.type),
      subject: event.subject,
      domain: event.domain ?? null,
      data: event.data as Prisma.InputJsonValue,
      cause: event.cause as Prisma.InputJsonValue,
      ...(event.occurredAt === undefined ? {} : { occurredAt: event.occurredAt }),
      ...(event.dedupeKey === undefined ? {} : { dedupeKey: event.dedupeKey })
    })),
    skipDuplicates: true
  })
  await tx.$executeRawUnsafe(WAKE_DISPATCHER)
}

export function createEventStore (db: Db) {
  return {
    read: (after: FeedPosition, filter: FeedFilter, limit: number): Promise<FeedEvent[]> => readFeed(db, after, filter, limit),
    /** One event of a tenant by its id (the webhook-id); null when the tenant has none such. */
    get: async (tenantId: string, id: string): Promise<EventView | null> => {
      const row = await db.event.findFirst({ where: { tenantId, id } })
      return row === null ? null : eventView(row)
    },
    write: (events: readonly NewEvent[]): Promise<void> => writeEvents(db, events)
  }
}
