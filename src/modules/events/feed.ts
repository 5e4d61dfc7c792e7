// The event feed: a tenant's events in a stable order with a cursor that never skips one.
//
// Sequence numbers are taken when rows are inserted but become visible when their transaction
// commits, so a reader ordering by them alone could pass a late commit's lower number and never see
// it. Each event therefore carries its transaction's id (xid8), and a read returns only events of
// transactions older than every transaction still running (pg_snapshot_xmin): whatever commits
// later has a larger transaction id than any the cursor has passed. The order is (txid, seq).
// Transaction ids are the whole cluster's, but only a transaction connected to this database can
// write an event: the horizon is the oldest transaction still running that is not known to be in
// another database (pg_stat_activity names the database of each backend's transaction). One whose
// database cannot be seen (another role's session, without pg_read_all_stats) or that ended since
// the snapshot still counts: the feed may wait for it, never skip past it. Before this, any long
// transaction of the server (another application's, another test's database) held the feed back.
import type { Db } from '../../db/client.js'
import { decodeCursor, encodeCursor } from '../shared/pagination.js'
import { badUserInput } from '../../errors.js'
import type { EventCause, EventType, EventView, SubjectType } from './types.js'

const CURSOR_KIND = 'events'

export interface FeedPosition {
  txid: string
  seq: string
}

export const START: FeedPosition = { txid: '0', seq: '0' }

export function encodeFeedCursor (position: FeedPosition): string {
  return encodeCursor(`${position.txid}.${position.seq}`, CURSOR_KIND)
}

export function decodeFeedCursor (cursor: string | null | undefined, field = 'after'): FeedPosition {
  if (!cursor) return START
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(decodeCursor(cursor, field, CURSOR_KIND))
  if (match === null) throw badUserInput('invalid cursor', [{ field, message: 'is not a cursor returned by this API for this list' }])
  return { txid: match[1], seq: match[2] }
}

export interface FeedFilter {
  // One tenant, or every tenant (the webhook dispatcher)
  tenantId?: string
  types?: readonly EventType[]
  subjectType?: SubjectType
  subject?: string
}

export interface FeedEvent extends EventView {
  position: FeedPosition
}

// The feed's horizon: events of transactions below it can no longer appear. The transactions
// running at the statement's snapshot (pg_snapshot_xip), less those running in another database;
// with none, the snapshot's xmax. backend_xid is a 32-bit xid, the snapshot's are xid8: compared
// modulo 2^32 (two running transactions never share those 32 bits).
export const HORIZON = `WITH snapshot AS (SELECT pg_current_snapshot() AS s),
  elsewhere AS (
    SELECT backend_xid::text AS xid FROM pg_stat_activity
     WHERE backend_xid IS NOT NULL AND datname IS DISTINCT FROM current_database()
  ),
  horizon AS (
    SELECT COALESCE(
      (SELECT min(running) FROM snapshot, pg_snapshot_xip(snapshot.s) AS running
        WHERE (running::text::numeric % 4294967296)::text NOT IN (SELECT xid FROM elsewhere)),
      (SELECT pg_snapshot_xmax(s) FROM snapshot)
    ) AS at
  )`

interface Row {
  seq: bigint
  txid: string
  id: string
  tenantId: string
  type: string
  subjectType: string
  subject: string
  domain: string | null
  occurredAt: Date
  data: Record<string, unknown>
  cause: EventCause
}

/** An event row as the API shows it (the feed's rows, or the Prisma model's). */
export function eventView (row: Pick<Row, 'id' | 'tenantId' | 'type' | 'subjectType' | 'subject' | 'domain' | 'occurredAt'> & { data: unknown, cause: unknown }): EventView {
  return {
    id: row.id,
    type: row.type as EventType,
    tenantId: row.tenantId,
    subjectType: row.subjectType as SubjectType,
    subject: row.subject,
    domain: row.domain,
    occurredAt: row.occurredAt,
    data: row.data as Record<string, unknown>,
    cause: row.cause as EventCause
  }
}

/** Up to `limit` events after `after`, oldest first, of transactions that can no longer commit. */
export async function readFeed (db: Pick<Db, '$queryRawUnsafe'>, after: FeedPosition, filter: FeedFilter, limit: number): Promise<FeedEvent[]> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `${HORIZON}
     SELECT seq, txid::text AS txid, id::text AS id, "tenantId"::text AS "tenantId", type, "subjectType", subject, domain, "occurredAt", data, cause
       FROM "Event"
      WHERE (txid, seq) > ($1::text::xid8, $2::bigint)
        AND txid < (SELECT at FROM horizon)
        AND ($3::uuid IS NULL OR "tenantId" = $3::uuid)
        AND ($4::text[] IS NULL OR type = ANY($4::text[]))
        AND ($5::text IS NULL OR "subjectType" = $5)
        AND ($6::text IS NULL OR subject = $6)
      ORDER BY txid, seq
      LIMIT $7`,
    after.txid, after.seq, filter.tenantId ?? null, filter.types === undefined || filter.types.length === 0 ? null : [...filter.types],
    filter.subjectType ?? null, filter.subject ?? null, limit
  )
  return rows.map(row => ({ ...eventView(row), position: { txid: row.txid, seq: row.seq.toString() } }))
}
