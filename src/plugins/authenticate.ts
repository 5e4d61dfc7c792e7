// API-key authentication: `Authorization: Bearer <api key>` -> user -> tenant -> the user's OVH
// credential (resolved lazily by the Caller). Registered as a hook inside the /v1 and /graphql
// scopes only, so /health and the sandbox stay outside it (STYLE.md 7).
import fp from 'fastify-plugin'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import { gatewayError } from '../errors.js'
import { createCaller } from '../upstream/caller.js'
import type { Caller } from '../upstream/caller.js'
import { effectiveScopes } from '../tenancy/roles.js'
import type { Role } from '../tenancy/roles.js'
import { redactedPath } from '../redaction/urls.js'

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>
  }
  interface FastifyRequest {
    caller: Caller | null
  }
}

const REASONS = {
  missing: 'send your API key as "Authorization: Bearer <api key>"',
  malformed: 'the API key is malformed',
  unknown: 'the API key is not valid',
  expired: 'the API key has expired',
  revoked: 'the API key has been revoked',
  disabled: 'the user of this API key is disabled'
} as const

function bearerToken (request: FastifyRequest): string | undefined | null {
  const header = request.headers.authorization
  if (!header) return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match ? match[1] : null
}

export default fp(async function authenticatePlugin (app) {
  app.decorateRequest('caller', null)
  // Upstream calls a request reserved and did not make go back to the budget once it is answered
  // (GraphQL resolves an answer's fields after the mutation, so not before).
  app.addHook('onResponse', async function (request) {
    await request.caller?.releaseUpstream()
  })

  app.decorate('authenticate', async function authenticate (request: FastifyRequest) {
    const token = bearerToken(request)
    const result = token === null
      ? { ok: false as const, reason: 'malformed' as const }
      : await app.stores.apiKeys.authenticate(token)
    if (!result.ok) {
      if (result.key) {
        app.stores.audit.record({
          tenantId: result.key.tenantId,
          userId: result.key.userId,
          apiKeyId: result.key.id,
          requestId: request.id,
          operation: 'auth.denied',
          outcome: 'denied',
          detail: { reason: result.auditReason ?? result.reason, method: request.method, url: redactedPath(request.url) }
        }, request.log)
      }
      throw gatewayError('UNAUTHENTICATED', REASONS[result.reason], { reason: result.reason })
    }
    const { key, user, tenant } = result
    // The request's logger is already a child of its own: add to its bindings rather than making a
    // second child per request.
    const bindings = { tenant: tenant.slug, user: user.id, apiKeyPrefix: key.prefix }
    const log = request.log as FastifyBaseLogger & { setBindings?: (bindings: object) => void }
    if (log.setBindings) log.setBindings(bindings)
    else request.log = request.log.child(bindings)
    request.caller = createCaller({
      requestId: request.id,
      log: request.log,
      tenant,
      user,
      apiKey: key,
      scopes: effectiveScopes(user.role as Role, key.scopes),
      stores: app.stores,
      registry: app.ovh,
      mirror: app.mirrorReads,
      httpRequest: { method: request.method, url: redactedPath(request.url) }
    })
    app.stores.apiKeys.touch(key).catch(err => request.log.warn({ err }, 'could not record the API key use'))
  })
}, { name: 'authenticate', dependencies: ['stores', 'ovh'] })

/** The caller of a request that went through `authenticate`. */
export function callerOf (request: FastifyRequest): Caller {
  if (!request.caller) throw gatewayError('UNAUTHENTICATED', REASONS.missing, { reason: 'missing' })
  return request.caller
}
