// The outcome of a write through the gateway that OVH accepted at once (a PUT answered 2xx, no
// task), applied to the mirrored row right away with its event in the same statement (the
// transactional outbox): the write's event exists when the gateway answers, instead of when the
// mirror reads the domain again (a refresh queued behind the others, which lost the changes flipped
// back before it ran). The write-through refresh still runs: it compares OVH's object with this
// row, finds nothing new, and records nothing twice. Writes OVH answers with a task (name servers,
// owner, lock...) are not certain yet: their tasks' events and the refresh say what happened.
//
// One statement that never waits for a lock, not an interactive transaction: the answer waits for
// it, and under load (the benchmark: 1,000 writes a minute) a transaction of several round trips
// per write, waiting for the rows a refresh was applying, held the database pool long enough to
// time the writes out.
import { Prisma } from '../generated/prisma/client.js'
import type { Db } from '../db/client.js'

/** An event row as the outcome writes it (events/store.ts writes the same columns). */
export interface OutcomeEvent {
  type: string
  subjectType: string
  subject: string
  domain: string
  data: unknown
  cause: unknown
}

/**
 * Sets the domain's renewalState to `after` when the stored one is a key of `eventByBefore`, and
 * writes that key's event, in one statement; the row is locked meanwhile, so a refresh applying
 * its read of the domain (apply-domains.ts) compares with the row this leaves. Any other stored
 * state (the same one, one the settings do not decide, a row never read) or a row locked by a
 * refresh changes nothing: the refresh then says what OVH has. Answers whether the row changed.
 */
export async function applyRenewalOutcome (db: Db, accountId: string, domain: string, after: string, eventByBefore: Readonly<Record<string, OutcomeEvent>>, tenantId: string, at: Date): Promise<boolean> {
  const inserted = await db.$queryRaw<Array<{ seq: bigint }>>(Prisma.sql`
    WITH locked AS (
      SELECT "renewalState" AS before FROM "MirrorDomain"
       WHERE "accountId" = ${accountId}::uuid AND "name" = ${domain} AND jsonb_typeof("detail") = 'object'
       -- A row a refresh is applying now is not waited for (the answer would wait with it): the
       -- outcome is not applied, and that refresh or the write's own records the change.
       FOR UPDATE SKIP LOCKED
    ), changed AS (
      UPDATE "MirrorDomain" AS d
         SET "renewalState" = ${after}, "detail" = jsonb_set(d."detail", '{renewalState}', to_jsonb(${after}::text)),
             -- Newer than any read begun before the write: such a read, applied later, is older
             -- than this row and is not applied over it (apply-domains.ts, domain-row.ts keepDomains).
             "syncedAt" = GREATEST(d."syncedAt", ${at.toISOString()}::timestamp)
        FROM locked
       WHERE d."accountId" = ${accountId}::uuid AND d."name" = ${domain} AND (${JSON.stringify(eventByBefore)}::jsonb -> locked.before) IS NOT NULL
      RETURNING ${JSON.stringify(eventByBefore)}::jsonb -> locked.before AS event
    )
    INSERT INTO "Event" ("id", "tenantId", "type", "subjectType", "subject", "domain", "data", "cause")
    SELECT gen_random_uuid(), ${tenantId}::uuid, event->>'type', event->>'subjectType', event->>'subject', event->>'domain', event->'data', event->'cause'
      FROM changed
    RETURNING "seq"`)
  return inserted.length > 0
}
