// The attempt loop shared by every upstream call: headers per attempt, retries of what is
// safe to repeat, one beforeAttempt call before and one log line and onCall record after each
// HTTP attempt.
import { performance } from 'node:perf_hooks'
import type { Dispatcher } from 'undici'
import { OvhApiError, OvhTransportError, isRetryable } from './errors.js'
import { sendOnce, type HttpAnswer } from './http.js'
import { logCall, type CallLogLevels, type Logger, type OvhCallRecord } from './logger.js'
import { scrubError } from './redact.js'
import { retryAllowed, retryDelay, sleep, type BackoffOptions } from './retry.js'

export interface CallDeps {
  dispatcher: Dispatcher
  origin: string
  // Path part of the base URL ('/1.0'); origin + basePath is the base URL.
  basePath: string
  timeoutMs: number
  retries: number
  backoff: BackoffOptions
}

export interface CallSpec {
  method: string
  // The route template, for logs and errors.
  route: string
  // The expanded path (after basePath) and query string ('' or '?...'), already encoded.
  path: string
  query: string
  body?: string
  // Only idempotent calls are retried on 429/502/503/504 and connection failures.
  idempotent: boolean
  signal?: AbortSignal
  headers?: Record<string, string>
  // Number of ids when this is an X-Ovh-Batch read, for logs.
  batch?: number
  // A single read a batch read falls back to (beforeAttempt's reason).
  fallback?: boolean
}

export interface AuthHeaders {
  headers: Record<string, string>
  // Strings that must never reach an error message (secrets, the signature).
  secrets: string[]
}

/** One HTTP attempt about to be made, as a client's `beforeAttempt` hook sees it. */
export interface OvhAttempt {
  method: string
  // The route template.
  route: string
  // 1 for a call's first attempt; more for its retries and its repeat after a clock resync.
  attempt: number
  // Why it is made: a call's 'first' attempt, or one nobody could plan: a 'retry' (429,
  // 5xx, reset), the 'resync' repeat after QUERY_TIME_OUT, a batch's 'fallback' single read.
  reason: 'first' | 'retry' | 'resync' | 'fallback'
  // Number of ids when this is an X-Ovh-Batch read.
  batch?: number
}

export interface CallHooks {
  log: Logger
  logLevels: CallLogLevels
  onCall?: (record: OvhCallRecord) => void
  // Builds the auth headers of one attempt for the exact URL and body sent.
  authenticate?: (url: string) => Promise<AuthHeaders>
  // Called on each upstream error; true repeats the attempt outside the retry budget
  // (a clock resync after QUERY_TIME_OUT). The hook decides how often it says yes.
  recover?: (err: OvhApiError | OvhTransportError) => Promise<boolean>
  // Awaited before every HTTP attempt, retries included; what it throws fails the call unmade.
  beforeAttempt?: (attempt: OvhAttempt) => void | Promise<void>
}

function record (hooks: CallHooks, entry: OvhCallRecord): void {
  logCall(hooks.log, hooks.logLevels, entry)
  if (hooks.onCall === undefined) return
  try {
    hooks.onCall(entry)
  } catch (err) {
    // An audit hook must not turn a successful upstream call into a failure.
    hooks.log.error({ err }, 'OVH onCall hook threw')
  }
}

export async function executeCall (deps: CallDeps, spec: CallSpec, hooks: CallHooks): Promise<HttpAnswer> {
  const url = deps.origin + deps.basePath + spec.path + spec.query
  let retriesUsed = 0
  let reason: OvhAttempt['reason'] = spec.fallback === true ? 'fallback' : 'first'
  for (let attempt = 1; ; attempt++) {
    if (hooks.beforeAttempt !== undefined) {
      await hooks.beforeAttempt({ method: spec.method, route: spec.route, attempt, reason, ...(spec.batch === undefined ? {} : { batch: spec.batch }) })
    }
    const auth = hooks.authenticate === undefined ? { headers: {}, secrets: [] } : await hooks.authenticate(url)
    const headers: Record<string, string> = { accept: 'application/json', ...spec.headers, ...auth.headers }
    if (spec.body !== undefined) headers['content-type'] = 'application/json'
    const started = performance.now()
    const base = { method: spec.method, route: spec.route, path: deps.basePath + spec.path, apiPath: spec.path, attempt, ...(spec.batch === undefined ? {} : { batch: spec.batch }) }
    try {
      const answer = await sendOnce({
        dispatcher: deps.dispatcher,
        origin: deps.origin,
        path: deps.basePath + spec.path + spec.query,
        method: spec.method,
        headers,
        body: spec.body,
        timeoutMs: deps.timeoutMs,
        signal: spec.signal,
        context: { method: spec.method, route: spec.route }
      })
      record(hooks, { ...base, status: answer.status, durationMs: elapsed(started), queryId: answer.queryId })
      return answer
    } catch (caught) {
      const durationMs = elapsed(started)
      if (!(caught instanceof OvhApiError) && !(caught instanceof OvhTransportError)) {
        // The caller gave up: still one upstream attempt to account for.
        record(hooks, { ...base, status: 0, durationMs, aborted: true })
        throw caught
      }
      const err = scrubError(caught, auth.secrets)
      const status = err instanceof OvhApiError ? err.status : err.status ?? 0
      record(hooks, { ...base, status, durationMs, queryId: err.queryId, error: err })
      if (hooks.recover !== undefined && await hooks.recover(err)) {
        reason = 'resync'
        continue
      }
      if (spec.idempotent && retriesUsed < deps.retries && isRetryable(err) && retryAllowed(err, deps.backoff)) {
        await sleep(retryDelay(err, retriesUsed, deps.backoff), spec.signal)
        retriesUsed++
        reason = 'retry'
        continue
      }
      throw err
    }
  }
}

function elapsed (started: number): number {
  return Math.round((performance.now() - started) * 10) / 10
}
