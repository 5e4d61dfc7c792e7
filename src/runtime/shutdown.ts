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

/** close-with-grace's own deadline: past it the process exits 1 whatever is left. */
export function hardDeadlineMs (ovhTimeoutMs: number): number {
  return graceDelayMs(ovhTimeoutMs) + 30_000
}

export interface ShutdownOptions {
  graceMs: number
  log: ShutdownLog
  // What asked for it: the signal, 'error' (an uncaught one) or 'exit' (the event loop ran dry).
  reason?: string
}

export async function shutdown (app: FastifyInstance, runtime: Runtime, options: ShutdownOptions): Promise<void> {
  const started = Date.now()
  options.log.info({ reason: options.reason, graceMs: options.graceMs }, 'shutting down: new requests get 503, those in flight may finish within the grace delay')
  const timer = setTimeout(() => {
    options.log.warn({ graceMs: options.graceMs }, 'requests still wait on OVH after the grace delay: aborting their upstream calls')
    app.ovh.abort().catch(err => options.log.error({ err }, 'aborting the upstream calls failed'))
  }, options.graceMs)
  try {
    // Fastify closes the connections idle when the close starts; one whose request finishes later
    // would stay open until its keep-alive timeout (72 s) and hold the close that long.
    const idle = setInterval(() => app.server.closeIdleConnections(), 250)
    await app.close().finally(() => clearInterval(idle))
  } finally {
    clearTimeout(timer)
    await runtime.close()
  }
  options.log.info({ durationMs: Date.now() - started }, 'shutdown complete')
}
