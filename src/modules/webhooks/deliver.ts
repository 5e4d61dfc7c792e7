// One delivery job: sign and send one event (or a ping) to one endpoint, record the attempt in the
// delivery log, and either finish or throw so that the job engine retries it later with its
// exponential backoff (graphile-worker: about e^attempt seconds, capped near 6 hours; the default
// 14 attempts span about a day and a half). An endpoint failing for WEBHOOK_DISABLE_AFTER_HOURS is
// disabled: its pending deliveries stop, the admin sees why (disabledReason) and the log says so.
//
// Two statements a delivery, on the job engine's own connections (not Prisma's pool, which the
// HTTP requests use): one read of the delivery with its endpoint and event, one write of the
// outcome (the delivery's row and the endpoint's failure state together). Through Prisma it was
// a findUnique with two relations and a transaction of two updates: about six round trips and
// Prisma's own CPU per delivery, which capped the drain near 100 deliveries a second on 2 cores
// (bench/events.ts, BENCHMARKS.md). Prisma stores DateTime as timestamp(3) in UTC: read back as
// timestamptz (so node-postgres does not take it for local time) and written from ISO strings.
import type { WebhookStore } from './store.js'
import { deliveryHeaders } from './signature.js'
import { pingBody, webhookBody } from './payload.js'
import { sendDelivery } from './send.js'
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

interface DeliveryRow {
  status: string
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

const LOAD_SQL = `SELECT d.status::text AS status, w.id::text AS "endpointId", w."tenantId"::text AS "tenantId", w.url, w.secret, w.enabled,
    w."disabledReason", ${UTC('w."failingSince"', 'failingSince')},
    e.id::text AS "eventId", e.type, e."tenantId"::text AS "eventTenantId", e."subjectType", e.subject, e.domain, ${UTC('e."occurredAt"', 'occurredAt')}, e.data, e.cause
  FROM "WebhookDelivery" d
  JOIN "WebhookEndpoint" w ON w.id = d."endpointId"
  LEFT JOIN "Event" e ON e.id = d."eventId"
 WHERE d.id = $1::uuid`

// The attempt's outcome and the endpoint's failure state, in one statement. $1 delivery, $2
// endpoint, $3 status, $4 attempts, $5 response code, $6 latency, $7 error, $8 deliveredAt, $9 now.
const DELIVERY_SET = `UPDATE "WebhookDelivery" SET status = $3::"WebhookDeliveryStatus", attempts = $4, "responseCode" = $5, "latencyMs" = $6,
    error = $7, "deliveredAt" = COALESCE($8::timestamptz AT TIME ZONE 'UTC', "deliveredAt"), "updatedAt" = $9::timestamptz AT TIME ZONE 'UTC'
  WHERE id = $1::uuid`

// A success ends the endpoint's run of failures (the row is written only when there was one).
const SUCCESS_SQL = `WITH delivery AS (${DELIVERY_SET})
  UPDATE "WebhookEndpoint" SET "failingSince" = NULL, "updatedAt" = $9::timestamptz AT TIME ZONE 'UTC'
   WHERE id = $2::uuid AND "failingSince" IS NOT NULL`

// A failure starts (or continues) the run, and disables the endpoint when it has lasted too long
// ($10 failingSince, $11 disable, $12 the reason).
const FAILURE_SQL = `WITH delivery AS (${DELIVERY_SET})
  UPDATE "WebhookEndpoint" SET "failingSince" = COALESCE("failingSince", $10::timestamptz AT TIME ZONE 'UTC'),
      enabled = CASE WHEN $11::boolean THEN false ELSE enabled END,
      "disabledReason" = CASE WHEN $11::boolean THEN $12::text ELSE "disabledReason" END,
      "updatedAt" = $9::timestamptz AT TIME ZONE 'UTC'
   WHERE id = $2::uuid`

// An endpoint disabled since the delivery was queued: the delivery stops, with the reason.
const DISABLED_SQL = `UPDATE "WebhookDelivery" SET status = 'failed', error = $2, "updatedAt" = $3::timestamptz AT TIME ZONE 'UTC' WHERE id = $1::uuid`

export async function deliver (deps: DeliveryDeps, deliveryId: string, attempt: { number: number, last: boolean }): Promise<void> {
  const now = deps.now ?? Date.now
  const [delivery] = await deps.sql<DeliveryRow>(LOAD_SQL, [deliveryId])
  // Gone with its endpoint, or already done (a job run twice after a crash).
  if (delivery === undefined || delivery.status !== 'pending') return
  const iso = (ms: number): string => new Date(ms).toISOString()
  if (!delivery.enabled) {
    await deps.sql(DISABLED_SQL, [deliveryId, delivery.disabledReason ?? 'the endpoint is disabled', iso(now())])
    return
  }
  const body = JSON.stringify(delivery.eventId === null
    ? pingBody(delivery.endpointId, new Date(now()))
    : webhookBody({
      id: delivery.eventId,
      type: delivery.type as EventType,
      tenantId: delivery.eventTenantId!,
      subjectType: delivery.subjectType as SubjectType,
      subject: delivery.subject!,
      domain: delivery.domain,
      occurredAt: delivery.occurredAt!,
      data: delivery.data!,
      cause: delivery.cause!
    }))
  // webhook-id: the event's id, the same on every attempt and redelivery (receivers dedupe on it).
  const webhookId = delivery.eventId ?? deliveryId
  let result
  try {
    await checkWebhookTarget(new URL(delivery.url), deps.allowPrivate)
    const secret = deps.webhooks.secretOf({ id: delivery.endpointId, secret: delivery.secret })
    result = await sendDelivery(delivery.url, deliveryHeaders(secret, webhookId, body, now()), body, deps.timeoutMs)
  } catch (err) {
    // The URL now resolves to a private address: an attempt that failed, not a crash.
    result = { ok: false, responseCode: null, latencyMs: 0, error: (err as Error).message }
  }
  const attempts = attempt.number
  const at = now()
  if (result.ok) {
    await deps.sql(SUCCESS_SQL, [deliveryId, delivery.endpointId, 'delivered', attempts, result.responseCode, result.latencyMs, null, iso(at), iso(at)])
    return
  }
  const failingSince = delivery.failingSince ?? new Date(at)
  const disable = at - failingSince.getTime() >= deps.disableAfterMs
  const final = disable || attempt.last
  const reason = disable ? `failing since ${failingSince.toISOString()}: ${result.error ?? 'failed'}` : null
  await deps.sql(FAILURE_SQL, [deliveryId, delivery.endpointId, final ? 'failed' : 'pending', attempts, result.responseCode, result.latencyMs, result.error, null, iso(at),
    failingSince.toISOString(), disable, reason])
  if (disable) {
    deps.log.warn({ tenantId: delivery.tenantId, webhookId: delivery.endpointId, failingSince: failingSince.toISOString() }, 'webhook endpoint disabled: its deliveries failed for too long; an admin can enable it again')
    return
  }
  if (!attempt.last) throw new DeliveryRetry(result.error ?? 'the delivery failed')
}
