// REST: GET /v1/domains and GET /v1/domains/{name}, over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { callerOf } from '../../plugins/authenticate.js'
import { notFound } from '../../errors.js'
import { DomainOrderFieldEnum, DomainStateEnum, OrderDirectionEnum, OvhDomainSchema, ServiceInfosSchema } from './schemas.js'
import { getDomain, getServiceInfos, listDomains } from './service.js'
import { domainSettingsRoutes } from './settings-routes.js'
import { restPageSchema } from '../shared/rest-page.js'
import { restPageOf } from '../shared/pagination.js'
import { commaSeparated, listQuery } from '../shared/comma-separated.js'
import { dateQuery } from '../shared/date-query.js'

const DomainList = restPageSchema(OvhDomainSchema)

const DomainDetail = OvhDomainSchema.extend({ serviceInfos: ServiceInfosSchema.optional() })

const domainsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains', {
    schema: {
      tags: ['domains'],
      summary: 'List the domains of your OVH account, sorted by name',
      querystring: listQuery({
        first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
        after: z.string().optional().describe('endCursor of the previous page'),
        nameContains: z.string().max(253).optional(),
        state: commaSeparated(DomainStateEnum).optional().describe('Domain states, comma-separated (state=ok,expired) or repeated'),
        expiringBefore: dateQuery('Only domains expiring strictly before this instant'),
        orderBy: DomainOrderFieldEnum.default('name').describe('Sort field; expirationDate reads every domain\'s details'),
        direction: OrderDirectionEnum.default('ASC')
      }),
      response: { 200: DomainList }
    }
  }, async function (request) {
    const { first, after, nameContains, state, expiringBefore, orderBy, direction } = request.query
    const page = await listDomains(callerOf(request), { first, after, filter: { nameContains, state, expiringBefore }, orderBy: { field: orderBy, direction } })
    return restPageOf(page)
  })

  app.get('/domains/:name', {
    schema: {
      tags: ['domains'],
      summary: 'One domain, with its renewal settings when include=serviceInfos',
      params: z.object({ name: DomainNameSchema }),
      querystring: z.object({ include: z.enum(['serviceInfos']).optional() }),
      response: { 200: DomainDetail }
    }
  }, async function (request) {
    const caller = callerOf(request)
    const { name } = request.params
    const [domain, serviceInfos] = await Promise.all([
      getDomain(caller, name),
      request.query.include === 'serviceInfos' ? getServiceInfos(caller, name) : undefined
    ])
    if (!domain) throw notFound(`domain ${name}`)
    return serviceInfos ? { ...domain, serviceInfos } : domain
  })

  await app.register(domainSettingsRoutes)
}

export default domainsRoutes
