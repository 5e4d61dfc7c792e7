// The one mapping from anything thrown while serving a request to the gateway's coded errors
// (errors.ts), for REST (plugins/error-handler.ts, early-errors.ts) and GraphQL
// (graphql/error-formatter.ts) alike: OVH's errors keep OVH's class or errorCode, message and query
// id for the caller (PRODUCT.md "Errors"); Fastify's own errors a client can cause (fastify/lib/errors.js:
// body, media type, URL, path parameters) and @fastify/under-pressure's load shedding get their
// codes; unknown errors become INTERNAL with a generic message (no stack, no secret).
import { OvhApiError, OvhTransportError } from './ovh/index.js'
import { badUserInput, gatewayError, isGatewayError } from './errors.js'
import type { FieldError, GatewayError } from './errors.js'
import { RULE_NOT_RESPECTED, ruleFieldErrors } from './upstream/rule-fields.js'
import { isDatabaseUnavailable } from './db/unavailable.js'
import { SecretBoxError } from './crypto/secret-box.js'

// A database restart or failover takes seconds: clients wait that long rather than hammer it.
export const DATABASE_RETRY_AFTER_SECONDS = 5

interface ValidationIssue { instancePath?: string, message?: string, params?: Record<string, unknown> }

export function normalizeError (err: unknown): GatewayError {
  if (isGatewayError(err)) return err
  const fromOvh = fromOvhError(err)
  if (fromOvh) return fromOvh
  // After OVH's errors: a connection reset from OVH is OVH's (the OVH client wraps those).
  if (isDatabaseUnavailable(err)) {
    return gatewayError('DATABASE_UNAVAILABLE', 'the gateway cannot reach its database: retry later', { retryAfter: DATABASE_RETRY_AFTER_SECONDS })
  }
  // A deployment error, not the client's: the gateway's master keys cannot open a secret it stored
  // (its message names the key ids; that goes to the log only, like every 5xx cause).
  if (err instanceof SecretBoxError) {
    return gatewayError('MASTER_KEY', 'the gateway\'s master keys do not open this tenant\'s stored secrets: the gateway\'s operator must configure the key they were sealed with')
  }
  const error = err as { statusCode?: number, validation?: ValidationIssue[], validationContext?: string, message?: string, code?: string }
  if (Array.isArray(error.validation)) {
    const context = error.validationContext ?? 'request'
    const fields: FieldError[] = error.validation.map(issue => ({
      field: [context, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid'
    }))
    return gatewayError('BAD_USER_INPUT', `invalid ${context}`, { fields })
  }
  const fromFastify = fromFastifyError(err)
  if (fromFastify) return fromFastify
  const status = error.statusCode
  if (status === 404) return gatewayError('NOT_FOUND', error.message ?? 'not found')
  // Any other 4xx (a plugin's) keeps its status.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return gatewayError('BAD_USER_INPUT', error.message ?? 'bad request', undefined, status)
  }
  return gatewayError('INTERNAL', 'internal error')
}

// ---- OVH's errors ----

export function fromOvhError (err: unknown): GatewayError | null {
  if (err instanceof OvhTransportError) {
    const what = err.kind === 'timeout' ? 'did not answer in time' : err.kind === 'malformed' ? 'sent a malformed answer' : 'could not be reached'
    return gatewayError('UPSTREAM_UNAVAILABLE', `OVH ${what}`, { kind: err.kind }, 503)
  }
  if (!(err instanceof OvhApiError)) return null
  const ovh = {
    status: err.status,
    ...(err.errorClass ? { class: err.errorClass } : {}),
    ...(err.errorCode ? { errorCode: err.errorCode } : {}),
    message: err.message,
    ...(err.queryId ? { queryId: err.queryId } : {}),
    ...(err.details ? { details: err.details } : {})
  }
  const code = err.errorCode
  if (err.status === 429) {
    return gatewayError('RATE_LIMITED', 'OVH asks to slow down', { ovh, retryAfter: err.retryAfter ?? 60 })
  }
  if (code === 'INVALID_CREDENTIAL' || code === 'NOT_CREDENTIAL' || err.status === 401) {
    return gatewayError('CREDENTIAL_EXPIRED', 'your OVH consumer key is no longer valid: request a new one', { ovh })
  }
  if (code === 'NOT_GRANTED_CALL') {
    return gatewayError('FORBIDDEN', 'your OVH consumer key does not grant this call', { ovh })
  }
  if (err.errorClass === RULE_NOT_RESPECTED) {
    // Eligibility rules broken: the data is at fault, field by field, whoever made the call.
    return gatewayError('BAD_USER_INPUT', 'the data does not respect the eligibility rules of the domain', { fields: ruleFieldErrors(err.details), ovh })
  }
  if (err.route === '/domain/{serviceName}/authInfo' && err.status === 403) {
    // OVH keeps the auth code of a locked domain to itself: unlock first (a state, not a permission).
    return gatewayError('CONFLICT', 'the domain is transfer-locked: unlock it and wait until it is unlocked to read its auth code', { reason: 'TRANSFER_LOCKED', ovh })
  }
  if (err.status === 404) return gatewayError('NOT_FOUND', err.message, { ovh })
  if (err.status === 409) return gatewayError('CONFLICT', err.message, { ovh })
  if (err.status >= 500) return gatewayError('UPSTREAM_UNAVAILABLE', 'OVH failed to answer', { ovh }, 503)
  // Other refusals (400 business errors, 403 on an object, 460 expired service...): OVH's own words.
  return gatewayError('OVH_ERROR', err.message, { ovh }, err.status >= 400 && err.status < 500 ? 422 : 502)
}

// ---- Fastify's errors ----

// The body could not be read as JSON: malformed, empty, cut short, or with a prototype key.
const UNREADABLE_BODY = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
])

// Seconds a client waits when the gateway sheds load; app.ts gives under-pressure the same.
export const OVERLOAD_RETRY_AFTER_SECONDS = 10

export function fromFastifyError (err: unknown): GatewayError | null {
  const { code, message } = err as { code?: unknown, message?: string }
  if (code === 'FST_UNDER_PRESSURE') {
    return gatewayError('OVERLOADED', 'the gateway is overloaded: retry later', { retryAfter: OVERLOAD_RETRY_AFTER_SECONDS })
  }
  if (typeof code !== 'string' || !code.startsWith('FST_ERR_')) return null
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return gatewayError('PAYLOAD_TOO_LARGE', 'the request body is larger than this route accepts')
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return gatewayError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
  if (UNREADABLE_BODY.has(code)) return badUserInput('the body is not valid JSON', [{ field: 'body', message: message ?? 'is not valid JSON' }])
  if (code === 'FST_ERR_BAD_URL') return badUserInput('malformed URL', [{ field: 'url', message: 'is not a valid URL (bad percent-encoding)' }])
  // Past the router's maxParamLength (app.ts), far longer than any name or id.
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return badUserInput('a path parameter is too long', [{ field: 'params', message: 'is longer than any valid name or id' }])
  return null
}
