// GET /v1/credentials/{id}/callback: where OVH sends the user's browser after they approved (or
// refused) a consumer key. Public, like any OAuth-style redirect target: it only re-reads the
// key's state from OVH and reveals nothing; the credential id is an unguessable UUID.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { textAnswer } from '../shared/text-answer.js'

const MESSAGES: Record<string, string> = {
  validated: 'Your OVH consumer key is validated. You can close this window.',
  pendingValidation: 'Your OVH consumer key is not validated yet.',
  refused: 'The OVH consumer key was refused.',
  expired: 'This OVH consumer key has expired.',
  revoked: 'This OVH consumer key was replaced or revoked.'
}

const callbackRoute: FastifyPluginAsyncZod = async function (app) {
  app.get('/credentials/:id/callback', {
    schema: {
      operationId: 'receiveCredentialCallback',
      tags: ['account'],
      summary: 'Return address of OVH\'s consumer-key validation page',
      security: [],
      params: z.object({ id: z.uuid() }),
      // An HTML page for the user's browser, not a redirect: it says what became of the key.
      response: { 200: textAnswer('text/html', 'A page telling the user the key\'s state (validated, refused, expired...)') }
    }
  }, async function (request, reply) {
    const credential = await app.db.ovhCredential.findUnique({ where: { id: request.params.id }, include: { tenant: true } })
    if (!credential) throw notFound('credential')
    const { tenant, ...record } = credential
    const application = app.stores.tenants.application(tenant)
    // Each call spends the key's own budget, as a request made with it would.
    const client = app.ovh.userClient(application, { id: record.id, consumerKey: app.stores.credentials.consumerKey(record) }, { log: request.log })
    // The user's older keys, replaced by this one, are logged out at OVH (best effort).
    const updated = await app.stores.credentials.refresh(record, client, {
      clientFor: (consumerKey, id) => app.ovh.userClient(application, { id, consumerKey }, { log: request.log }),
      log: request.log
    })
    const message = MESSAGES[updated.state] ?? updated.state
    reply.type('text/html; charset=utf-8')
    return `<!doctype html><html><head><meta charset="utf-8"><title>OVH consumer key</title></head><body><p>${message}</p></body></html>`
  })
}

export default callbackRoute
