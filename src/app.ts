// Builds the gateway (never listens): ecosystem plugins, then ours, then the API modules,
// registered explicitly in that order (STYLE.md 1).
import { randomUUID } from 'node:crypto'
import Fastify, { LogController } from 'fastify'
import type { FastifyBaseLogger, FastifyInstance, FastifyServerOptions } from 'fastify'
import type { Logger } from 'pino'
import underPressure from '@fastify/under-pressure'
import type { Config } from './config.js'
import type { Db } from './db/client.js'
import type { SecretBox } from './crypto/secret-box.js'
import type { Sandbox } from './sandbox/index.js'
import { loggerOptions } from './logger.js'
import storesPlugin from './plugins/stores.js'
import ovhPlugin from './plugins/ovh.js'
import authenticatePlugin from './plugins/authenticate.js'
import errorHandlerPlugin from './plugins/error-handler.js'
import methodNotAllowedPlugin from './plugins/method-not-allowed.js'
import { MAX_PARAM_LENGTH, clientErrorHandler, frameworkErrors } from './plugins/early-errors.js'
import { OVERLOAD_RETRY_AFTER_SECONDS } from './error-mapping.js'
import drainingPlugin from './plugins/draining.js'
import healthPlugin from './plugins/health.js'
import metricsPlugin from './plugins/metrics.js'
import tracingPlugin from './plugins/tracing.js'
import { TracedLogController } from './tracing/log-ids.js'
import { tracedDb } from './tracing/db-spans.js'
import { poolStats } from './db/client.js'
import restPlugin from './plugins/rest.js'
import graphqlPlugin from './plugins/graphql.js'
import accessPlugin from './modules/access/plugin.js'
import rateLimitsPlugin from './plugins/rate-limits.js'
import browserPlugin from './plugins/browser.js'
import mirrorReadsPlugin from './mirror/reads-plugin.js'
import { registerBackgroundWork } from './jobs/background-work.js'

export interface AppDeps {
  db: Db
  secrets: SecretBox
  // The in-process OVH sandbox, mounted under /sandbox when given.
  sandbox?: Sandbox
  // A ready pino instance (the server's, or a test's capturing one).
  logger?: Logger
  // The database's URL when config has none (the embedded database of zero-configuration mode).
  databaseUrl?: string
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/

export async function buildApp (config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const options: FastifyServerOptions = {
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    connectionTimeout: 60_000,
    keepAliveTimeout: 72_000,
    requestTimeout: 120_000,
    // plugins/draining.ts answers those requests as problem+json instead.
    return503OnClosing: false,
    // Fastify's default (100 characters) refused valid domain names (253) with a 414 of its own.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // What is refused before a route runs is problem+json too, with a request id.
    frameworkErrors,
    clientErrorHandler,
    // Honour a caller's X-Request-Id when it is sane, so logs can be joined across systems.
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id']
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID()
    },
    // Probes and the in-process sandbox would drown the log; each OVH call is logged by the client.
    // With tracing, "request completed" carries the request's trace id (tracing/log-ids.ts).
    logController: new (config.tracing.enabled ? TracedLogController : LogController)({
      disableRequestLogging: (request) => request.url.startsWith('/health/') || request.url.startsWith('/sandbox/')
    })
  }
  const app: FastifyInstance = Fastify({
    ...options,
    ...(deps.logger ? { loggerInstance: deps.logger as unknown as FastifyBaseLogger } : { logger: loggerOptions(config.logLevel, undefined, { traceIds: config.tracing.enabled }) })
  })
  // First: its request span is the parent of every other hook's work, overload refusals included.
  await app.register(tracingPlugin, { config })

  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id) })

  await app.register(underPressure, {
    // 0 turns the check off, as the plugin reads it.
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    // Its refusals answer OVERLOADED (error-mapping.ts) with this Retry-After.
    retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
    exposeStatusRoute: false
  })
  await app.register(errorHandlerPlugin)
  // Before the routes and the OVH registry, which report to it.
  await app.register(metricsPlugin, { config })
  app.metrics.source({ pool: () => poolStats(deps.db) })
  // Before any route, so that it sees them all.
  await app.register(methodNotAllowedPlugin)
  await app.register(drainingPlugin)
  const databaseUrl = deps.databaseUrl ?? config.databaseUrl
  if (databaseUrl === undefined) throw new Error('buildApp needs the database URL (deps.databaseUrl in zero-configuration mode)')
  // With tracing, every query inside a traced request is a span; the stores see the same client.
  const db = app.tracing === null ? deps.db : tracedDb(deps.db, app.tracing.tracer)
  await app.register(storesPlugin, { db, secrets: deps.secrets, databaseUrl, identityCacheTtlMs: config.authCacheTtlMs })
  // Security headers and CORS, before any route (the sandbox's included: it is public-facing too).
  await app.register(browserPlugin, { config })

  let sandboxBaseUrl: string | undefined
  app.decorate('sandboxBaseUrl', () => sandboxBaseUrl)
  if (deps.sandbox) {
    // Loaded only when mounted: a deployed gateway does not carry the simulator's code in memory.
    const { sandboxPlugin } = await import('./sandbox/index.js')
    await app.register(sandboxPlugin, { sandbox: deps.sandbox, prefix: '/sandbox' })
    // The gateway calls its in-process sandbox over real HTTP on loopback, exactly as it calls OVH.
    app.addHook('onListen', async () => {
      const address = app.server.address()
      if (address && typeof address === 'object') {
        const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : (address.address === '0.0.0.0' ? '127.0.0.1' : address.address)
        sandboxBaseUrl = `http://${host}:${address.port}/sandbox/1.0`
      }
    })
  }

  await app.register(ovhPlugin, { config })
  await app.register(mirrorReadsPlugin, { config })
  await registerBackgroundWork(app, config, { connectionString: databaseUrl, mode: config.workers.mode, startOn: deps.sandbox ? 'listen' : 'ready' })
  await app.register(accessPlugin, { config })
  await app.register(rateLimitsPlugin, { config })
  await app.register(authenticatePlugin)
  await app.register(healthPlugin, { config, databaseUrl })
  await app.register(restPlugin, { publicUrl: config.publicUrl })
  await app.register(graphqlPlugin, { config })
  return app
}
