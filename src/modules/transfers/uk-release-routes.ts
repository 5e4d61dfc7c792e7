// REST: the .uk release (GET /v1/domains/{name}/uk-registrars, POST /v1/domains/{name}/uk-release),
// over the same service as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { checkedInService } from '../shared/checked-in-service.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { DomainTaskSchema } from '../tasks/schemas.js'
import { listUkRegistrars, releaseUkDomain } from './uk-release.js'

const tags = ['transfers']
const Name = z.object({ name: DomainNameSchema })
const Registrar = z.object({ name: z.string().describe('The registrar\'s name'), tag: z.string().describe('Its Nominet tag: what the domain is released to') })

export const ukReleaseRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/domains/:name/uk-registrars', {
    schema: {
      operationId: 'listUkRegistrars',
      tags,
      summary: 'The registrars a .uk domain can be released to, with their Nominet tags (400 for other domains)',
      params: Name,
      response: { 200: z.object({ domain: z.string(), registrars: z.array(Registrar) }) }
    }
  }, async request => {
    const registrars = await listUkRegistrars(request.caller, request.params.name)
    return { domain: request.params.name.toLowerCase(), registrars }
  })

  app.post('/domains/:name/uk-release', {
    schema: {
      operationId: 'releaseUkDomain',
      tags,
      summary: 'Release a .uk domain to another registrar\'s tag (one of uk-registrars): a DomainOutgoingTransfer task',
      params: Name,
      body: z.object({ tag: checkedInService(z.string(), z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/).describe('A Nominet tag from uk-registrars, such as GANDI')) }).strict(),
      response: { 200: DomainTaskSchema }
    }
  }, async request => releaseUkDomain(request.caller, request.params.name, request.body.tag, 'body.tag'))
}
