// REST: /v1/dns/zones* (zones, status, refresh, export/import, SOA, DNSSEC), plus the record,
// redirection, history and reset, DynHost and zone task routes, over the same services as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { recordRoutes } from './record-routes.js'
import { redirectionRoutes } from './redirection-routes.js'
import { registryRoutes } from './registry-routes.js'
import { PageQuery, ZoneParams, RefreshQuery, withRefresh } from './rest-shapes.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { DnssecSchema, SoaSchema, ZoneSchema, ZoneStatusSchema, ZoneTaskSchema } from './schemas.js'
import {
  disableDnssec, enableDnssec, exportZone, getDnssec, getSoa, getZone, getZoneStatus, importZone, listZones, refreshZone, updateSoa, ZONE_FILE_MAX
} from './zone-service.js'
import { zoneTaskRoutes } from './zone-task-routes.js'
import { zoneHistoryRoutes } from './zone-history-routes.js'
import { dynHostRoutes } from './dynhost-routes.js'
import { zoneServiceRoutes } from './zone-service-routes.js'
import { SoaTimerSchemas } from './timers.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { EmailSchema } from '../shared/ovh-formats.js'

const tags = ['dns']
const DnssecChange = z.object({ dnssec: DnssecSchema, task: ZoneTaskSchema.nullable() })
// A zone file of the largest size allowed fits its JSON wrapper however the client escapes it:
// JSON takes at most 6 bytes per character ("\u00e9"), and the wrapper a few more.
const IMPORT_BODY_LIMIT = 6 * ZONE_FILE_MAX + 1024
// Checked by updateSoa with the other fields, all errors at once; documented with its bounds.
const soaTimer = (name: keyof typeof SoaTimerSchemas) => checkedInService(z.number(), SoaTimerSchemas[name]).optional()

const dnsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones', {
    schema: {
      operationId: 'listDnsZones',
      tags,
      summary: 'DNS zones hosted at OVH, sorted by name',
      querystring: PageQuery.extend({ nameContains: z.string().max(253).optional() }),
      response: { 200: restPageSchema(ZoneSchema) }
    }
  }, async request => restPageOf(await listZones(request.caller, request.query)))

  app.get('/dns/zones/:zone', {
    schema: { operationId: 'getDnsZone', tags, summary: 'One DNS zone', params: ZoneParams, response: { 200: ZoneSchema } }
  }, async request => {
    const zone = await getZone(request.caller, request.params.zone)
    if (!zone) throw notFound(`DNS zone ${request.params.zone}`)
    return zone
  })

  app.get('/dns/zones/:zone/status', {
    schema: { operationId: 'getDnsZoneStatus', tags, summary: 'Whether the zone is deployed, and its errors and warnings', params: ZoneParams, response: { 200: ZoneStatusSchema } }
  }, async request => getZoneStatus(request.caller, request.params.zone))

  app.post('/dns/zones/:zone/refresh', {
    schema: { operationId: 'refreshDnsZone', tags, summary: 'Deploy the zone\'s pending changes', params: ZoneParams, response: { 200: ZoneStatusSchema } }
  }, async request => {
    const caller = request.caller
    await refreshZone(caller, request.params.zone)
    return getZoneStatus(caller, request.params.zone)
  })

  app.get('/dns/zones/:zone/export', {
    schema: { operationId: 'exportDnsZone', tags, summary: 'The zone file (BIND syntax), including changes not yet refreshed', params: ZoneParams, response: { 200: z.object({ zoneFile: z.string() }) } }
  }, async request => ({ zoneFile: await exportZone(request.caller, request.params.zone) }))

  app.post('/dns/zones/:zone/import', {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: {
      operationId: 'importDnsZone',
      tags,
      summary: `Replace the zone's records with a zone file (at most ${ZONE_FILE_MAX} characters): a ZoneImport task`,
      params: ZoneParams,
      body: z.object({ zoneFile: z.string() }),
      response: { 200: ZoneTaskSchema }
    }
  }, async request => importZone(request.caller, request.params.zone, request.body.zoneFile, 'body.zoneFile'))

  app.get('/dns/zones/:zone/soa', {
    schema: { operationId: 'getDnsZoneSoa', tags, summary: 'The zone\'s SOA', params: ZoneParams, response: { 200: SoaSchema } }
  }, async request => getSoa(request.caller, request.params.zone))

  app.put('/dns/zones/:zone/soa', {
    schema: {
      operationId: 'updateDnsZoneSoa',
      tags,
      summary: 'Change the SOA email, timers or default TTL (then refresh unless refresh=false)',
      params: ZoneParams,
      querystring: RefreshQuery,
      body: z.object({
        email: checkedInService(z.string(), EmailSchema).optional(),
        refresh: soaTimer('refresh'),
        expire: soaTimer('expire'),
        nxDomainTtl: soaTimer('nxDomainTtl'),
        ttl: soaTimer('ttl')
      }).strict(),
      response: { 200: withRefresh({ soa: SoaSchema }) }
    }
  }, async request => updateSoa(request.caller, request.params.zone, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))

  app.get('/dns/zones/:zone/dnssec', {
    schema: { operationId: 'getDnssec', tags, summary: 'DNSSEC status of the zone', params: ZoneParams, response: { 200: DnssecSchema } }
  }, async request => getDnssec(request.caller, request.params.zone))

  app.post('/dns/zones/:zone/dnssec', {
    schema: { operationId: 'enableDnssec', tags, summary: 'Enable DNSSEC: a DnssecEnable zone task', params: ZoneParams, response: { 200: DnssecChange } }
  }, async request => enableDnssec(request.caller, request.params.zone))

  app.delete('/dns/zones/:zone/dnssec', {
    schema: { operationId: 'disableDnssec', tags, summary: 'Disable DNSSEC: a DnssecDisable zone task', params: ZoneParams, response: { 200: DnssecChange } }
  }, async request => disableDnssec(request.caller, request.params.zone))

  await app.register(recordRoutes)
  await app.register(redirectionRoutes)
  await app.register(zoneHistoryRoutes)
  await app.register(dynHostRoutes)
  await app.register(zoneTaskRoutes)
  await app.register(registryRoutes)
  await app.register(zoneServiceRoutes)
}

export default dnsRoutes
