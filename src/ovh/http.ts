// One HTTP attempt against OVH: send through the pooled dispatcher, read the whole answer,
// and turn every outcome into a value, an OvhApiError or an OvhTransportError.
import type { Dispatcher } from 'undici'
import { OvhTransportError, parseOvhError, type OvhErrorContext } from './errors.js'
import { createDeadline, type Deadline } from './signals.js'

export interface HttpAttempt {
  dispatcher: Dispatcher
  origin: string
  // Base path + expanded route + query string, exactly as signed.
  path: string
  method: string
  headers: Record<string, string>
  body?: string
  timeoutMs: number
  signal?: AbortSignal
  context: OvhErrorContext
}

export interface HttpAnswer {
  status: number
  queryId?: string
  value: unknown
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT'])

function headerValue (value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

// Retry-After is either delta-seconds or an HTTP date (RFC 9110 10.2.3).
export function parseRetryAfter (value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

interface FailureInfo {
  timedOut: boolean
  status?: number
  queryId?: string
}

function transportFailure (err: unknown, attempt: HttpAttempt, info: FailureInfo): OvhTransportError {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : undefined
  const { method, route } = attempt.context
  const { timedOut, status, queryId } = info
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new OvhTransportError({
      kind: 'timeout',
      message: `OVH ${method} ${route} timed out after ${attempt.timeoutMs} ms`,
      method,
      route,
      queryId,
      status,
      code,
      cause: err
    })
  }
  // Only the code goes into the message: low-level messages may carry addresses, never anything useful to a caller.
  return new OvhTransportError({
    kind: 'connection',
    message: `OVH ${method} ${route} failed: connection error${code === undefined ? '' : ` (${code})`}`,
    method,
    route,
    queryId,
    status,
    code,
    cause: err
  })
}

// Resolves with the parsed answer of a 2xx; rejects with OvhApiError for 4xx/5xx, with
// OvhTransportError when no complete answer arrived, and with the caller's own abort reason
// when the caller aborted (cancellation is not an upstream failure).
export async function sendOnce (attempt: HttpAttempt): Promise<HttpAnswer> {
  const deadline = createDeadline(attempt.timeoutMs, attempt.signal)
  try {
    return await exchange(attempt, deadline)
  } finally {
    deadline.done()
  }
}

async function exchange (attempt: HttpAttempt, deadline: Deadline): Promise<HttpAnswer> {
  const fail = (err: unknown, status?: number, queryId?: string): never => {
    if (attempt.signal?.aborted === true) throw attempt.signal.reason
    throw transportFailure(err, attempt, { timedOut: deadline.timedOut, status, queryId })
  }

  let response: Dispatcher.ResponseData
  try {
    response = await attempt.dispatcher.request({
      origin: attempt.origin,
      path: attempt.path,
      method: attempt.method as Dispatcher.HttpMethod,
      headers: attempt.headers,
      body: attempt.body,
      signal: deadline.signal
    })
  } catch (err) {
    return fail(err)
  }

  const status = response.statusCode
  const queryId = headerValue(response.headers['x-ovh-queryid'])
  let text: string
  try {
    text = await response.body.text()
  } catch (err) {
    return fail(err, status, queryId)
  }
  // undici frees a keep-alive socket one event-loop turn after the answer completes
  // (client-h1 onMessageComplete: setImmediate(client[kResume])); a caller's next request
  // sent before that would open a second connection instead of reusing this one.
  await new Promise(resolve => setImmediate(resolve))

  const context = { ...attempt.context, queryId }
  if (status >= 300) {
    const error = parseOvhError(status, text, context)
    const retryAfterMs = parseRetryAfter(headerValue(response.headers['retry-after']))
    if (retryAfterMs !== undefined) error.retryAfter = Math.ceil(retryAfterMs / 1000)
    throw error
  }
  // 204 and empty bodies mean "no content" (docs 3).
  if (status === 204 || text === '') return { status, queryId, value: null }
  try {
    // Bare scalars (1700000000, "ok") are valid JSON texts and are returned as such.
    return { status, queryId, value: JSON.parse(text) }
  } catch {
    // No cause: a JSON.parse message quotes the body, and log serialisers print causes.
    throw new OvhTransportError({
      kind: 'malformed',
      message: `OVH ${context.method} ${context.route} answered HTTP ${status} with a body that is not JSON`,
      method: context.method,
      route: context.route,
      queryId,
      status
    })
  }
}
