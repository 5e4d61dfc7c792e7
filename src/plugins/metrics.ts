// Prometheus metrics (prom-client) at GET /metrics, on the gateway's port or, with METRICS_PORT, on a
// port of its own that a deployment keeps off the public network. fastify-metrics would do the HTTP
// part, but its current major needs Node 22 and an older one pins prom-client 14: the hooks below are
// the few lines it would add.
import Fastify from 'fastify'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import { createGatewayMetrics } from '../metrics/gateway-metrics.js'
import type { GatewayMetrics } from '../metrics/gateway-metrics.js'
import type { OperationLabel } from '../metrics/graphql-operation.js'

declare module 'fastify' {
  interface FastifyInstance {
    metrics: GatewayMetrics
  }
  interface FastifyRequest {
    // Set once the GraphQL document is parsed (plugins/graphql.ts).
    graphqlOperation?: OperationLabel & { failed?: boolean }
  }
}

function serveMetrics (app: FastifyInstance, metrics: GatewayMetrics): void {
  app.get('/metrics', { schema: { hide: true }, logLevel: 'warn' }, async (_request, reply) => {
    reply.type(metrics.registry.contentType)
    return await metrics.registry.metrics()
  })
}

export default fp<{ config: Config }>(async function metricsPlugin (app, opts) {
  const metrics = createGatewayMetrics()
  app.decorate('metrics', metrics)

  app.addHook('onResponse', async (request, reply) => {
    // The route's template (bounded); requests no route matched share one label.
    const route = request.routeOptions.url ?? 'unmatched'
    if (route === '/metrics' || route.startsWith('/sandbox')) return
    const seconds = reply.elapsedTime / 1000
    metrics.http(request.method, route, reply.statusCode, seconds)
    const operation = request.graphqlOperation
    if (operation !== undefined) metrics.graphql(operation.type, operation.field, operation.failed === true || reply.statusCode >= 400 ? 'error' : 'ok', seconds)
  })

  const port = opts.config.metrics.port
  if (!opts.config.metrics.enabled) return
  if (port === undefined) {
    serveMetrics(app, metrics)
    return
  }
  // Its own server, listening when the gateway does and closed with it.
  const server = Fastify({ logger: false })
  serveMetrics(server, metrics)
  app.addHook('onListen', async () => {
    await server.listen({ port, host: opts.config.host })
    app.log.info({ port: (server.server.address() as { port: number }).port }, 'metrics served on their own port')
  })
  app.addHook('onClose', async () => { await server.close() })
}, { name: 'metrics' })
