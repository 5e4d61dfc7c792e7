// REST: GET /v1/domains and GET /v1/domains/{name}, over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { AnsweredDomainSchema, DataSourceEnum, DomainOrderFieldEnum, OrderDirectionEnum, ServiceInfosSchema } from './schemas.js'
import { getDomain, getServiceInfos, listDomains } from './service.js'
import { portfolioRoutes } from './portfolio-routes.js'
import { freshnessQuery, sendFreshness } from './freshness-query.js'
import { domainFilterQuery } from './filter-query.js'
import { domainSettingsRoutes } from './settings-routes.js'
import { restPageSchema } from '../shared/rest-page.js'
import { restPageOf } from '../shared/pagination.js'
import { listQuery } from '../shared/comma-separated.js'

const DomainList = restPageSchema(AnsweredDomainSchema).extend({
  source: DataSourceEnum,
  syncedAt: z.string().nullable().describe('When the list of the account\'s domains was last read from OVH')
})

const DomainDetail = AnsweredDomainSchema.extend({ serviceInfos: ServiceInfosSchema.optional() })

const domainsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains', {
    schema: {
      operationId: 'listDomains',
      tags: ['domains'],
      summary: 'List the domains of your OVH account, sorted by name; from the mirror once synced',
      querystring: listQuery({
        first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
        after: z.string().optional().describe('endCursor of the previous page'),
        ...domainFilterQuery,
        orderBy: DomainOrderFieldEnum.default('name').describe('Sort field; from OVH, expirationDate reads every domain\'s details and creationDate needs the mirror'),
        direction: OrderDirectionEnum.default('ASC'),
        ...freshnessQuery
      }),
      response: { 200: DomainList }
    }
  }, async function (request, reply) {
    const { first, after, orderBy, direction, maxAge, live, ...filter } = request.query
    const page = await listDomains(request.caller, { first, after, filter, orderBy: { field: orderBy, direction }, maxAge, live })
    sendFreshness(reply, page.source, page.nodes.map(node => node.syncedAt))
    return { ...restPageOf(page), source: page.source, syncedAt: page.syncedAt }
  })

  app.get('/domains/:name', {
    schema: {
      operationId: 'getDomain',
      tags: ['domains'],
      summary: 'One domain, with its renewal settings when include=serviceInfos',
      params: z.object({ name: DomainNameSchema }),
      querystring: z.object({ include: z.enum(['serviceInfos']).optional(), ...freshnessQuery }),
      response: { 200: DomainDetail }
    }
  }, async function (request, reply) {
    const caller = request.caller
    const { name } = request.params
    const { maxAge, live } = request.query
    const [domain, serviceInfos] = await Promise.all([
      getDomain(caller, name, { maxAge, live }),
      request.query.include === 'serviceInfos' ? getServiceInfos(caller, name) : undefined
    ])
    if (!domain) throw notFound(`domain ${name}`)
    sendFreshness(reply, domain.source, [domain.syncedAt])
    return serviceInfos ? { ...domain, serviceInfos } : domain
  })

  await app.register(portfolioRoutes)
  await app.register(domainSettingsRoutes)
}

export default domainsRoutes
