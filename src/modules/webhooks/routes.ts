// REST: /v1/webhooks (tenant admins), over the same service as GraphQL and the CLI.
import type {} from './plugin.js'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { EVENT_TYPES } from '../events/types.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, pingWebhook, redeliver, rotateWebhookSecret, updateWebhook } from './service.js'

// The service checks the types and names the field (input.events.0); the document shows the values.
const EventList = checkedInService(z.array(z.string()), z.array(z.enum(['*', ...EVENT_TYPES])).min(1).describe(`Event types (${EVENT_TYPES.join(', ')}), or ["*"] for all`))

const WebhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  failingSince: z.date().nullable().describe('The first failure of the current run of failed deliveries'),
  disabledReason: z.string().nullable().describe('Why the gateway disabled it (deliveries failing for too long)'),
  createdAt: z.date(),
  updatedAt: z.date()
})

const WithSecret = WebhookSchema.extend({ secret: z.string().describe('The signing secret (whsec_...), shown only in this answer') })

const DeliverySchema = z.object({
  id: z.string(),
  webhookId: z.string(),
  eventId: z.string().nullable(),
  ping: z.boolean(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  responseCode: z.number().nullable(),
  latencyMs: z.number().nullable(),
  error: z.string().nullable(),
  createdAt: z.date(),
  deliveredAt: z.date().nullable()
})

const Id = z.object({ id: z.uuid({ error: 'must be a webhook id' }) })

const webhooksRoutes: FastifyPluginAsyncZod = async function (app) {
  const settings = app.webhookSettings
  const tags = ['webhooks']

  app.post('/webhooks', {
    schema: {
      operationId: 'createWebhook',
      tags,
      summary: 'Create a webhook endpoint (admins); its signing secret is in this answer only',
      body: z.object({ url: z.string(), events: EventList, enabled: z.boolean().optional(), description: z.string().optional() }),
      response: { 201: WithSecret }
    }
  }, async (request, reply) => {
    reply.code(201)
    return await createWebhook(settings, request.caller, request.body)
  })

  app.get('/webhooks', { schema: { operationId: 'listWebhooks', tags, summary: 'The tenant\'s webhook endpoints (admins)', response: { 200: z.object({ items: z.array(WebhookSchema) }) } } },
    async request => ({ items: await listWebhooks(request.caller) }))

  app.get('/webhooks/:id', { schema: { operationId: 'getWebhook', tags, summary: 'One webhook endpoint', params: Id, response: { 200: WebhookSchema } } },
    async request => await getWebhook(request.caller, request.params.id))

  app.patch('/webhooks/:id', {
    schema: {
      operationId: 'updateWebhook',
      tags,
      summary: 'Change a webhook endpoint: URL, event types, enabled (enabling it again clears its failures), description',
      params: Id,
      body: z.object({ url: z.string().optional(), events: EventList.optional(), enabled: z.boolean().optional(), description: z.string().nullable().optional() }),
      response: { 200: WebhookSchema }
    }
  }, async request => await updateWebhook(settings, request.caller, request.params.id, request.body))

  app.delete('/webhooks/:id', { schema: { operationId: 'deleteWebhook', tags, summary: 'Delete a webhook endpoint and its delivery log', params: Id, response: { 200: WebhookSchema } } },
    async request => await deleteWebhook(request.caller, request.params.id))

  app.post('/webhooks/:id/rotate-secret', { schema: { operationId: 'rotateWebhookSecret', tags, summary: 'Replace the signing secret; the new one is in this answer only', params: Id, response: { 200: WithSecret } } },
    async request => await rotateWebhookSecret(request.caller, request.params.id))

  app.post('/webhooks/:id/ping', { schema: { operationId: 'pingWebhook', tags, summary: 'Send a test `webhook.ping` delivery', params: Id, response: { 202: DeliverySchema } } },
    async (request, reply) => {
      reply.code(202)
      return await pingWebhook(settings, request.caller, request.params.id)
    })

  app.get('/webhooks/:id/deliveries', {
    schema: {
      operationId: 'listWebhookDeliveries',
      tags,
      summary: 'The endpoint\'s delivery log, newest first: status, response code, latency, attempts',
      params: Id,
      querystring: z.object({
        first: z.coerce.number().int().min(1).max(100).default(50),
        after: z.string().max(200).optional()
      }),
      response: { 200: restPageSchema(DeliverySchema) }
    }
  }, async request => restPageOf(await listDeliveries(request.caller, request.params.id, request.query)))

  app.post('/webhooks/deliveries/:id/redeliver', {
    schema: { operationId: 'redeliverWebhook', tags, summary: 'Send a past delivery\'s event again (same webhook-id)', params: z.object({ id: z.uuid({ error: 'must be a delivery id' }) }), response: { 202: DeliverySchema } }
  }, async (request, reply) => {
    reply.code(202)
    return await redeliver(settings, request.caller, request.params.id)
  })
}

export default webhooksRoutes
