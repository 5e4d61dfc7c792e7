// One delivery job: sign and send one event (or a ping) to one endpoint, record the attempt in the
// delivery log, and either finish or throw so that the job engine retries it later with its
// exponential backoff (graphile-worker: about e^attempt seconds, capped near 6 hours; the default
// 14 attempts span about a day and a half). An endpoint failing for WEBHOOK_DISABLE_AFTER_HOURS is
// disabled: its pending deliveries stop, the admin sees why (disabledReason) and the log says so.
import type { Db } from '../../db/client.js'
import type { WebhookStore } from './store.js'
import { deliveryHeaders } from './signature.js'
import { pingBody, webhookBody } from './payload.js'
import { sendDelivery } from './send.js'
import { checkWebhookTarget } from './url-check.js'
import type { EventCause, EventType, SubjectType } from '../events/types.js'

export interface DeliveryDeps {
  db: Db
  webhooks: WebhookStore
  log: { warn (obj: object, msg?: string): void, info (obj: object, msg?: string): void }
  timeoutMs: number
  allowPrivate: boolean
  disableAfterMs: number
  now?: () => number
}

// Thrown to have the job engine try again later; its message is the attempt's error.
export class DeliveryRetry extends Error {}

export async function deliver (deps: DeliveryDeps, deliveryId: string, attempt: { number: number, last: boolean }): Promise<void> {
  const now = deps.now ?? Date.now
  const delivery = await deps.db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, event: true } })
  // Gone with its endpoint, or already done (a job run twice after a crash).
  if (delivery === null || delivery.status !== 'pending') return
  const endpoint = delivery.endpoint
  if (!endpoint.enabled) {
    await deps.db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'failed', error: endpoint.disabledReason ?? 'the endpoint is disabled' } })
    return
  }
  const body = JSON.stringify(delivery.event === null
    ? pingBody(endpoint.id, new Date(now()))
    : webhookBody({
      id: delivery.event.id,
      type: delivery.event.type as EventType,
      tenantId: delivery.event.tenantId,
      subjectType: delivery.event.subjectType as SubjectType,
      subject: delivery.event.subject,
      domain: delivery.event.domain,
      occurredAt: delivery.event.occurredAt,
      data: delivery.event.data as Record<string, unknown>,
      cause: delivery.event.cause as EventCause
    }))
  // webhook-id: the event's id, the same on every attempt and redelivery (receivers dedupe on it).
  const webhookId = delivery.event?.id ?? delivery.id
  let result
  try {
    await checkWebhookTarget(new URL(endpoint.url), deps.allowPrivate)
    result = await sendDelivery(endpoint.url, deliveryHeaders(deps.webhooks.secretOf(endpoint), webhookId, body, now()), body, deps.timeoutMs)
  } catch (err) {
    // The URL now resolves to a private address: an attempt that failed, not a crash.
    result = { ok: false, responseCode: null, latencyMs: 0, error: (err as Error).message }
  }
  const attempts = attempt.number
  if (result.ok) {
    await deps.db.$transaction([
      deps.db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'delivered', attempts, responseCode: result.responseCode, latencyMs: result.latencyMs, error: null, deliveredAt: new Date(now()) } }),
      deps.db.webhookEndpoint.updateMany({ where: { id: endpoint.id, failingSince: { not: null } }, data: { failingSince: null } })
    ])
    return
  }
  const failingSince = endpoint.failingSince ?? new Date(now())
  const disable = now() - failingSince.getTime() >= deps.disableAfterMs
  const final = disable || attempt.last
  await deps.db.$transaction([
    deps.db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: final ? 'failed' : 'pending', attempts, responseCode: result.responseCode, latencyMs: result.latencyMs, error: result.error } }),
    deps.db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: disable
        ? { failingSince, enabled: false, disabledReason: `failing since ${failingSince.toISOString()}: ${result.error ?? 'failed'}` }
        : { failingSince }
    })
  ])
  if (disable) {
    deps.log.warn({ tenantId: endpoint.tenantId, webhookId: endpoint.id, failingSince: failingSince.toISOString() }, 'webhook endpoint disabled: its deliveries failed for too long; an admin can enable it again')
    return
  }
  if (!attempt.last) throw new DeliveryRetry(result.error ?? 'the delivery failed')
}
