// REST: GET /v1/events, the event feed for systems that pull, over the same service as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { commaSeparated } from '../shared/comma-separated.js'
import { EVENT_TYPES, SUBJECT_TYPES } from './types.js'
import { listEvents } from './service.js'

export const EventSchema = z.object({
  id: z.string().describe('The event id (a webhook delivery\'s webhook-id)'),
  type: z.string().describe(`One of ${EVENT_TYPES.join(', ')}`),
  subject: z.object({ type: z.string(), id: z.string() }).describe('What changed: a domain name, a task, order or contact change id, a credential id'),
  domain: z.string().nullable(),
  occurredAt: z.date(),
  data: z.record(z.string(), z.unknown()).describe('What changed: before and after, and what the type adds'),
  cause: z.record(z.string(), z.unknown()).describe('{kind: "gateway", requestId, userId} for a change made through the gateway, {kind: "ovh"} for one the sync saw at OVH, {kind: "schedule"} for reminders')
})

const eventsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/events', {
    schema: {
      operationId: 'listEvents',
      tags: ['events'],
      summary: 'The tenant\'s events, oldest first, after a cursor: pass the answer\'s endCursor as `after` to read on; nothing is skipped between two reads',
      querystring: z.object({
        after: z.string().max(200).optional().describe('endCursor of the previous read; none: from the first event kept'),
        first: z.coerce.number().int().min(1).max(100).default(50),
        types: commaSeparated(z.enum(EVENT_TYPES)).optional().describe('Comma-separated event types'),
        subjectType: z.enum(SUBJECT_TYPES).optional(),
        subject: z.string().max(300).optional().describe('With subjectType: one domain, task, order...')
      }),
      response: {
        200: z.object({
          items: z.array(EventSchema),
          pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() })
        })
      }
    }
  }, async request => {
    const { after, first, types, subjectType, subject } = request.query
    const page = await listEvents(request.caller, {
      after,
      first,
      types,
      subject: subjectType === undefined && subject === undefined ? undefined : { type: subjectType as never, id: subject as never }
    })
    return {
      items: page.nodes.map(event => ({ id: event.id, type: event.type, subject: { type: event.subjectType, id: event.subject }, domain: event.domain, occurredAt: event.occurredAt, data: event.data, cause: event.cause as unknown as Record<string, unknown> })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }
    }
  })
}

export default eventsRoutes
