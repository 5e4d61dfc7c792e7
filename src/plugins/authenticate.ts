// API-key authentication: `Authorization: Bearer <api key>` (or an access token made from one)
// -> user -> tenant -> the user's OVH credential (resolved lazily by the Caller). Registered as a hook inside the /v1 and /graphql
// scopes only, so /health and the sandbox stay outside it (STYLE.md 7).
import fp from 'fastify-plugin'
import type { FastifyBaseLogger, FastifyRequest } from 'fastify'
import { gatewayError } from '../errors.js'
import { createCaller } from '../upstream/caller.js'
import type { Caller } from '../upstream/caller.js'
import { effectiveScopes } from '../tenancy/roles.js'
import type { Role } from '../tenancy/roles.js'
import { redactedPath } from '../redaction/urls.js'
import { looksLikeToken, verifyToken } from '../modules/access/tokens.js'
import type { VerifiedToken } from '../modules/access/tokens.js'
import type { Authenticated } from '../tenancy/api-keys.js'
import { customerLimitOf } from '../modules/customers/limit.js'
import { guardForCustomers } from '../modules/customers/ovh-guard.js'
import { refreshAfterWrite, writeTargets } from '../mirror/write-through.js'

declare module 'fastify' {
  interface FastifyInstance {
    authenticate: (request: FastifyRequest) => Promise<void>
    /** The Caller of an API key given outside an HTTP request (GraphQL subscriptions' connection_init). */
    authenticateApiKey: (authorization: unknown, origin: CallerOrigin) => Promise<Caller>
  }
  interface FastifyRequest {
    /**
     * The request's authenticated caller, for the routes of the /v1 and /graphql scopes (whose hook
     * sets it before they run) and the GraphQL context. Read where no hook set it, it throws
     * UNAUTHENTICATED: a route outside those scopes cannot act for nobody.
     */
    caller: Caller
    /** The caller if the request was authenticated, else null: for hooks that run on every request. */
    callerIfAny: Caller | null
  }
}

const REASONS = {
  missing: 'send your API key as "Authorization: Bearer <api key>"',
  malformed: 'the API key is malformed',
  unknown: 'the API key is not valid',
  expired: 'the API key has expired',
  revoked: 'the API key has been revoked',
  disabled: 'the user of this API key is disabled',
  invalid_token: 'the access token is not valid',
  token_expired: 'the access token has expired: make a new one from your API key'
} as const

/** Where an API key was presented: a request, or a WebSocket connection's connection_init. */
export interface CallerOrigin {
  requestId: string
  log: FastifyBaseLogger
  method: string
  url: string
}

function bearerToken (header: unknown): string | undefined | null {
  if (header === undefined || header === null || header === '') return undefined
  if (typeof header !== 'string') return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match ? match[1] : null
}

export default fp(async function authenticatePlugin (app) {
  app.decorateRequest('callerIfAny', null)
  app.decorateRequest('caller', {
    getter (this: FastifyRequest): Caller {
      if (this.callerIfAny === null) throw gatewayError('UNAUTHENTICATED', REASONS.missing, { reason: 'missing' })
      return this.callerIfAny
    },
    setter (this: FastifyRequest, caller: Caller) {
      this.callerIfAny = caller
    }
  })
  // Upstream calls a request reserved and did not make go back to the budget once it is answered
  // (GraphQL resolves an answer's fields after the mutation, so not before).
  app.addHook('onResponse', async function (request) {
    await request.callerIfAny?.releaseUpstream()
  })

  // An API key, or an access token made from one (modules/access/tokens.ts).
  async function check (presented: string | undefined | null): Promise<Authenticated | VerifiedToken> {
    if (presented === null) return { ok: false, reason: 'malformed' }
    if (presented !== undefined && looksLikeToken(presented)) return await verifyToken(app.tokens.keys, app.tokens.settings, app.stores.apiKeys, presented)
    return await app.stores.apiKeys.authenticate(presented)
  }

  // One path for both: an API key in a request's header or in a WebSocket's connection_init.
  async function callerOf (authorization: unknown, origin: CallerOrigin, setBindings: (bindings: object) => FastifyBaseLogger): Promise<Caller> {
    const token = bearerToken(authorization)
    const result = await check(token)
    if (!result.ok) {
      if (result.key) {
        app.stores.audit.record({
          tenantId: result.key.tenantId,
          userId: result.key.userId,
          apiKeyId: result.key.id,
          requestId: origin.requestId,
          operation: 'auth.denied',
          outcome: 'denied',
          detail: { reason: ('auditReason' in result ? result.auditReason : undefined) ?? result.reason, method: origin.method, url: origin.url, ...(token && looksLikeToken(token) ? { via: 'token' } : {}) }
        }, origin.log)
      }
      throw gatewayError('UNAUTHENTICATED', REASONS[result.reason], { reason: result.reason })
    }
    const { key, user, tenant } = result
    const viaToken = 'jti' in result
    const log = setBindings({ tenant: tenant.slug, user: user.id, apiKeyPrefix: key.prefix, ...(viaToken ? { tokenId: result.jti } : {}) })
    app.stores.apiKeys.touch(key).catch(err => log.warn({ err }, 'could not record the API key use'))
    return createCaller({
      requestId: origin.requestId,
      log,
      tenant,
      user,
      apiKey: key,
      scopes: viaToken ? result.scopes : effectiveScopes(user.role as Role, key.scopes),
      authenticatedBy: viaToken ? 'token' : 'apiKey',
      customers: await customerLimitOf(app.stores.customers, user, viaToken ? result.customers : []),
      stores: app.stores,
      registry: app.ovh,
      mirror: app.mirrorReads,
      httpRequest: { method: origin.method, url: origin.url },
      // Given here rather than imported by caller.ts, whose Caller type they name (no import cycle).
      guardForCustomers,
      // The mirror shows a write's effect right after it succeeded (src/mirror/write-through.ts).
      afterWrite: (caller, credential, call) => refreshAfterWrite(caller, credential, writeTargets(call.apiPath))
    })
  }

  app.decorate('authenticate', async function authenticate (request: FastifyRequest) {
    const origin = { requestId: request.id, log: request.log, method: request.method, url: redactedPath(request.url) }
    const caller = await callerOf(request.headers.authorization, origin, bindings => {
      // The request's logger is already a child of its own: add to its bindings rather than making
      // a second child per request.
      const log = request.log as FastifyBaseLogger & { setBindings?: (bindings: object) => void }
      if (log.setBindings) log.setBindings(bindings)
      else request.log = request.log.child(bindings)
      return request.log
    })
    // Counted once the caller is known: per API key and per tenant (plugins/rate-limits.ts).
    await app.limitIncoming(request, caller)
    request.caller = caller
  })

  app.decorate('authenticateApiKey', async function authenticateApiKey (authorization: unknown, origin: CallerOrigin) {
    return await callerOf(authorization, origin, bindings => origin.log.child(bindings))
  })
}, { name: 'authenticate', dependencies: ['stores', 'ovh', 'access', 'rate-limits'] })
