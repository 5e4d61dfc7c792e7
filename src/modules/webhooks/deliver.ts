// Delivering webhooks: sign and send each event (or ping) to its endpoint, record each attempt in
// the delivery log, and retry what failed with exponential backoff (graphile-worker's: about
// e^attempt seconds, capped near 6 hours; the default 14 attempts span about a day and a half). An
// endpoint with no success for WEBHOOK_DISABLE_AFTER_HOURS is disabled: its pending deliveries
// stop, the admin sees why (disabledReason) and the log says so.
//
// Two jobs do it. Each dispatcher turn queues one batch job per endpoint (`webhooks:deliver-batch`):
// its deliveries' first attempts, sent concurrently, read in one statement and recorded in one. What fails is retried
// by one job per delivery (`webhooks:deliver`, also redeliveries and pings), whose own attempts
// the job engine counts and delays. Per delivery that is a fraction of a statement at full load,
// where each delivery cost six round trips through Prisma, and its CPU, and then two (bench/
// events.ts, BENCHMARKS.md): on a busy 2-core machine each round trip costs about a millisecond
// of CPU in the socket write alone.
//
// The statements run on the job engine's connections (the delivery lane's pool), not on Prisma's
// pool, which the HTTP requests use. Prisma stores DateTime as timestamp(3) in UTC: read back as
// timestamptz (so node-postgres does not take it for local time) and written from ISO strings.
import type { WebhookStore } from './store.js'
import { deliveryHeaders } from './signature.js'
import { pingBody, webhookBody } from './payload.js'
import { sendDelivery } from './send.js'
import type { AttemptResult } from './send.js'
import { checkWebhookTarget } from './url-check.js'
import type { EventCause, EventType, SubjectType } from '../events/types.js'

/** One statement on a connection the caller chooses (the delivery lane's pool). */
export type SqlQuery = <Row>(text: string, values: unknown[]) => Promise<Row[]>

export interface DeliveryDeps {
  sql: SqlQuery
  webhooks: Pick<WebhookStore, 'secretOf'>
  log: { warn (obj: object, msg?: string): void, info (obj: object, msg?: string): void }
  timeoutMs: number
  allowPrivate: boolean
  disableAfterMs: number
  now?: () => number
}

// Thrown to have the job engine try again later; its message is the attempt's error.
export class DeliveryRetry extends Error {}

export interface DeliveryRow {
  id: string
  status: string
  attempts: number
  endpointId: string
  tenantId: string
  url: string
  secret: string
  enabled: boolean
  disabledReason: string | null
  failingSince: Date | null
  eventId: string | null
  type: string | null
  eventTenantId: string | null
  subjectType: string | null
  subject: string | null
  domain: string | null
  occurredAt: Date | null
  data: Record<string, unknown> | null
  cause: EventCause | null
}

const UTC = (column: string, as: string): string => `${column} AT TIME ZONE 'UTC' AS "${as}"`

const LOAD_SQL = `SELECT d.id::text AS id, d.status::text AS status, d.attempts, w.id::text AS "endpointId", w."tenantId"::text AS "tenantId", w.url, w.secret, w.enabled,
    w."disabledReason", ${UTC('w."failingSince"', 'failingSince')},
    e.id::text AS "eventId", e.type, e."tenantId"::text AS "eventTenantId", e."subjectType", e.subject, e.domain, ${UTC('e."occurredAt"', 'occurredAt')}, e.data, e.cause
  FROM "WebhookDelivery" d
  JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
  LEFT JOIN "Event" e ON e.id = d."eventId"
 WHERE d.id = ANY($1::uuid[])`

// Every delivery's outcome and the endpoint's failure state, in one statement. $1.. the
// deliveries' columns, $8 now, $9 endpoint, $10 'ok' (a success: the run of failures ends) or
// 'fail' (it starts, or goes on) or 'none', $11 disable, $12 the reason.
const OUTCOMES_SQL = `WITH outcome AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[], $6::text[], $7::boolean[])
      AS o(id, status, attempts, code, latency, error, delivered)
  ), deliveries AS (
    UPDATE "WebhookDelivery" d SET status = o.status::"WebhookDeliveryStatus", attempts = o.attempts, "responseCode" = o.code,
        "latencyMs" = o.latency, error = o.error,
        "deliveredAt" = CASE WHEN o.delivered THEN $8::timestamptz AT TIME ZONE 'UTC' ELSE d."deliveredAt" END,
        "updatedAt" = $8::timestamptz AT TIME ZONE 'UTC'
      FROM outcome o WHERE d.id = o.id
  )
  UPDATE "WebhookEndpoint" SET
      "failingSince" = CASE WHEN $10::text = 'ok' THEN NULL ELSE COALESCE("failingSince", $8::timestamptz AT TIME ZONE 'UTC') END,
      enabled = CASE WHEN $11::boolean THEN false ELSE enabled END,
      "disabledReason" = CASE WHEN $11::boolean THEN $12::text ELSE "disabledReason" END,
      "updatedAt" = $8::timestamptz AT TIME ZONE 'UTC'
   WHERE id = $9::uuid AND ($10::text = 'fail' OR ($10::text = 'ok' AND "failingSince" IS NOT NULL))`

/** Which attempt this is for a delivery, and whether no other will follow a failure. */
export type AttemptOf = (row: DeliveryRow) => { number: number, last: boolean }

interface Outcome { row: DeliveryRow, status: 'delivered' | 'pending' | 'failed', attempts: number, result: AttemptResult }

// Sends at once per batch: a batch of a receiver that hangs still ends within a few timeouts.
const SENDS_AT_ONCE = 32

async function send (deps: DeliveryDeps, row: DeliveryRow): Promise<AttemptResult> {
  const now = deps.now ?? Date.now
  const body = JSON.stringify(row.eventId === null
    ? pingBody(row.endpointId, new Date(now()))
    : webhookBody({
      id: row.eventId,
      type: row.type as EventType,
      tenantId: row.eventTenantId!,
      subjectType: row.subjectType as SubjectType,
      subject: row.subject!,
      domain: row.domain,
      occurredAt: row.occurredAt!,
      data: row.data!,
      cause: row.cause!
    }))
  // webhook-id: the event's id, the same on every attempt and redelivery (receivers dedupe on it).
  const webhookId = row.eventId ?? row.id
  try {
    await checkWebhookTarget(new URL(row.url), deps.allowPrivate)
    const secret = deps.webhooks.secretOf({ id: row.endpointId, secret: row.secret })
    return await sendDelivery(row.url, deliveryHeaders(secret, webhookId, body, now()), body, deps.timeoutMs)
  } catch (err) {
    // The URL now resolves to a private address: an attempt that failed, not a crash.
    return { ok: false, responseCode: null, latencyMs: 0, error: (err as Error).message }
  }
}

async function mapLimited<T, R> (items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index])
    }
  })
  await Promise.all(lanes)
  return results
}

/** Records one endpoint's outcomes, and disables it when its failures have lasted too long (answers whether it did). */
async function record (deps: DeliveryDeps, outcomes: readonly Outcome[], at: number): Promise<boolean> {
  const endpoint = outcomes[0].row
  const sent = outcomes.filter(outcome => outcome.row.enabled)
  const anyOk = sent.some(outcome => outcome.result.ok)
  const failingSince = endpoint.failingSince ?? new Date(at)
  const failed = !anyOk && sent.length > 0
  const disable = failed && at - failingSince.getTime() >= deps.disableAfterMs
  const firstError = sent.find(outcome => !outcome.result.ok)?.result.error ?? 'failed'
  const final = outcomes.map(outcome => disable && outcome.status === 'pending' ? { ...outcome, status: 'failed' as const } : outcome)
  await deps.sql(OUTCOMES_SQL, [
    final.map(outcome => outcome.row.id),
    final.map(outcome => outcome.status),
    final.map(outcome => outcome.attempts),
    final.map(outcome => outcome.result.responseCode),
    final.map(outcome => outcome.result.latencyMs),
    final.map(outcome => outcome.result.error),
    final.map(outcome => outcome.status === 'delivered'),
    new Date(at).toISOString(),
    endpoint.endpointId,
    anyOk ? 'ok' : failed ? 'fail' : 'none',
    disable,
    disable ? `failing since ${failingSince.toISOString()}: ${firstError}` : null
  ])
  if (disable) {
    deps.log.warn({ tenantId: endpoint.tenantId, webhookId: endpoint.endpointId, failingSince: failingSince.toISOString() }, 'webhook endpoint disabled: its deliveries failed for too long; an admin can enable it again')
  }
  return disable
}

/**
 * Attempts the pending deliveries among `ids` (one read, the sends concurrently, one write per
 * endpoint) and answers those that failed and may be tried again. Deliveries gone with their
 * endpoint, or already done (a job run twice after a crash), are left alone.
 */
export async function deliverBatch (deps: DeliveryDeps, ids: readonly string[], attemptOf: AttemptOf): Promise<Array<{ id: string, attempts: number, error: string }>> {
  const now = deps.now ?? Date.now
  const rows = (await deps.sql<DeliveryRow>(LOAD_SQL, [ids])).filter(row => row.status === 'pending')
  const outcomes = await mapLimited(rows, SENDS_AT_ONCE, async (row): Promise<Outcome> => {
    // An endpoint disabled since the delivery was queued: the delivery stops, with the reason.
    if (!row.enabled) {
      return { row, status: 'failed', attempts: row.attempts, result: { ok: false, responseCode: null, latencyMs: 0, error: row.disabledReason ?? 'the endpoint is disabled' } }
    }
    const attempt = attemptOf(row)
    const result = await send(deps, row)
    return { row, status: result.ok ? 'delivered' : attempt.last ? 'failed' : 'pending', attempts: attempt.number, result }
  })
  const at = now()
  const byEndpoint = new Map<string, Outcome[]>()
  for (const outcome of outcomes) byEndpoint.set(outcome.row.endpointId, [...byEndpoint.get(outcome.row.endpointId) ?? [], outcome])
  const retry: Array<{ id: string, attempts: number, error: string }> = []
  for (const group of byEndpoint.values()) {
    if (await record(deps, group, at)) continue
    for (const outcome of group) {
      if (outcome.status === 'pending') retry.push({ id: outcome.row.id, attempts: outcome.attempts, error: outcome.result.error ?? 'the delivery failed' })
    }
  }
  return retry
}

/** One delivery's job: an attempt the job engine counts, retried by throwing. */
export async function deliver (deps: DeliveryDeps, deliveryId: string, attempt: { number: number, last: boolean }): Promise<void> {
  const [failed] = await deliverBatch(deps, [deliveryId], () => attempt)
  if (failed !== undefined && !attempt.last) throw new DeliveryRetry(failed.error)
}
