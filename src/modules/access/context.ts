// What the access services work with, whoever calls them: a tenant admin through GraphQL or REST
// (a Caller), or the CLI on the server (no caller, the tenant named by its slug). Every change is
// recorded in the tenant's audit trail with who made it.
import type { FastifyRequest } from 'fastify'
import type { AdminContext } from '../../admin/context.js'
import type { Config } from '../../config.js'
import type { Db } from '../../db/client.js'
import type { SecretBox } from '../../crypto/secret-box.js'
import type { Tenant } from '../../generated/prisma/client.js'
import type { OvhRegistry } from '../../upstream/registry.js'
import type { Caller } from '../../upstream/caller.js'

export interface AccessActor {
  userId: string | null
  apiKeyId: string | null
  requestId: string | null
  // Where the change came from: the API, or the CLI on the server.
  via: 'api' | 'cli'
}

export interface AccessContext {
  admin: AdminContext
  tenant: Tenant
  actor: AccessActor
}

// What the transports need from the app to build an AccessContext (decorated by ./plugin.ts).
export interface AccessDeps {
  config: Config
  db: Db
  secrets: SecretBox
  registry: OvhRegistry
}

/**
 * The base URL OVH sends a browser back to after a consumer key's approval: PUBLIC_URL, else the
 * address this request reached (Host is trusted only as far as TRUST_PROXY says).
 */
export function gatewayUrlOf (config: Config, request: FastifyRequest): string {
  return config.publicUrl ?? `${request.protocol}://${request.host}`
}

/** The context of a tenant admin's request: anyone else is refused FORBIDDEN (and audited). */
export function accessContextOf (caller: Caller, deps: AccessDeps, request: FastifyRequest): AccessContext {
  // Also refuses users limited to customers, whatever their role (upstream/caller.ts).
  caller.require('admin')
  return {
    admin: {
      config: deps.config,
      db: deps.db,
      secrets: deps.secrets,
      stores: caller.stores,
      registry: deps.registry,
      gatewayUrl: gatewayUrlOf(deps.config, request),
      log: caller.log
    },
    tenant: caller.tenant,
    actor: { userId: caller.user.id, apiKeyId: caller.apiKey.id, requestId: caller.requestId, via: 'api' }
  }
}

/** The CLI's context for a tenant: changes are audited without a user. */
export function cliAccessContext (admin: AdminContext, tenant: Tenant): AccessContext {
  return { admin, tenant, actor: { userId: null, apiKeyId: null, requestId: null, via: 'cli' } }
}

// Written beside the request, never failing it (audit.ts logs a lost entry).
export function audit (ctx: AccessContext, operation: string, detail: Record<string, string | number | boolean | null>): void {
  const { actor } = ctx
  ctx.admin.stores.audit.record({
    tenantId: ctx.tenant.id,
    userId: actor.userId,
    apiKeyId: actor.apiKeyId,
    requestId: actor.requestId,
    operation,
    outcome: 'ok',
    detail: { ...detail, via: actor.via }
  }, ctx.admin.log)
}
