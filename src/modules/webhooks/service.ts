// Webhook endpoints for tenant admins, the same for GraphQL, REST and the CLI: create (the secret is
// answered once), list, read, change, delete, rotate the secret, read the delivery log, redeliver
// and ping. Every change goes to the audit trail.
import { z } from 'zod'
import type { Caller } from '../../upstream/caller.js'
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint } from '../../generated/prisma/client.js'
import { notFound } from '../../errors.js'
import { validateInput } from '../shared/validate.js'
import { checkPageSize, decodeCursor, encodeCursor } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { EVENT_TYPES } from '../events/types.js'
import { checkWebhookTarget, parseWebhookUrl } from './url-check.js'

export interface WebhookSettings {
  allowPrivate: boolean
  // Queues one delivery's job (redelivery, ping)
  enqueue: (deliveryId: string) => Promise<void>
}

const EventsSchema = z.array(z.enum(['*', ...EVENT_TYPES], { error: `must be "*" or one of ${EVENT_TYPES.join(', ')}` }))
  .min(1, 'must name at least one event type, or "*"').max(EVENT_TYPES.length)
  .transform(events => events.includes('*') ? ['*'] : [...new Set(events)])

const CreateSchema = z.object({
  url: z.string().max(2000),
  events: EventsSchema,
  enabled: z.boolean().nullish().transform(value => value ?? true),
  description: z.string().max(500).nullish().transform(value => value ?? null)
})

const UpdateSchema = z.object({
  url: z.string().max(2000).nullish().transform(value => value ?? undefined),
  events: EventsSchema.nullish().transform(value => value ?? undefined),
  enabled: z.boolean().nullish().transform(value => value ?? undefined),
  description: z.string().max(500).nullish()
})

// What GraphQL and REST pass in; every field is checked here, event types included.
export interface WebhookCreateInput {
  url: string
  events: string[]
  enabled?: boolean | null
  description?: string | null
}

export type WebhookUpdateInput = Partial<Record<keyof WebhookCreateInput, unknown>>

export interface WebhookView {
  id: string
  url: string
  description: string | null
  events: string[]
  enabled: boolean
  failingSince: Date | null
  disabledReason: string | null
  createdAt: Date
  updatedAt: Date
}

export interface DeliveryView {
  id: string
  webhookId: string
  eventId: string | null
  ping: boolean
  status: WebhookDeliveryStatus
  attempts: number
  responseCode: number | null
  latencyMs: number | null
  error: string | null
  createdAt: Date
  deliveredAt: Date | null
}

const view = (endpoint: WebhookEndpoint): WebhookView => ({
  id: endpoint.id,
  url: endpoint.url,
  description: endpoint.description,
  events: endpoint.events,
  enabled: endpoint.enabled,
  failingSince: endpoint.failingSince,
  disabledReason: endpoint.disabledReason,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt
})

export const deliveryView = (delivery: WebhookDelivery): DeliveryView => ({
  id: delivery.id,
  webhookId: delivery.endpointId,
  eventId: delivery.eventId,
  ping: delivery.ping,
  status: delivery.status,
  attempts: delivery.attempts,
  responseCode: delivery.responseCode,
  latencyMs: delivery.latencyMs,
  error: delivery.error,
  createdAt: delivery.createdAt,
  deliveredAt: delivery.deliveredAt
})

const isUuid = (value: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

async function owned (caller: Caller, id: string): Promise<WebhookEndpoint> {
  const endpoint = isUuid(id) ? await caller.stores.webhooks.find(caller.tenant.id, id) : null
  if (endpoint === null) throw notFound('webhook')
  return endpoint
}

async function checkedUrl (settings: WebhookSettings, url: string): Promise<string> {
  const parsed = parseWebhookUrl(url)
  await checkWebhookTarget(parsed, settings.allowPrivate)
  return parsed.toString()
}

export async function createWebhook (settings: WebhookSettings, caller: Caller, input: WebhookCreateInput): Promise<WebhookView & { secret: string }> {
  caller.require('admin')
  const valid = validateInput(CreateSchema, input, 'input')
  const url = await checkedUrl(settings, valid.url)
  const { endpoint, secret } = await caller.stores.webhooks.create(caller.tenant.id, { ...valid, url })
  caller.audit('webhook.create', { webhookId: endpoint.id, url, events: endpoint.events.join(',') })
  return { ...view(endpoint), secret }
}

export async function listWebhooks (caller: Caller): Promise<WebhookView[]> {
  caller.require('admin')
  return (await caller.stores.webhooks.list(caller.tenant.id)).map(view)
}

export async function getWebhook (caller: Caller, id: string): Promise<WebhookView> {
  caller.require('admin')
  return view(await owned(caller, id))
}

export async function updateWebhook (settings: WebhookSettings, caller: Caller, id: string, input: WebhookUpdateInput): Promise<WebhookView> {
  caller.require('admin')
  const valid = validateInput(UpdateSchema, input, 'input')
  await owned(caller, id)
  const url = valid.url === undefined ? undefined : await checkedUrl(settings, valid.url)
  const updated = await caller.stores.webhooks.update(caller.tenant.id, id, { ...valid, url })
  if (updated === null) throw notFound('webhook')
  caller.audit('webhook.update', { webhookId: id, url: url ?? null, events: valid.events?.join(',') ?? null, enabled: valid.enabled === undefined ? null : String(valid.enabled) })
  return view(updated)
}

export async function deleteWebhook (caller: Caller, id: string): Promise<WebhookView> {
  caller.require('admin')
  const endpoint = await owned(caller, id)
  if (!await caller.stores.webhooks.remove(caller.tenant.id, id)) throw notFound('webhook')
  caller.audit('webhook.delete', { webhookId: id })
  return view(endpoint)
}

export async function rotateWebhookSecret (caller: Caller, id: string): Promise<WebhookView & { secret: string }> {
  caller.require('admin')
  await owned(caller, id)
  const rotated = await caller.stores.webhooks.rotateSecret(caller.tenant.id, id)
  if (rotated === null) throw notFound('webhook')
  caller.audit('webhook.rotate_secret', { webhookId: id })
  return { ...view(rotated.endpoint), secret: rotated.secret }
}

const DELIVERY_CURSOR = 'deliveries'

export async function listDeliveries (caller: Caller, id: string, args: { first?: number | null, after?: string | null }): Promise<NodePage<DeliveryView>> {
  caller.require('admin')
  const first = checkPageSize(args.first)
  let before: { createdAt: Date, id: string } | undefined
  if (args.after) {
    const [time, deliveryId] = decodeCursor(args.after, 'after', DELIVERY_CURSOR).split('/')
    if (!/^\d{1,15}$/.test(time ?? '') || !isUuid(deliveryId ?? '')) throw notFound('cursor')
    before = { createdAt: new Date(Number(time)), id: deliveryId }
  }
  const endpoint = await owned(caller, id)
  const [rows, totalCount] = await Promise.all([caller.stores.webhooks.deliveries(endpoint.id, first + 1, before), caller.stores.webhooks.countDeliveries(endpoint.id)])
  const nodes = rows.slice(0, first).map(deliveryView)
  return {
    nodes,
    cursors: nodes.map(node => encodeCursor(`${node.createdAt.getTime()}/${node.id}`, DELIVERY_CURSOR)),
    hasNextPage: rows.length > first,
    hasPreviousPage: before !== undefined,
    totalCount
  }
}

/** Queues the event of a past delivery again, as a new delivery (same webhook-id). */
export async function redeliver (settings: WebhookSettings, caller: Caller, deliveryId: string): Promise<DeliveryView> {
  caller.require('admin')
  const previous = isUuid(deliveryId) ? await caller.stores.webhooks.findDelivery(caller.tenant.id, deliveryId) : null
  if (previous === null) throw notFound('delivery')
  const created = await caller.stores.webhooks.addDelivery(previous.endpointId, previous.eventId, previous.ping)
  await settings.enqueue(created.id)
  caller.audit('webhook.redeliver', { webhookId: previous.endpointId, deliveryId: previous.id })
  return deliveryView(created)
}

/** Sends a `webhook.ping` to the endpoint, through the same delivery path as events. */
export async function pingWebhook (settings: WebhookSettings, caller: Caller, id: string): Promise<DeliveryView> {
  caller.require('admin')
  const endpoint = await owned(caller, id)
  const created = await caller.stores.webhooks.addDelivery(endpoint.id, null, true)
  await settings.enqueue(created.id)
  caller.audit('webhook.ping', { webhookId: id })
  return deliveryView(created)
}
