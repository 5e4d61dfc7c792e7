// REST: GET /v1/domains/counts and GET /v1/domains/export.csv, the portfolio's totals and its CSV
// export for billing systems, over the same service as GraphQL's domainCounts.
import { Readable } from 'node:stream'
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { listQuery } from '../shared/comma-separated.js'
import { booleanQuery } from '../shared/boolean-query.js'
import { DataSourceEnum } from './schemas.js'
import { domainFilterQuery } from './filter-query.js'
import { domainCounts, domainExport } from './portfolio-service.js'
import { csvOf } from './csv.js'
import { textAnswer } from '../shared/text-answer.js'

const CountsSchema = z.object({
  total: z.number(),
  byState: z.array(z.object({ state: z.string(), count: z.number() })),
  byTld: z.array(z.object({ tld: z.string(), count: z.number() })),
  source: DataSourceEnum
})

const live = booleanQuery('Read OVH now (every matching domain\'s details, with your consumer key\'s budget) instead of the mirror')

export const portfolioRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains/counts', {
    schema: {
      operationId: 'getDomainCounts',
      tags: ['domains'],
      summary: 'How many domains match, in all and by state and TLD (largest first)',
      querystring: listQuery({ ...domainFilterQuery, live }),
      response: { 200: CountsSchema }
    }
  }, async function (request, reply) {
    const { live, ...filter } = request.query
    const counts = await domainCounts(request.caller, { filter, live })
    reply.header('x-data-source', counts.source.toLowerCase())
    return counts
  })

  app.get('/domains/export.csv', {
    schema: {
      operationId: 'exportDomainsCsv',
      tags: ['domains'],
      summary: 'The matching domains as CSV (text/csv), in name order, streamed',
      description: 'Columns: name, tld, state, expirationDate, creationDate, renewalState, renewalPeriod (months), transferLockStatus, nameServerType, nameServers (space-separated), ownerContactId, serviceId, syncedAt. Dates are ISO-8601 in UTC.',
      querystring: listQuery({ ...domainFilterQuery, live }),
      response: {
        200: textAnswer('text/csv', 'The CSV file, a header line first', {
          'content-disposition': 'attachment; filename="domains.csv"',
          'x-data-source': 'Where the rows come from: mirror or ovh'
        })
      }
    }
  }, async function (request, reply) {
    const { live, ...filter } = request.query
    const { source, rows } = await domainExport(request.caller, { filter, live })
    reply.header('x-data-source', source.toLowerCase())
    reply.header('content-disposition', 'attachment; filename="domains.csv"')
    reply.type('text/csv; charset=utf-8')
    return reply.send(Readable.from(csvOf(rows)))
  })
}
