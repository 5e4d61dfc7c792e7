// REST: a zone as a billed service: /v1/dns/zones/{zone}/serviceInfos (its renewal settings),
// /options* (its options and their renewal) and /capabilities, over ./zone-services.ts.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { RenewInputSchema, ServiceInfosSchema } from '../domains/schemas.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { ZoneParams } from './rest-shapes.js'
import {
  getZoneCapabilities, getZoneOption, getZoneOptionServiceInfos, getZoneServiceInfos, listZoneOptions, updateZoneOptionRenewal, updateZoneRenewal
} from './zone-services.js'

const tags = ['dns']
// Checked by the service (zone-services.ts), which names the field.
const OptionParams = ZoneParams.extend({ option: checkedInService(z.string(), z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,63}$/).describe('The option\'s name, such as dnsAnycast')) })
const ZoneOptionSchema = z.object({ name: z.string().describe('The option\'s name, such as dnsAnycast') })
const RenewBody = z.object({ renew: RenewInputSchema.describe('The renewal settings to change; fields left out keep their value') }).strict()

export const zoneServiceRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/serviceInfos', {
    schema: { operationId: 'getDnsZoneServiceInfos', tags, summary: 'The zone as a billed service: expiry and renewal (OVH services.Service)', params: ZoneParams, response: { 200: ServiceInfosSchema } }
  }, async request => getZoneServiceInfos(request.caller, request.params.zone))

  app.put('/dns/zones/:zone/serviceInfos', {
    schema: {
      operationId: 'updateDnsZoneServiceInfos',
      tags,
      summary: 'Set the zone\'s automatic or manual renewal, deletion at expiration and renewal period',
      params: ZoneParams,
      body: RenewBody,
      response: { 200: ServiceInfosSchema }
    }
  }, async request => updateZoneRenewal(request.caller, request.params.zone, request.body.renew, 'body.renew'))

  app.get('/dns/zones/:zone/options', {
    schema: { operationId: 'listDnsZoneOptions', tags, summary: 'The zone\'s options (DNS Anycast...)', params: ZoneParams, response: { 200: z.array(ZoneOptionSchema) } }
  }, async request => listZoneOptions(request.caller, request.params.zone))

  app.get('/dns/zones/:zone/options/:option', {
    schema: { operationId: 'getDnsZoneOption', tags, summary: 'One option of the zone', params: OptionParams, response: { 200: ZoneOptionSchema } }
  }, async request => {
    const option = await getZoneOption(request.caller, request.params.zone, request.params.option)
    if (option === null) throw notFound(`option ${request.params.option} of the DNS zone ${request.params.zone}`)
    return option
  })

  app.get('/dns/zones/:zone/options/:option/serviceInfos', {
    schema: { operationId: 'getDnsZoneOptionServiceInfos', tags, summary: 'The option as a billed service: expiry and renewal', params: OptionParams, response: { 200: ServiceInfosSchema } }
  }, async request => getZoneOptionServiceInfos(request.caller, request.params.zone, request.params.option))

  app.put('/dns/zones/:zone/options/:option/serviceInfos', {
    schema: {
      operationId: 'updateDnsZoneOptionServiceInfos',
      tags,
      summary: 'Set how the option renews (deleteAtExpiration ends it at its expiry)',
      params: OptionParams,
      body: RenewBody,
      response: { 200: ServiceInfosSchema }
    }
  }, async request => updateZoneOptionRenewal(request.caller, request.params.zone, request.params.option, request.body.renew, 'body.renew'))

  app.get('/dns/zones/:zone/capabilities', {
    schema: { operationId: 'getDnsZoneCapabilities', tags, summary: 'What the zone supports (DynHost)', params: ZoneParams, response: { 200: z.object({ dynHost: z.boolean().describe('Whether the zone can have DynHost records') }) } }
  }, async request => getZoneCapabilities(request.caller, request.params.zone))
}
