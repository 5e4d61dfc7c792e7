// The connection pools graphile-worker runs on, created and ended here rather than by
// graphile-worker: its own release (0.17) calls pool.end() without waiting for it and removes the
// pool's error listener first, so a connection still closing when the database stops (a shutdown:
// the embedded PostgreSQL stops right after the app) raised an uncaught error and exit code 1.
import pg from 'pg'
import type { JobLog } from './logger.js'

export interface JobPool {
  pool: pg.Pool
  /** Ends every connection and waits until they are closed. */
  end (): Promise<void>
}

export function createJobPool (connectionString: string, max: number, log: JobLog, name: string): JobPool {
  const pool = new pg.Pool({ connectionString, max, application_name: `ovh-reseller-gateway ${name}` })
  // A connection cut while idle (a database restart, the shutdown) is logged; the next query on
  // the pool opens a new one. The listener stays until the pool has ended.
  pool.on('error', err => { log.warn({ err }, `job engine (${name}): a database connection was lost`) })
  // One in use by a job: its query fails with the error, which the job reports; the event itself
  // must not be an uncaught one.
  pool.on('connect', client => { client.on('error', () => {}) })
  let ending: Promise<void> | undefined
  return {
    pool,
    end: () => {
      ending ??= pool.end().catch(err => { log.warn({ err }, `job engine (${name}): closing its connections failed`) })
      return ending
    }
  }
}
