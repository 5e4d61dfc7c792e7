// REST: GET /v1/mirror/status, the portfolio mirror's sync per OVH account of the tenant.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { mirrorStatusFor } from './status-api.js'

const MirrorAccountStatusSchema = z.object({
  ovhEndpoint: z.string(),
  ovhAccount: z.string().describe('The NIC handle, lower case'),
  state: z.enum(['pending', 'initial', 'ready', 'failed']).describe('pending: not started; initial: first sync under way; ready: mirrored; failed: the sync cannot read (see lastError)'),
  domainsKnown: z.number().int().describe('Domains OVH listed at the last list'),
  domainsSynced: z.number().int().describe('Domains whose details are mirrored'),
  lastListAt: z.date().nullable(),
  lastFullSyncAt: z.date().nullable(),
  lagSeconds: z.number().int().nullable().describe('Age of the oldest mirrored data (the last list or the oldest domain details)'),
  detailPassSeconds: z.number().int().nullable().describe('One full pass over the domains\' details as the sync computes it (P): a change made outside the gateway appears within the larger of MIRROR_DETAIL_MAX_AGE and P; null before the first reconciliation'),
  callsUsed: z.number().int().describe('OVH calls the sync made for this account, all time'),
  lastError: z.string().nullable(),
  lastErrorAt: z.date().nullable()
})

const mirrorStatusRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/mirror/status', {
    schema: {
      operationId: 'getMirrorStatus',
      tags: ['account'],
      summary: 'The portfolio mirror\'s sync per OVH account of the tenant (admins and operators); no OVH call',
      response: { 200: z.object({ accounts: z.array(MirrorAccountStatusSchema) }) }
    }
  }, async request => ({ accounts: await mirrorStatusFor(request.caller, app.mirror) }))
}

export default mirrorStatusRoutes
