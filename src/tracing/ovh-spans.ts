// A CLIENT span per HTTP attempt made to OVH, written from the OVH client's per-attempt record
// (the same hook /metrics counts with) once the attempt is over, with its real start time: the
// client itself stays free of OpenTelemetry. No `traceparent` is sent to OVH: it is an external
// API that joins no trace of ours, and the header would only tell it our trace ids.
// The attributes are the record's whitelisted fields: never a header, a body, the signature, the
// consumer key or the application secret.
import { SpanKind, SpanStatusCode, context } from '@opentelemetry/api'
import type { Attributes, Tracer } from '@opentelemetry/api'
import {
  ATTR_ERROR_TYPE, ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_REQUEST_RESEND_COUNT, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_URL_PATH
} from '@opentelemetry/semantic-conventions'
import { OvhTransportError } from '../ovh/errors.js'
import type { OvhCallRecord } from '../ovh/logger.js'
import { redactedPath } from '../redaction/urls.js'

function failure (call: OvhCallRecord): string | undefined {
  if (call.aborted === true) return 'aborted'
  const err = call.error
  if (err !== undefined) return err instanceof OvhTransportError ? err.kind : err.errorCode ?? err.errorClass ?? String(call.status)
  return call.status >= 500 || call.status === 429 ? String(call.status) : undefined
}

export function recordOvhCall (tracer: Tracer, call: OvhCallRecord): void {
  const end = Date.now()
  const attributes: Attributes = {
    [ATTR_HTTP_REQUEST_METHOD]: call.method,
    // url.template (semantic conventions, development): the route with its {placeholders}.
    'url.template': call.route,
    [ATTR_URL_PATH]: redactedPath(call.apiPath),
    'ovh.attempt': call.attempt
  }
  if (call.status > 0) attributes[ATTR_HTTP_RESPONSE_STATUS_CODE] = call.status
  if (call.attempt > 1) attributes[ATTR_HTTP_REQUEST_RESEND_COUNT] = call.attempt - 1
  if (call.queryId !== undefined) attributes['ovh.query_id'] = call.queryId
  if (call.batch !== undefined) attributes['ovh.batch'] = call.batch
  const error = failure(call)
  if (error !== undefined) attributes[ATTR_ERROR_TYPE] = error
  const span = tracer.startSpan(`${call.method} ${call.route}`, {
    kind: SpanKind.CLIENT,
    startTime: end - call.durationMs,
    attributes
  }, context.active())
  // 4xx are answers (not found, validation), as the OVH client's log levels say; not failures.
  if (error !== undefined && call.aborted !== true) span.setStatus({ code: SpanStatusCode.ERROR })
  span.end(end)
}
