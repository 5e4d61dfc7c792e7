// Typed errors for OVH answers (OvhApiError) and for failures to get one (OvhTransportError).
// @see docs/OVH-API.md 3 for the two error body shapes.

export interface OvhErrorContext {
  method: string
  route: string
  queryId?: string
}

export interface OvhApiErrorInit extends OvhErrorContext {
  status: number
  message: string
  errorClass?: string
  errorCode?: string
  httpCode?: string
  details?: Record<string, unknown>
  retryAfter?: number
}

export class OvhApiError extends Error {
  override name = 'OvhApiError'
  status: number
  declare errorClass?: string
  declare errorCode?: string
  declare httpCode?: string
  declare details?: Record<string, unknown>
  declare queryId?: string
  // Seconds, from a Retry-After header (429/503), so the gateway can pass it on to its callers.
  declare retryAfter?: number
  method: string
  route: string

  constructor (init: OvhApiErrorInit) {
    super(init.message)
    this.status = init.status
    this.method = init.method
    this.route = init.route
    // Only set the optional fields that exist, so JSON and log output stay small.
    if (init.errorClass !== undefined) this.errorClass = init.errorClass
    if (init.errorCode !== undefined) this.errorCode = init.errorCode
    if (init.httpCode !== undefined) this.httpCode = init.httpCode
    if (init.details !== undefined) this.details = init.details
    if (init.queryId !== undefined) this.queryId = init.queryId
    if (init.retryAfter !== undefined) this.retryAfter = init.retryAfter
  }

  // Error#message is not enumerable; keep it in JSON for audit rows and API answers.
  toJSON (): Record<string, unknown> {
    return { ...this as object, name: this.name, message: this.message }
  }
}

export const TRANSPORT_ERROR_KINDS = {
  timeout: 'timeout',
  connection: 'connection',
  malformed: 'malformed'
} as const

export type OvhTransportErrorKind = typeof TRANSPORT_ERROR_KINDS[keyof typeof TRANSPORT_ERROR_KINDS]

export interface OvhTransportErrorInit extends OvhErrorContext {
  kind: OvhTransportErrorKind
  message: string
  status?: number
  code?: string
  cause?: unknown
}

export class OvhTransportError extends Error {
  override name = 'OvhTransportError'
  kind: OvhTransportErrorKind
  method: string
  route: string
  // Set for 'malformed': the HTTP status of the answer whose body could not be read.
  declare status?: number
  // The low-level error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT...) when there is one.
  declare code?: string
  declare queryId?: string

  constructor (init: OvhTransportErrorInit) {
    // The cause stays non-enumerable (ES2022 semantics), so it never lands in JSON output.
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.method = init.method
    this.route = init.route
    if (init.status !== undefined) this.status = init.status
    if (init.code !== undefined) this.code = init.code
    if (init.queryId !== undefined) this.queryId = init.queryId
  }

  toJSON (): Record<string, unknown> {
    return { ...this as object, name: this.name, message: this.message }
  }
}

// Auth-layer codes sent in the older {errorCode, httpCode, message} shape (docs 3).
export const OVH_ERROR_CODES = {
  INVALID_SIGNATURE: 'INVALID_SIGNATURE',
  QUERY_TIME_OUT: 'QUERY_TIME_OUT',
  NOT_GRANTED_CALL: 'NOT_GRANTED_CALL',
  NOT_CREDENTIAL: 'NOT_CREDENTIAL',
  INVALID_KEY: 'INVALID_KEY',
  INVALID_CREDENTIAL: 'INVALID_CREDENTIAL',
  FORBIDDEN: 'FORBIDDEN'
} as const

const MAX_SNIPPET = 200

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function optionalString (value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

// Builds an OvhApiError from an error answer's status and raw body text, whatever its shape.
export function parseOvhError (status: number, bodyText: string, context: OvhErrorContext): OvhApiError {
  let body: unknown
  try {
    body = bodyText === '' ? undefined : JSON.parse(bodyText)
  } catch {
    body = undefined
  }
  if (isRecord(body)) return errorFromObject(status, body, context)
  if (typeof body === 'string' && body !== '') {
    return new OvhApiError({ ...context, status, message: body })
  }
  // Not JSON (a proxy's HTML page, an empty body): keep a short snippet to help debugging.
  const snippet = bodyText.trim().slice(0, MAX_SNIPPET)
  return new OvhApiError({
    ...context,
    status,
    message: `OVH answered HTTP ${status}${snippet === '' ? ' with an empty body' : ' with a non-JSON body'}`,
    ...(snippet === '' ? {} : { details: { body: snippet } })
  })
}

// Reads {class, message, details} and {errorCode, httpCode, message}; also used for the
// per-id "error" of a batch answer, whose exact type OVH does not document (docs 15b).
export function errorFromObject (status: number, body: Record<string, unknown>, context: OvhErrorContext): OvhApiError {
  const errorClass = optionalString(body.class)
  const errorCode = optionalString(body.errorCode)
  const httpCode = optionalString(body.httpCode)
  const message = optionalString(body.message) ?? errorClass ?? errorCode ?? `OVH answered HTTP ${status}`
  const details = isRecord(body.details) ? body.details : undefined
  return new OvhApiError({ ...context, status, message, errorClass, errorCode, httpCode, details })
}

// 401, or a 403 from the credential layer (it answers with an errorCode): no other
// request made with the same credentials can succeed, so callers must stop and report it.
export function isAuthError (err: unknown): boolean {
  if (!(err instanceof OvhApiError)) return false
  return err.status === 401 || (err.status === 403 && err.errorCode !== undefined)
}

export function isTimestampError (err: unknown): boolean {
  return err instanceof OvhApiError && err.errorCode === OVH_ERROR_CODES.QUERY_TIME_OUT
}

export function isInvalidSignature (err: unknown): boolean {
  return err instanceof OvhApiError && err.errorCode === OVH_ERROR_CODES.INVALID_SIGNATURE
}

const RETRYABLE_STATUSES = new Set([429, 502, 503, 504])
// Our own pool was closed: another attempt cannot succeed.
const CLOSED_POOL_CODES = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED'])

// Transient failures worth another attempt, for requests that are safe to repeat.
export function isRetryable (err: unknown): boolean {
  if (err instanceof OvhApiError) return RETRYABLE_STATUSES.has(err.status)
  return err instanceof OvhTransportError && err.kind === 'connection' && !CLOSED_POOL_CODES.has(err.code ?? '')
}
