// graphile-worker's log lines, written through the gateway's pino logger (with its redaction).
import { Logger } from 'graphile-worker'
import type { LogLevel } from 'graphile-worker'

export interface JobLog {
  error (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  info (obj: object, msg?: string): void
  debug (obj: object, msg?: string): void
}

export function workerLogger (log: JobLog): Logger {
  return new Logger(scope => (level: LogLevel, message: string, meta?: object) => {
    const fields = { jobs: scope, ...(meta ?? {}) }
    // Its levels are 'error' | 'warning' | 'info' | 'debug'; its info lines (each job started and
    // completed) would drown the gateway's own: kept at debug.
    if (level === 'error') log.error(fields, message)
    else if (level === 'warning') log.warn(fields, message)
    else log.debug(fields, message)
  })
}
