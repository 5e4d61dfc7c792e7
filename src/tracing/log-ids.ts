// Trace ids in log lines. A pino mixin adds the active span's ids to every line written inside one
// (set only when tracing is on: off, pino calls nothing). Fastify's "request completed" line is
// written from the socket's 'finish' event, outside the request's context: the log controller
// below takes the ids from the request's span instead.
import { trace } from '@opentelemetry/api'
import { LogController } from 'fastify'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { activeSpanIds } from './provider.js'

// pino merges the line's fields into the object returned (Object.assign): a fresh one each time.
export function traceIdsMixin (): object {
  return activeSpanIds() ?? {}
}

export class TracedLogController extends LogController {
  override requestCompleted (error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const span = request.traceSpan
    // Inside the span (inject answers in the handler's context) the mixin has written the ids.
    if (span == null || trace.getActiveSpan() !== undefined || this.isLogDisabled(request)) {
      super.requestCompleted(error, request, reply)
      return
    }
    const { traceId, spanId } = span.spanContext()
    const ids = { trace_id: traceId, span_id: spanId }
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime, ...ids }, 'request errored')
    else reply.log.info({ res: reply, responseTime: reply.elapsedTime, ...ids }, 'request completed')
  }
}
