// REST: renewal settings (/v1/domains/{name}/serviceInfos) and options (/option*, /options).
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { DomainOptionEnum, DomainOptionSchema, RenewInputSchema, ServiceInfosSchema, ServiceOptionsSchema } from './schemas.js'
import { getServiceInfos } from './service.js'
import { getOption, getServiceOptions, listOptions, releaseOption, updateRenewal } from './settings.js'

const tags = ['domains']
const NameParams = z.object({ name: DomainNameSchema })
const OptionParams = NameParams.extend({ option: DomainOptionEnum })

export const domainSettingsRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains/:name/serviceInfos', {
    schema: { operationId: 'getDomainServiceInfos', tags, summary: 'Renewal and expiry of the domain (OVH services.Service)', params: NameParams, response: { 200: ServiceInfosSchema } }
  }, async request => {
    const infos = await getServiceInfos(request.caller, request.params.name)
    if (!infos) throw notFound(`domain ${request.params.name}`)
    return infos
  })

  app.put('/domains/:name/serviceInfos', {
    schema: {
      operationId: 'updateDomainServiceInfos',
      tags,
      summary: 'Set automatic or manual renewal, deletion at expiration and the renewal period',
      params: NameParams,
      body: z.object({ renew: RenewInputSchema }).strict(),
      response: { 200: ServiceInfosSchema }
    }
  }, async request => updateRenewal(request.caller, request.params.name, request.body.renew, 'body.renew'))

  app.get('/domains/:name/option', {
    schema: { operationId: 'listDomainOptions', tags, summary: 'The domain\'s options', params: NameParams, response: { 200: z.array(DomainOptionSchema) } }
  }, async request => listOptions(request.caller, request.params.name))

  app.get('/domains/:name/option/:option', {
    schema: { operationId: 'getDomainOption', tags, summary: 'One option of the domain', params: OptionParams, response: { 200: DomainOptionSchema } }
  }, async request => {
    const option = await getOption(request.caller, request.params.name, request.params.option)
    if (!option) throw notFound(`option ${request.params.option} of ${request.params.name}`)
    return option
  })

  app.delete('/domains/:name/option/:option', {
    schema: { operationId: 'releaseDomainOption', tags, summary: 'Release (end) an option of the domain', params: OptionParams, response: { 200: DomainOptionSchema } }
  }, async request => releaseOption(request.caller, request.params.name, request.params.option))

  app.get('/domains/:name/options', {
    schema: { operationId: 'listDomainServiceOptions', tags, summary: 'Services attached to the domain (hosting, offer, DNS zone)', params: NameParams, response: { 200: ServiceOptionsSchema } }
  }, async request => getServiceOptions(request.caller, request.params.name))
}
