// Decorates the app with the registry of OVH transports, closed with the app.
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { createOvhRegistry } from '../upstream/registry.js'
import { recordOvhCall } from '../tracing/ovh-spans.js'
import type { OvhRegistry } from '../upstream/registry.js'

declare module 'fastify' {
  interface FastifyInstance {
    ovh: OvhRegistry
    /** Base URL of the in-process sandbox's OVH API, known once the server listens. */
    sandboxBaseUrl: () => string | undefined
  }
}

export default fp<{ config: Config }>(async function ovhPlugin (app, opts) {
  const tracer = app.tracing?.tracer
  const registry = createOvhRegistry({
    timeoutMs: opts.config.ovh.timeoutMs,
    batch: opts.config.ovh.batch,
    rateLimitPerMinute: opts.config.ovh.rateLimitPerMinute,
    redisUrl: opts.config.redisUrl,
    sandboxBaseUrl: () => app.sandboxBaseUrl(),
    log: app.log,
    observer: {
      call: tracer === undefined
        ? call => { app.metrics.ovhCall(call) }
        : call => { app.metrics.ovhCall(call); recordOvhCall(tracer, call) },
      spent: credentialId => { app.metrics.credentialUsed(credentialId) },
      refused: credentialId => { app.metrics.budgetRefused(credentialId) }
    }
  })
  app.metrics.source({
    budgetRemaining: async ids => new Map(await Promise.all(ids.map(async id => [id, await registry.budget.remaining(id)] as const)))
  })
  app.decorate('ovh', registry)
  app.addHook('onClose', async () => { await registry.close() })
}, { name: 'ovh', dependencies: ['metrics', 'tracing'] })
