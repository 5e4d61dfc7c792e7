// The admin HTTP API (/admin/*): JSON over the same controls as sandbox.admin, for tests and demos.
// Separate from the OVH routes: no OVH authentication, no X-Ovh-Queryid, not in the call log.
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { MAX_EXTRA_DOMAINS } from '../constants.js'
import type { Sandbox } from '../sandbox.js'
import { AdminError } from './controls.js'
import { domainRoutes } from './domain-routes.js'

export interface AdminRoutesOptions {
  sandbox: Sandbox
}

const seed = z.enum(['demo', 'empty'])
const method = z.enum(['GET', 'POST', 'PUT', 'DELETE'])
const consumerKey = z.object({ consumerKey: z.string().min(1) }).strict()

const schemas = {
  reset: z.object({ seed: seed.optional(), extraDomains: z.number().int().min(0).max(MAX_EXTRA_DOMAINS).optional() }).strict(),
  account: z.object({ nic: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/i).optional(), seed: seed.optional() }).strict(),
  application: z.object({ name: z.string().max(200).optional(), description: z.string().max(500).optional() }).strict(),
  validate: z.object({
    consumerKey: z.string().min(1),
    account: z.string().optional(),
    expiresInSeconds: z.number().int().positive().nullable().optional()
  }).strict(),
  advance: z.object({ seconds: z.number().nonnegative() }).strict(),
  fault: z.object({
    method: method.optional(),
    path: z.string().startsWith('/'),
    latencyMs: z.number().int().nonnegative().max(120_000).optional(),
    lateAnswerMs: z.number().int().nonnegative().max(120_000).optional(),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
    retryAfterSeconds: z.number().int().nonnegative().optional(),
    times: z.number().int().positive().optional(),
    ratio: z.number().gt(0).max(1).optional(),
    reset: z.boolean().optional(),
    malformed: z.boolean().optional(),
    lostAnswer: z.boolean().optional(),
    itemError: z.string().min(1).max(500).optional()
  }).strict(),
  calls: z.object({ since: z.coerce.number().int().nonnegative().optional(), path: z.string().optional() }).strict(),
  id: z.object({ id: z.coerce.number().int().positive() }),
  orders: z.object({ account: z.string().optional() }).strict()
}

// An empty POST (no body, or no content type) means "no options".
const bodyOf = (body: unknown): unknown => body ?? {}

export async function adminRoutes (scope: FastifyInstance, { sandbox }: AdminRoutesOptions): Promise<void> {
  const { admin } = sandbox

  scope.setErrorHandler(async (error, _request, reply) => {
    if (error instanceof z.ZodError) {
      const message = error.issues.map(issue => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
      return reply.code(400).send({ error: 'BAD_REQUEST', message })
    }
    if (error instanceof AdminError) return reply.code(error.statusCode).send({ error: error.statusCode === 404 ? 'NOT_FOUND' : error.statusCode === 409 ? 'CONFLICT' : 'BAD_REQUEST', message: error.message })
    const status = (error as { statusCode?: number }).statusCode ?? 500
    return reply.code(status).send({ error: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: (error as Error).message })
  })

  scope.post('/reset', async request => {
    admin.reset(schemas.reset.parse(bodyOf(request.body)))
    return { ok: true, clock: admin.clock() }
  })

  scope.post('/accounts', async (request, reply) => {
    const created = admin.createAccount(schemas.account.parse(bodyOf(request.body)))
    return reply.code(201).send(created)
  })

  scope.get('/accounts', async () => {
    return Object.values(sandbox.state.accounts).map(account => ({ nic: account.nic, domains: Object.keys(account.domains).sort() }))
  })

  scope.post('/applications', async (request, reply) => {
    return reply.code(201).send(admin.createApplication(schemas.application.parse(bodyOf(request.body))))
  })

  scope.post('/credentials/validate', async request => admin.validateCredential(schemas.validate.parse(bodyOf(request.body))))
  scope.post('/credentials/refuse', async request => admin.refuseCredential(consumerKey.parse(bodyOf(request.body))))
  scope.post('/credentials/expire', async request => admin.expireCredential(consumerKey.parse(bodyOf(request.body))))

  scope.get('/clock', async () => admin.clock())
  scope.post('/clock/advance', async request => admin.advanceClock(schemas.advance.parse(bodyOf(request.body))))

  scope.post('/faults', async (request, reply) => {
    const fault = admin.addFault(schemas.fault.parse(bodyOf(request.body)))
    return reply.code(201).send(fault)
  })
  scope.get('/faults', async () => admin.faults())
  scope.delete('/faults', async () => ({ removed: admin.removeFault() }))
  scope.delete('/faults/:id', async (request, reply) => {
    const removed = admin.removeFault(schemas.id.parse(request.params).id)
    if (removed === 0) return reply.code(404).send({ error: 'NOT_FOUND', message: 'unknown fault' })
    return { removed }
  })

  scope.get('/calls', async request => admin.calls(schemas.calls.parse(request.query)))
  scope.get('/orders', async request => admin.orders(schemas.orders.parse(request.query)))
  scope.get('/contact-changes/:id/tokens', async request => admin.contactChangeTokens(schemas.id.parse(request.params).id))
  scope.get('/terminations/:id/token', async request => ({ token: admin.terminationToken(schemas.id.parse(request.params).id) }))
  scope.get('/zones/:zone/termination-token', async request => ({ token: admin.zoneTerminationToken(z.object({ zone: z.string().min(1).max(255) }).parse(request.params).zone) }))
  scope.delete('/calls', async () => {
    admin.clearCalls()
    return { ok: true }
  })

  domainRoutes(scope, sandbox)

  // The OVH routes this sandbox serves, as schema templates.
  scope.get('/routes', async () => sandbox.servedRoutes)
}
