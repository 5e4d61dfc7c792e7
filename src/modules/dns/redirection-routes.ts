// REST: /v1/dns/zones/{zone}/redirections*: list (subdomain filter, pages), read, create, update,
// delete; each change refreshes the zone unless ?refresh=false.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { checkedInService } from '../shared/checked-in-service.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { RedirectionChangeSchema, RedirectionSchema, RedirectionTypeEnum } from './feature-schemas.js'
import { SubDomainSchema } from './record-input.js'
import { createRedirection, deleteRedirection, getRedirection, listRedirections, META_MAX, TARGET_MAX, updateRedirection } from './redirection-service.js'
import { PageQuery, RefreshQuery, ZoneIdParams, ZoneParams, withRefresh } from './rest-shapes.js'

const tags = ['dns']
// Checked by the service with the other fields (redirection-service.ts), all errors at once.
const SubDomain = checkedInService(z.string(), SubDomainSchema)
const Target = checkedInService(z.string(), z.url({ protocol: /^https?$/ }).max(TARGET_MAX).describe('An absolute http:// or https:// URL'))
const Meta = (what: string) => checkedInService(z.string(), z.string().max(META_MAX).describe(`${what} of the frame page (invisible redirections only)`)).optional()

export const redirectionRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/redirections', {
    schema: {
      operationId: 'listDnsRedirections',
      tags,
      summary: 'Web redirections of a zone in id order, filtered by exact subdomain ("" or "@" = apex)',
      params: ZoneParams,
      querystring: PageQuery.extend({ subDomain: SubDomain.optional() }),
      response: { 200: restPageSchema(RedirectionSchema) }
    }
  }, async request => {
    const { first, after, subDomain } = request.query
    return restPageOf(await listRedirections(request.caller, request.params.zone, { first, after, filter: { subDomain } }))
  })

  app.get('/dns/zones/:zone/redirections/:id', {
    schema: { operationId: 'getDnsRedirection', tags, summary: 'One web redirection', params: ZoneIdParams, response: { 200: RedirectionSchema } }
  }, async request => {
    const redirection = await getRedirection(request.caller, request.params.zone, request.params.id)
    if (!redirection) throw notFound(`redirection ${request.params.id} of ${request.params.zone}`)
    return redirection
  })

  app.post('/dns/zones/:zone/redirections', {
    schema: {
      operationId: 'createDnsRedirection',
      tags,
      summary: 'Redirect a name to a URL (visible: 302, visiblePermanent: 301, invisible: a frame), then refresh the zone unless refresh=false',
      params: ZoneParams,
      querystring: RefreshQuery,
      body: z.object({
        subDomain: SubDomain.optional(),
        target: Target,
        type: RedirectionTypeEnum,
        title: Meta('Title'),
        keywords: Meta('Meta keywords'),
        description: Meta('Meta description')
      }).strict(),
      response: { 200: RedirectionChangeSchema }
    }
  }, async request => createRedirection(request.caller, request.params.zone, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))

  app.put('/dns/zones/:zone/redirections/:id', {
    schema: {
      operationId: 'updateDnsRedirection',
      tags,
      summary: 'Change a redirection\'s target, type or frame page fields (not its name), then refresh the zone unless refresh=false',
      params: ZoneIdParams,
      querystring: RefreshQuery,
      body: z.object({
        target: Target.optional(),
        type: RedirectionTypeEnum.optional(),
        title: Meta('Title'),
        keywords: Meta('Meta keywords'),
        description: Meta('Meta description')
      }).strict(),
      response: { 200: RedirectionChangeSchema }
    }
  }, async request => updateRedirection(request.caller, request.params.zone, request.params.id, request.body, { refresh: request.query.refresh === 'true', path: 'body' }))

  app.delete('/dns/zones/:zone/redirections/:id', {
    schema: {
      operationId: 'deleteDnsRedirection',
      tags,
      summary: 'Delete a redirection (and the records OVH made for it), then refresh the zone unless refresh=false',
      params: ZoneIdParams,
      querystring: RefreshQuery,
      response: { 200: withRefresh({ id: z.number() }) }
    }
  }, async request => deleteRedirection(request.caller, request.params.zone, request.params.id, { refresh: request.query.refresh === 'true' }))
}
