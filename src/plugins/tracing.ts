// OpenTelemetry traces (src/tracing/), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT (or
// ..._TRACES_ENDPOINT) is set. Off, nothing is registered: `app.tracing` is null, no hook is added,
// the database client and the resolvers are left as they are, and the API answers with no-ops.
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { startTracing } from '../tracing/provider.js'
import type { Tracing } from '../tracing/provider.js'
import { addServerSpans } from '../tracing/http-spans.js'

declare module 'fastify' {
  interface FastifyInstance {
    tracing: Tracing | null
  }
}

export default fp<{ config: Config }>(async function tracingPlugin (app, opts) {
  if (!opts.config.tracing.enabled) {
    app.decorate('tracing', null)
    return
  }
  const tracing = startTracing(opts.config.tracing, app.log)
  app.decorate('tracing', tracing)
  addServerSpans(app, tracing)
  // Fastify runs onClose hooks last-registered first: this one, registered before every other
  // plugin, runs after them, when the spans of the calls they let finish have ended.
  app.addHook('onClose', async () => { await tracing.shutdown() })
}, { name: 'tracing' })
