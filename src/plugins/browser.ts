// What browsers need from a public API: security headers (@fastify/helmet) and CORS
// (@fastify/cors) for the origins the deployment (CORS_ORIGINS) and each tenant allow.
//
// A preflight carries no Authorization header, so it cannot say which tenant asks: it is allowed
// for an origin that the deployment or any tenant allows. The answer itself is then read by the
// browser only when the caller's own tenant (or the deployment) allows that origin: for another
// tenant's caller the Access-Control-Allow-Origin header is taken off again.
//
// No Content-Security-Policy from helmet: GraphiQL (/graphiql) and Swagger UI (/docs) are pages
// with inline scripts and styles that helmet's default policy would block. JSON answers get the
// strict policy an API should send instead (nothing may load, nothing may frame them).
import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import helmet from '@fastify/helmet'
import type { Config } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Forgets the tenants' allowed origins held in memory (one changed them). */
    corsOriginsChanged: () => void
  }
}

// How long the tenants' origins are held in memory: a change made on another instance applies
// within this time (at once on the instance that made it).
const ORIGINS_TTL_MS = 30_000
const API_CSP = "default-src 'none'; frame-ancestors 'none'"

export default fp<{ config: Config }>(async function browserPlugin (app, opts) {
  await app.register(helmet, { contentSecurityPolicy: false, global: true })
  app.addHook('onSend', async (_request, reply) => {
    const type = reply.getHeader('content-type')
    if (typeof type === 'string' && /^application\/(problem\+)?json/.test(type) && !reply.hasHeader('content-security-policy')) {
      reply.header('content-security-policy', API_CSP)
    }
  })

  const deployment = new Set(opts.config.cors.origins)
  // origin -> the tenants that allow it
  let byOrigin: { at: number, map: Map<string, Set<string>> } | null = null
  let loading: Promise<Map<string, Set<string>>> | null = null
  async function tenantOrigins (): Promise<Map<string, Set<string>>> {
    if (byOrigin !== null && Date.now() - byOrigin.at < ORIGINS_TTL_MS) return byOrigin.map
    loading ??= (async () => {
      const tenants = await app.db.tenant.findMany({ where: { corsOrigins: { isEmpty: false } }, select: { id: true, corsOrigins: true } })
      const map = new Map<string, Set<string>>()
      for (const tenant of tenants) for (const origin of tenant.corsOrigins) map.set(origin, (map.get(origin) ?? new Set()).add(tenant.id))
      byOrigin = { at: Date.now(), map }
      return map
    })().finally(() => { loading = null })
    return await loading
  }
  app.decorate('corsOriginsChanged', () => { byOrigin = null })

  await app.register(cors, {
    origin: async (origin: string | undefined) => origin !== undefined && (deployment.has(origin) || (await tenantOrigins()).has(origin)),
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'content-disposition'],
    maxAge: 600
  })

  app.addHook('onSend', async (request, reply) => {
    const origin = request.headers.origin
    // No caller: unauthenticated (or the sandbox's scope, where the decorator is not even set).
    const caller = request.callerIfAny
    if (origin === undefined || caller === null || deployment.has(origin) || !reply.hasHeader('access-control-allow-origin')) return
    if (!(await tenantOrigins()).get(origin)?.has(caller.tenant.id)) reply.removeHeader('access-control-allow-origin')
  })
}, { name: 'browser', dependencies: ['stores'] })
