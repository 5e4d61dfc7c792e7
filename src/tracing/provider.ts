// The tracer of a traced app: spans are batched and posted over OTLP/HTTP (JSON) to the configured
// URL. The provider is the app's own, not registered as the API's global one: the gateway makes
// its spans explicitly from its own hooks (plugins/tracing.ts), so no library needs to find it, and
// several apps in one process (tests) keep apart. Only the context manager is global (context.ts).
import { trace } from '@opentelemetry/api'
import type { Tracer } from '@opentelemetry/api'
import { W3CTraceContextPropagator } from '@opentelemetry/core'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import type { TracingConfig } from '../config.js'
import { acquireContextManager, releaseContextManager } from './context.js'
import { samplerOf } from './sampler.js'

// What a shutdown may wait for the last spans to reach the collector: a collector that is down
// must not hold the gateway's exit (close-with-grace's deadline is the OVH timeout's).
export const SHUTDOWN_TIMEOUT_MS = 5_000

export interface Tracing {
  tracer: Tracer
  // W3C Trace Context: `traceparent` and `tracestate` headers (https://www.w3.org/TR/trace-context/).
  propagator: W3CTraceContextPropagator
  /** Sends the spans ended so far (tests, and before a shutdown). */
  flush: () => Promise<void>
  /** Flushes, then stops; bounded by SHUTDOWN_TIMEOUT_MS. */
  shutdown: () => Promise<void>
}

export function startTracing (config: TracingConfig, log: { warn: (obj: object, msg: string) => void }): Tracing {
  if (config.tracesUrl === undefined) throw new Error('tracing needs an OTLP traces URL')
  // The URL is ours (config.ts); the exporter still reads its other standard variables itself
  // (OTEL_EXPORTER_OTLP_HEADERS for a collector's token, compression): no need to copy each here.
  const exporter = new OTLPTraceExporter({ url: config.tracesUrl, timeoutMillis: SHUTDOWN_TIMEOUT_MS })
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    sampler: samplerOf(config),
    spanProcessors: [new BatchSpanProcessor(exporter, { exportTimeoutMillis: SHUTDOWN_TIMEOUT_MS })]
  })
  acquireContextManager()
  let stopped = false
  return {
    tracer: provider.getTracer('ovh-reseller-gateway'),
    propagator: new W3CTraceContextPropagator(),
    flush: async () => { await provider.forceFlush() },
    shutdown: async () => {
      if (stopped) return
      stopped = true
      releaseContextManager()
      let timer: NodeJS.Timeout | undefined
      const deadline = new Promise<'timeout'>(resolve => { timer = setTimeout(resolve, SHUTDOWN_TIMEOUT_MS, 'timeout').unref() })
      try {
        const outcome = await Promise.race([provider.shutdown().then(() => 'done' as const), deadline])
        if (outcome === 'timeout') log.warn({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'tracing: the last spans could not be sent in time')
      } catch (err) {
        log.warn({ err }, 'tracing: the last spans could not be sent')
      } finally {
        clearTimeout(timer)
      }
    }
  }
}

/** The trace and span ids of the span active here, if any (log lines, plugins/tracing.ts). */
export function activeSpanIds (): { trace_id: string, span_id: string } | undefined {
  const span = trace.getActiveSpan()
  if (span === undefined) return undefined
  const { traceId, spanId } = span.spanContext()
  return { trace_id: traceId, span_id: spanId }
}
