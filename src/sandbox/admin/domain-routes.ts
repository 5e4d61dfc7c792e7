// /admin/domains: the domain controls of admin/domains.ts over HTTP (changes made outside the
// gateway). Errors go through the admin scope's handler (admin/routes.ts).
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Sandbox } from '../sandbox.js'

// Enumerations of the OVH model (domain.DomainStateEnum...), as the sandbox state has them.
const state = z.enum(['deleted', 'dispute', 'expired', 'ok', 'outgoing_transfer', 'pending_create', 'pending_delete',
  'pending_incoming_transfer', 'pending_installation', 'registry_suspended', 'restorable', 'technical_suspended'])
const lock = z.enum(['locked', 'locking', 'unavailable', 'unlocked', 'unlocking'])
const nameServer = z.union([z.string().min(1).max(253), z.object({ host: z.string().min(1).max(253), ip: z.string().max(45).optional() }).strict()])

const changes = {
  account: z.string().min(1).max(64).optional(),
  state: state.optional(),
  expiration: z.string().max(40).optional(),
  renewalState: z.enum(['automatic_renew', 'manual_renew', 'cancellation_requested']).optional(),
  // Checked against the periods OVH offers by the control itself.
  renewPeriod: z.number().int().optional(),
  transferLockStatus: lock.optional(),
  nameServers: z.array(nameServer).min(1).max(13).optional(),
  nameServerType: z.enum(['hosted', 'external']).optional()
}

const schemas = {
  name: z.object({ domain: z.string().min(1).max(255) }),
  account: z.object({ account: z.string().min(1).max(64).optional() }).strict(),
  update: z.object(changes).strict(),
  add: z.object({ ...changes, domain: z.string().min(1).max(255), owner: z.number().int().positive().optional() }).strict()
}

export function domainRoutes (scope: FastifyInstance, sandbox: Sandbox): void {
  const { admin } = sandbox

  scope.get('/domains/:domain', async request => admin.domain({
    ...schemas.name.parse(request.params),
    ...schemas.account.parse(request.query)
  }))

  scope.patch('/domains/:domain', async request => admin.updateDomain({
    ...schemas.update.parse(request.body ?? {}),
    ...schemas.name.parse(request.params)
  }))

  scope.post('/domains', async (request, reply) => reply.code(201).send(admin.addDomain(schemas.add.parse(request.body ?? {}))))

  scope.delete('/domains/:domain', async request => admin.removeDomain({
    ...schemas.name.parse(request.params),
    ...schemas.account.parse(request.query)
  }))
}
