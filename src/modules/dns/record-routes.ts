// REST: /v1/dns/zones/{zone}/records*: list (type and subdomain filters, pages), read, create,
// update, delete; each change refreshes the zone unless ?refresh=false.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from './record-service.js'
import { PageQuery, RefreshQuery, ZoneIdParams, ZoneParams, withRefresh } from './rest-shapes.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { RecordSchema, RecordTypeEnum } from './schemas.js'
import { RecordTtlSchema } from './timers.js'
import { SubDomainSchema } from './record-input.js'
import { checkedInService } from '../shared/checked-in-service.js'

const tags = ['dns']
// Checked by the service with the record's other fields (record-input.ts), all errors at once.
const Ttl = checkedInService(z.number(), RecordTtlSchema)
const SubDomain = checkedInService(z.string(), SubDomainSchema)

export const recordRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/records', {
    schema: {
      operationId: 'listDnsRecords',
      tags,
      summary: 'Records of a zone in id order, filtered by type and exact subdomain ("" or "@" = apex)',
      params: ZoneParams,
      querystring: PageQuery.extend({ fieldType: RecordTypeEnum.optional(), subDomain: SubDomain.optional() }),
      response: { 200: restPageSchema(RecordSchema) }
    }
  }, async request => {
    const { first, after, fieldType, subDomain } = request.query
    return restPageOf(await listRecords(request.caller, request.params.zone, { first, after, filter: { fieldType, subDomain } }))
  })

  app.get('/dns/zones/:zone/records/:id', {
    schema: { operationId: 'getDnsRecord', tags, summary: 'One record', params: ZoneIdParams, response: { 200: RecordSchema } }
  }, async request => {
    const record = await getRecord(request.caller, request.params.zone, request.params.id)
    if (!record) throw notFound(`DNS record ${request.params.id} of ${request.params.zone}`)
    return record
  })

  app.post('/dns/zones/:zone/records', {
    schema: {
      operationId: 'createDnsRecord',
      tags,
      summary: 'Add a record (checked before OVH sees it), then refresh the zone unless refresh=false',
      params: ZoneParams,
      querystring: RefreshQuery,
      body: z.object({
        fieldType: RecordTypeEnum,
        subDomain: SubDomain.optional(),
        target: z.string().max(8192),
        ttl: Ttl.optional()
      }).strict(),
      response: { 200: withRefresh({ record: RecordSchema }) }
    }
  }, async request => createRecord(request.caller, request.params.zone, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))

  app.put('/dns/zones/:zone/records/:id', {
    schema: {
      operationId: 'updateDnsRecord',
      tags,
      summary: 'Change a record\'s subdomain, target or TTL, then refresh the zone unless refresh=false',
      params: ZoneIdParams,
      querystring: RefreshQuery,
      body: z.object({ subDomain: SubDomain.optional(), target: z.string().max(8192).optional(), ttl: Ttl.optional() }).strict(),
      response: { 200: withRefresh({ record: RecordSchema }) }
    }
  }, async request => updateRecord(request.caller, request.params.zone, request.params.id, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))

  app.delete('/dns/zones/:zone/records/:id', {
    schema: {
      operationId: 'deleteDnsRecord',
      tags,
      summary: 'Delete a record, then refresh the zone unless refresh=false',
      params: ZoneIdParams,
      querystring: RefreshQuery,
      response: { 200: withRefresh({ id: z.number() }) }
    }
  }, async request => deleteRecord(request.caller, request.params.zone, request.params.id, { refresh: request.query.refresh === 'true' }))
}
