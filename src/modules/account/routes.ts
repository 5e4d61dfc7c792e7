// REST: GET /v1/me.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { getMe } from './service.js'

const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string().nullable(), role: z.enum(['admin', 'operator', 'viewer']) }),
  role: z.enum(['admin', 'operator', 'viewer']),
  scopes: z.array(z.enum(['read', 'write', 'admin'])),
  tenant: z.object({ id: z.string(), slug: z.string(), name: z.string(), ovhEndpoint: z.string(), ovhSubsidiary: z.string() }),
  credential: z.object({
    id: z.string(),
    state: z.enum(['pendingValidation', 'validated', 'expired', 'refused', 'revoked']),
    expiresAt: z.date().nullable(),
    validationUrl: z.string().nullable(),
    validatedAt: z.date().nullable(),
    lastCheckedAt: z.date().nullable(),
    accessRules: z.array(z.object({ method: z.string(), path: z.string() }))
  }).nullable()
})

const accountRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/me', {
    schema: {
      operationId: 'getMe',
      tags: ['account'],
      summary: 'Who is calling: user, role, tenant and OVH consumer key state',
      response: { 200: Me }
    }
  }, async function (request) {
    return getMe(request.caller) as Promise<z.infer<typeof Me>>
  })
}

export default accountRoutes
