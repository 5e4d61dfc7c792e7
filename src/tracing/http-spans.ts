// One SERVER span per HTTP request, joined to the caller's trace when it sends a W3C `traceparent`
// (and `tracestate`). Hand-written hooks rather than @fastify/otel: that package needs the
// @opentelemetry/instrumentation machinery and makes a span per hook and handler; one span per
// request, named by the route template, is what an operator reads, and these hooks are all of it.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, context, defaultTextMapGetter, trace } from '@opentelemetry/api'
import type { Span } from '@opentelemetry/api'
import {
  ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH, ATTR_URL_SCHEME
} from '@opentelemetry/semantic-conventions'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { redactedPath } from '../redaction/urls.js'
import type { Tracing } from './provider.js'

declare module 'fastify' {
  interface FastifyRequest {
    // The request's server span while it runs (decorated only when tracing is on).
    traceSpan?: Span | null
  }
}

// Probes, the scraper and the in-process sandbox (which stands for OVH: its calls are the OVH
// client spans) would drown the traces, as they would the logs.
function untraced (route: string | undefined): boolean {
  return route !== undefined && (route.startsWith('/health') || route.startsWith('/sandbox') || route === '/metrics')
}

/** `error.type` of an error: its code (GW_ERR_..., OVH's) or class name, never its message. */
export function errorType (err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code !== '') return code
  return err instanceof Error ? err.name : 'error'
}

function end (request: FastifyRequest, status: number | undefined, error?: string): void {
  const span = request.traceSpan
  if (span == null) return
  request.traceSpan = null
  if (status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status)
  if (error !== undefined) span.setAttribute(ATTR_ERROR_TYPE, error)
  if (error !== undefined || (status !== undefined && status >= 500)) span.setStatus({ code: SpanStatusCode.ERROR })
  span.end()
}

export function addServerSpans (app: FastifyInstance, tracing: Tracing): void {
  app.decorateRequest('traceSpan', null)
  // Callback hooks, not async ones: `done` runs the rest of the lifecycle inside the span's context,
  // so the spans and log lines of later hooks (authentication's database reads) are its children.
  app.addHook('onRequest', function startServerSpan (request, _reply, done) {
    const route = request.routeOptions.url
    if (untraced(route)) { done(); return }
    const parent = tracing.propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter)
    const span = tracing.tracer.startSpan(route === undefined ? request.method : `${request.method} ${route}`, {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: request.method,
        [ATTR_URL_PATH]: redactedPath(request.url),
        [ATTR_URL_SCHEME]: request.protocol,
        ...(route === undefined ? {} : { [ATTR_HTTP_ROUTE]: route }),
        'gateway.request_id': request.id
      }
    }, parent)
    request.traceSpan = span
    context.with(trace.setSpan(parent, span), done)
  })
  // The body is read from socket events, outside that context: the handler is put back inside it.
  app.addHook('preHandler', function enterServerSpan (request, _reply, done) {
    const span = request.traceSpan
    if (span == null) { done(); return }
    context.with(trace.setSpan(ROOT_CONTEXT, span), done)
  })
  app.addHook('onError', function recordError (request, _reply, err, done) {
    request.traceSpan?.setAttribute(ATTR_ERROR_TYPE, errorType(err))
    done()
  })
  app.addHook('onResponse', function endServerSpan (request, reply, done) {
    end(request, reply.statusCode)
    done()
  })
  app.addHook('onRequestAbort', function abortServerSpan (request, done) {
    end(request, undefined, 'aborted')
    done()
  })
}
