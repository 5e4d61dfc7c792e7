// GET /v1/credentials/{id}/callback: where OVH sends the user's browser after they approved (or
// refused) a consumer key. Public, like any OAuth-style redirect target: it only re-reads the
// key's state from OVH and reveals nothing; the credential id is an unguessable UUID. Then the
// browser goes on to the tenant's return page (Tenant.consumerKeyReturnUrl) with the outcome, or
// gets a plain page when the tenant set none.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { normalizeError } from '../../error-mapping.js'
import { textAnswer } from '../shared/text-answer.js'
import { callbackPage, returnLocation } from './callback-outcome.js'
import type { CallbackOutcome } from './callback-outcome.js'

const callbackRoute: FastifyPluginAsyncZod = async function (app) {
  app.get('/credentials/:id/callback', {
    schema: {
      operationId: 'receiveCredentialCallback',
      tags: ['account'],
      summary: 'Return address of OVH\'s consumer-key validation page: checks the key, then redirects to the tenant\'s return page or shows a plain page',
      security: [],
      params: z.object({ id: z.uuid() }),
      response: {
        // Without a return page: an HTML page for the user's browser saying what became of the key.
        200: textAnswer('text/html', 'A page telling the user the key\'s state (validated, refused, expired...)'),
        303: z.null().describe('To the tenant\'s return page (Location), with credentialId, userId and outcome in its query')
      }
    }
  }, async function (request, reply) {
    const credential = await app.db.ovhCredential.findUnique({ where: { id: request.params.id }, include: { tenant: true } })
    if (!credential) throw notFound('credential')
    const { tenant, ...record } = credential
    const application = app.stores.tenants.application(tenant)
    // Each call spends the key's own budget, as a request made with it would.
    const client = app.ovh.userClient(application, { id: record.id, consumerKey: app.stores.credentials.consumerKey(record) }, { log: request.log })
    let outcome: CallbackOutcome
    try {
      // The user's older keys, replaced by this one, are logged out at OVH (best effort).
      const updated = await app.stores.credentials.refresh(record, client, {
        clientFor: (consumerKey, id) => app.ovh.userClient(application, { id, consumerKey }, { log: request.log }),
        log: request.log
      })
      outcome = { state: updated.state }
    } catch (err) {
      // OVH could not be asked now: the browser still goes on, told so (the admin can `check` later).
      const error = normalizeError(err)
      request.log.warn({ credentialId: record.id, code: error.code }, 'the consumer-key callback could not check the key at OVH')
      outcome = { state: 'unchecked', error: error.code }
    }
    if (tenant.consumerKeyReturnUrl !== null) {
      return reply.redirect(returnLocation(tenant.consumerKeyReturnUrl, { credentialId: record.id, userId: record.userId }, outcome), 303)
    }
    reply.type('text/html; charset=utf-8')
    return callbackPage(outcome)
  })
}

export default callbackRoute
