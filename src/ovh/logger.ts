// The minimal pino-compatible logger the OVH client writes to, and its per-call log line.
import { OvhTransportError, type OvhApiError } from './errors.js'

// pino, Fastify's request.log and a test double all fit it.
export interface OvhLogger {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  debug (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
  child? (bindings: Record<string, unknown>): OvhLogger
}

export type Logger = OvhLogger

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

function noop (): void {}

export const silentLogger: Logger = { info: noop, warn: noop, debug: noop, error: noop }

// One record per HTTP attempt. `route` is the template so log lines group by operation;
// `path` is the concrete path (no query string) and only goes to onCall, for the audit trail.
export interface OvhCallRecord {
  method: string
  route: string
  path: string
  // The same path under the API's base path (/1.0), as `route` is: e.g. /domain/example.com.
  apiPath: string
  // 0 when no HTTP answer arrived (timeout, connection failure).
  status: number
  durationMs: number
  queryId?: string
  // 1 for the first attempt of a request, 2 for its first retry, and so on.
  attempt: number
  // Number of ids read by this call when it is an X-Ovh-Batch read.
  batch?: number
  error?: OvhApiError | OvhTransportError
  // The caller's signal ended the attempt (not an upstream failure).
  aborted?: boolean
}

export interface CallLogLevels {
  // Level for 2xx/3xx and 4xx answers (4xx are normal outcomes: not found, validation).
  success: LogLevel
  // Level for 429, 5xx and transport failures.
  failure: LogLevel
}

export const DEFAULT_CALL_LOG_LEVELS: CallLogLevels = { success: 'info', failure: 'warn' }

// Only whitelisted fields are logged: never headers, bodies or credentials.
export function logCall (log: Logger, levels: CallLogLevels, record: OvhCallRecord): void {
  const failed = (record.status === 0 && record.aborted !== true) || record.status === 429 || record.status >= 500
  const ovh: Record<string, unknown> = {
    method: record.method,
    route: record.route,
    status: record.status,
    durationMs: record.durationMs,
    queryId: record.queryId,
    attempt: record.attempt
  }
  if (record.batch !== undefined) ovh.batch = record.batch
  if (record.aborted === true) ovh.aborted = true
  if (record.error !== undefined) {
    const err = record.error
    const label = err instanceof OvhTransportError ? err.kind : err.errorCode ?? err.errorClass
    if (label !== undefined) ovh.error = label
  }
  log[failed ? levels.failure : levels.success]({ ovh }, 'ovh call')
}
