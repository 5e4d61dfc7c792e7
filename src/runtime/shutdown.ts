// Graceful shutdown (SIGINT/SIGTERM): requests in flight may wait on OVH for up to OVH_TIMEOUT_MS per
// call, so the grace delay follows that timeout instead of a fixed 10 s that killed them (exit 1)
// before the embedded PostgreSQL was stopped. Past the delay, the calls still waiting on OVH are
// aborted, so their requests answer UPSTREAM_UNAVAILABLE instead of being cut off, and the database
// is stopped in every case. Its start and end are logged: an operator reading the log of a stopped
// instance must tell an orderly stop from a crash, and see how long the requests in flight held it.
import type { FastifyInstance } from 'fastify'
import type { Runtime } from './runtime.js'

interface ShutdownLog {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
}

/** One upstream call's timeout and a margin for the rest of the request. */
export function graceDelayMs (ovhTimeoutMs: number): number {
  return ovhTimeoutMs + 5_000
}

// How long each step past the grace delay may take: the app's close once its requests were aborted,
// then the runtime's (database, sandbox). A step still running then is left behind: a hung close
// (a stuck pool, an embedded PostgreSQL whose data folder was removed) must not hold the process.
export const STEP_DEADLINE_MS = 5_000

/** When shutdown() returns at the latest: the grace delay, then one step deadline per step. */
export function shutdownDeadlineMs (ovhTimeoutMs: number): number {
  return graceDelayMs(ovhTimeoutMs) + 2 * STEP_DEADLINE_MS
}

/** close-with-grace's own deadline, a backstop past shutdown()'s: the process exits 1 then. */
export function hardDeadlineMs (ovhTimeoutMs: number): number {
  return shutdownDeadlineMs(ovhTimeoutMs) + 2_000
}

export interface ShutdownOptions {
  graceMs: number
  log: ShutdownLog
  // What asked for it: the signal, 'error' (an uncaught one) or 'exit' (the event loop ran dry).
  reason?: string
  // STEP_DEADLINE_MS unless given (tests).
  stepDeadlineMs?: number
}

const TIMED_OUT = Symbol('timed out')

// The promise's outcome, or TIMED_OUT once the delay has passed (the promise keeps running).
async function within<T> (promise: Promise<T>, delayMs: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<typeof TIMED_OUT>(resolve => { timer = setTimeout(() => resolve(TIMED_OUT), delayMs) })
  try {
    return await Promise.race([promise, deadline])
  } finally {
    clearTimeout(timer)
  }
}

export async function shutdown (app: FastifyInstance, runtime: Runtime, options: ShutdownOptions): Promise<void> {
  const started = Date.now()
  const stepMs = options.stepDeadlineMs ?? STEP_DEADLINE_MS
  options.log.info({ reason: options.reason, graceMs: options.graceMs }, 'shutting down: new requests get 503, those in flight may finish within the grace delay')
  const timer = setTimeout(() => {
    options.log.warn({ graceMs: options.graceMs }, 'requests still wait on OVH after the grace delay: aborting their upstream calls')
    app.ovh.abort().catch(err => options.log.error({ err }, 'aborting the upstream calls failed'))
  }, options.graceMs)
  // The connections whose requests finish later are closed as they fall idle (plugins/draining.ts).
  try {
    const closing = app.close()
    closing.catch(err => options.log.error({ err }, 'closing the app failed'))
    if (await within(closing, options.graceMs + stepMs) === TIMED_OUT) {
      options.log.error({ afterMs: Date.now() - started }, 'the app did not close in time: cutting its connections and stopping the database')
      app.server.closeAllConnections()
    }
  } finally {
    clearTimeout(timer)
    const closing = runtime.close()
    closing.catch(err => options.log.error({ err }, 'closing the database failed'))
    if (await within(closing, stepMs) === TIMED_OUT) {
      options.log.error({ afterMs: Date.now() - started }, 'the database did not close in time: stopping it now')
      runtime.closeNow()
    }
  }
  options.log.info({ durationMs: Date.now() - started }, 'shutdown complete')
}
