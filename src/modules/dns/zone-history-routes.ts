// REST: /v1/dns/zones/{zone}/history* (the zone's saved versions: list, read with the zone file,
// restore) and /v1/dns/zones/{zone}/reset.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { dateOrDateTime, dateQuery } from '../shared/date-query.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { RestorePointSchema } from './feature-schemas.js'
import { PageQuery, RefreshQuery, ZoneParams, withRefresh } from './rest-shapes.js'
import { ZoneTaskSchema } from './schemas.js'
import { getZoneVersion, listZoneVersions, RESET_RECORDS_MAX, resetZone, restoreZoneVersion } from './zone-history-service.js'
import { fetchZoneFile } from './zone-file.js'

const tags = ['dns']
// Checked by the service (zone-history-service.ts), which names the field.
const VersionParams = ZoneParams.extend({
  creationDate: checkedInService(z.string(), dateOrDateTime.describe('The version\'s creationDate as listed (URL-encoded: "+" is %2B)'))
})

export const zoneHistoryRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/history', {
    schema: {
      operationId: 'listDnsZoneVersions',
      tags,
      summary: 'The zone\'s saved versions (one per deployment), newest first',
      params: ZoneParams,
      querystring: PageQuery.extend({ from: dateQuery('Saved at or after'), to: dateQuery('Saved at or before') }),
      response: { 200: restPageSchema(z.object({ creationDate: z.string() })) }
    }
  }, async request => {
    const { first, after, from, to } = request.query
    return restPageOf(await listZoneVersions(request.caller, request.params.zone, { first, after, filter: { from, to } }))
  })

  app.get('/dns/zones/:zone/history/:creationDate', {
    schema: {
      operationId: 'getDnsZoneVersion',
      tags,
      summary: 'One saved version with its zone file (BIND syntax)',
      params: VersionParams,
      response: { 200: RestorePointSchema.extend({ zoneFile: z.string().describe('The zone file of that version, read from OVH\'s link') }) }
    }
  }, async request => {
    const version = await getZoneVersion(request.caller, request.params.zone, request.params.creationDate, 'params.creationDate')
    if (!version) throw notFound(`version ${request.params.creationDate} of the DNS zone ${request.params.zone}`)
    return { ...version, zoneFile: await fetchZoneFile(request.caller, version.zoneFileUrl) }
  })

  app.post('/dns/zones/:zone/history/:creationDate/restore', {
    schema: {
      operationId: 'restoreDnsZoneVersion',
      tags,
      summary: 'Put a saved version back: a ZoneRestore zone task, deployed when it is done',
      params: VersionParams,
      response: { 200: ZoneTaskSchema }
    }
  }, async request => restoreZoneVersion(request.caller, request.params.zone, request.params.creationDate, 'params.creationDate'))

  app.post('/dns/zones/:zone/reset', {
    schema: {
      operationId: 'resetDnsZone',
      tags,
      summary: 'Replace every record (redirections and DynHost records too) with OVH\'s defaults, or only the NS records when minimized; then refresh unless refresh=false',
      params: ZoneParams,
      querystring: RefreshQuery,
      body: z.object({
        minimized: z.boolean().optional().describe('Only the records the zone needs (its NS records); default false'),
        dnsRecords: z.array(z.object({
          fieldType: z.enum(['A', 'MX']),
          target: checkedInService(z.string(), z.string().describe('A: an IPv4 address; MX: "<priority> <host>" or a host name'))
        }).strict()).max(RESET_RECORDS_MAX).optional().describe('Apex A and MX records to put instead of OVH\'s')
      }).strict(),
      response: { 200: withRefresh({ zone: z.string() }) }
    }
  }, async request => resetZone(request.caller, request.params.zone, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))
}
