// REST: GET /v1/audit, the tenant's audit trail (admins), over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { dateQuery } from '../shared/date-query.js'
import { AuditOutcomeEnum, listAuditEntries } from './service.js'

const AuditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.date(),
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.string() }).nullable(),
  apiKeyPrefix: z.string().nullable(),
  requestId: z.string().nullable(),
  operation: z.string(),
  outcome: AuditOutcomeEnum,
  ovh: z.object({
    method: z.string(),
    route: z.string(),
    path: z.string().nullable(),
    status: z.number().nullable(),
    queryId: z.string().nullable(),
    durationMs: z.number().nullable()
  }).nullable(),
  reason: z.string().nullable(),
  scope: z.string().nullable(),
  request: z.string().nullable()
})

const auditRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/audit', {
    schema: {
      operationId: 'listAuditEntries',
      tags: ['account'],
      summary: 'The tenant\'s audit trail, newest first (admins): OVH changes, denied attempts, price rule changes',
      querystring: z.object({
        first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
        after: z.string().max(200).optional().describe('endCursor of the previous page'),
        userId: z.uuid().optional(),
        outcome: AuditOutcomeEnum.optional(),
        domain: DomainNameSchema.optional().describe('Only OVH calls on this domain or its DNS zone'),
        since: dateQuery('From this instant, included'),
        until: dateQuery('Before this instant, excluded')
      }),
      response: { 200: restPageSchema(AuditEntrySchema) }
    }
  }, async request => {
    const { first, after, ...filter } = request.query
    const page = await listAuditEntries(request.caller, { first, after, filter })
    return restPageOf(page)
  })
}

export default auditRoutes
