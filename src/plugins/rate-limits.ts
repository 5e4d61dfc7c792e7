// Limits on incoming requests: per API key (the tokens made from it count with it) and per tenant,
// per minute, counted by @fastify/rate-limit (in Redis when REDIS_URL is set, so that every
// instance counts together; in this process otherwise). They apply once a request is
// authenticated (plugins/authenticate.ts), so that nobody can spend another key's allowance by
// naming its public prefix; a refusal is RATE_LIMITED with Retry-After, as the OVH budget's is.
// Redis unreachable: requests are let through (skipOnError) rather than refused.
import fp from 'fastify-plugin'
import rateLimit from '@fastify/rate-limit'
import { Redis } from 'ioredis'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import { gatewayError } from '../errors.js'
import type { Caller } from '../upstream/caller.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** Counts an authenticated request against its key's and tenant's limits; throws RATE_LIMITED past either. */
    limitIncoming: (request: FastifyRequest, caller: Caller) => Promise<void>
  }
}

const WINDOW_MS = 60_000

export default fp<{ config: Config }>(async function rateLimitsPlugin (app, opts) {
  const { perKey, perTenant } = opts.config.rateLimits
  if (perKey === 0 && perTenant === 0) {
    app.decorate('limitIncoming', async () => {})
    return
  }
  let redis: Redis | undefined
  if (opts.config.redisUrl !== undefined) {
    // No offline queue and no retries per command: a Redis away costs a request nothing but the
    // limit, never a wait.
    redis = new Redis(opts.config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: attempt => Math.min(attempt * 200, 5_000) })
    let up = true
    redis.on('error', (err: Error) => {
      if (!up) return
      up = false
      app.log.warn({ error: err.message }, 'Redis cannot be reached: incoming rate limits are not enforced until it is back')
    })
    redis.on('ready', () => { up = true })
    const connection = redis
    app.addHook('onClose', async () => { connection.disconnect() })
  }
  await app.register(rateLimit, { global: false, skipOnError: true, ...(redis ? { redis, nameSpace: 'ogw-incoming-' } : {}) })

  // The caller is stashed on the request for the key generators (createRateLimit takes only it).
  const callers = new WeakMap<FastifyRequest, Caller>()
  const limits = [
    { scope: 'key', max: perKey, limiter: app.createRateLimit({ max: perKey, timeWindow: WINDOW_MS, keyGenerator: request => `key:${callers.get(request)!.apiKey.id}` }) },
    { scope: 'tenant', max: perTenant, limiter: app.createRateLimit({ max: perTenant, timeWindow: WINDOW_MS, keyGenerator: request => `tenant:${callers.get(request)!.tenant.id}` }) }
  ].filter(limit => limit.max > 0)

  app.decorate('limitIncoming', async function limitIncoming (request: FastifyRequest, caller: Caller) {
    callers.set(request, caller)
    for (const { scope, max, limiter } of limits) {
      const result = await limiter(request)
      if (result.isAllowed) continue
      if (scope === 'key') {
        request.rateLimitHeaders = { limit: max, remaining: result.remaining, reset: result.ttlInSeconds }
      }
      if (result.isExceeded) {
        const retryAfter = Math.max(1, result.ttlInSeconds)
        throw gatewayError('RATE_LIMITED', `too many requests for this ${scope === 'key' ? 'API key' : 'tenant'} (${max} a minute): retry in ${retryAfter} s`, {
          retryAfter, limit: max, windowSeconds: WINDOW_MS / 1000, reason: scope === 'key' ? 'api_key_limit' : 'tenant_limit'
        })
      }
    }
  })

  // What is left of the key's allowance, on every answer to an authenticated request.
  app.decorateRequest('rateLimitHeaders', null)
  app.addHook('onSend', async (request, reply) => {
    // Undefined in scopes registered before this plugin (the sandbox's): never counted.
    const headers = request.rateLimitHeaders
    if (!headers) return
    reply.header('x-ratelimit-limit', headers.limit)
    reply.header('x-ratelimit-remaining', headers.remaining)
    reply.header('x-ratelimit-reset', headers.reset)
  })
}, { name: 'rate-limits' })

declare module 'fastify' {
  interface FastifyRequest {
    rateLimitHeaders: { limit: number, remaining: number, reset: number } | null
  }
}
