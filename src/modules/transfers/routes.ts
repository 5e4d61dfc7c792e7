// REST: the transfer lock, the auth code, fixing a failed incoming transfer, outgoing transfers and
// the .uk release, over the same service as GraphQL. Incoming transfers are orders: POST
// /v1/orders/domain.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { OvhDomainSchema } from '../domains/schemas.js'
import { DomainTaskSchema } from '../tasks/schemas.js'
import { approveOutgoingTransfer, getAuthInfo, retryIncomingTransfer, setTransferLock } from './service.js'
import { ukReleaseRoutes } from './uk-release-routes.js'

const domainParams = z.object({ name: DomainNameSchema })

const transfersRoutes: FastifyPluginAsyncZod = async function (app) {
  app.put('/domains/:name/transfer-lock', {
    schema: {
      operationId: 'setTransferLock',
      tags: ['transfers'],
      summary: 'Locks or unlocks the transfer of a domain (OVH moves it through locking / unlocking)',
      params: domainParams,
      body: z.object({ locked: z.boolean() }),
      response: { 200: OvhDomainSchema }
    }
  }, async function (request) {
    return setTransferLock(request.caller, request.params.name, request.body.locked)
  })

  app.get('/domains/:name/auth-info', {
    schema: {
      operationId: 'getAuthInfo',
      tags: ['transfers'],
      summary: 'The auth code for the new registrar; 409 TRANSFER_LOCKED while the domain is locked',
      params: domainParams,
      response: { 200: z.object({ domain: z.string(), authInfo: z.string() }) }
    }
  }, async function (request) {
    return { domain: request.params.name.toLowerCase(), authInfo: await getAuthInfo(request.caller, request.params.name) }
  })

  app.post('/transfers/incoming/:taskId/retry', {
    schema: {
      operationId: 'retryIncomingTransfer',
      tags: ['transfers'],
      summary: 'Fixes a failed incoming transfer: sets the task\'s authInfo and relaunches it',
      params: z.object({ taskId: z.coerce.number().int().positive() }),
      body: z.object({ authInfo: z.string().min(1).max(255) }),
      response: { 200: DomainTaskSchema.describe('The task, relaunched') }
    }
  }, async function (request) {
    return retryIncomingTransfer(request.caller, request.params.taskId, request.body.authInfo)
  })

  app.post('/domains/:name/outgoing-transfer', {
    schema: {
      operationId: 'approveOutgoingTransfer',
      tags: ['transfers'],
      summary: 'Approves (approve: true) or rejects a transfer away from OVH, with the token of OVH\'s email',
      params: domainParams,
      body: z.object({ approve: z.boolean(), ident: z.string().min(1).max(255).regex(/\S/, 'the token of the email about the transfer') }),
      response: { 200: z.object({ domain: z.string(), approved: z.boolean() }) }
    }
  }, async function (request) {
    await approveOutgoingTransfer(request.caller, request.params.name, request.body.approve, request.body.ident)
    return { domain: request.params.name.toLowerCase(), approved: request.body.approve }
  })

  await app.register(ukReleaseRoutes)
}

export default transfersRoutes
