// Adding jobs to graphile-worker's queue (its own schema, `graphile_worker`, in the gateway's
// database). Works whether or not this process runs workers (WORKERS=off: another process, `npm run
// worker`, runs them). Its schema is migrated on first use, so a gateway that never queues a job
// never creates it.
import { makeWorkerUtils } from 'graphile-worker'
import type { TaskSpec, WorkerUtils } from 'graphile-worker'
import { workerLogger } from './logger.js'
import { createJobPool } from './pool.js'
import type { JobPool } from './pool.js'
import type { JobLog } from './logger.js'

export interface JobQueue {
  addJob (identifier: string, payload: unknown, spec?: TaskSpec): Promise<void>
  // The job keys of the jobs waiting or running, for status and tests.
  pendingJobs (identifierPrefix: string): Promise<Array<{ key: string | null, runAt: Date, locked: boolean }>>
  // Jobs that could run now: due, not running, attempts left.
  dueCount (): Promise<number>
  close (): Promise<void>
}

export function createJobQueue (options: { connectionString: string, log: JobLog }): JobQueue {
  let utils: Promise<WorkerUtils> | undefined
  const pools = new Set<JobPool>()
  let closed = false
  function ready (): Promise<WorkerUtils> {
    // Work still running as the app closes (a refresh request, an event) must not open a new pool
    // after close(): nothing would release it, and its connections would outlive the app.
    if (closed) return Promise.reject(new Error('the job queue is closed: the gateway is shutting down'))
    utils ??= (async () => {
      const jobPool = createJobPool(options.connectionString, 2, options.log, 'queue')
      pools.add(jobPool)
      try {
        const made = await makeWorkerUtils({ pgPool: jobPool.pool, logger: workerLogger(options.log) })
        try {
          await made.migrate()
        } catch (err) {
          await made.release()
          throw err
        }
        return made
      } catch (err) {
        pools.delete(jobPool)
        await jobPool.end()
        throw err
      }
    })().catch(err => {
      // A database that was down is tried again at the next job.
      utils = undefined
      throw err
    })
    return utils
  }
  // Calls under way: close() waits for them, since ending the pool does not end a connection that
  // is checked out, which would outlive the app (and fail when its database goes).
  const underWay = new Set<Promise<unknown>>()
  function tracked<T> (work: () => Promise<T>): Promise<T> {
    const call = work()
    const settled: Promise<unknown> = call.then(() => underWay.delete(settled), () => underWay.delete(settled))
    underWay.add(settled)
    return call
  }
  return {
    addJob: (identifier, payload, spec) => tracked(async () => {
      await (await ready()).addJob(identifier, payload as never, spec)
    }),
    pendingJobs: identifierPrefix => tracked(async () => {
      const made = await ready()
      return made.withPgClient(async client => {
        const { rows } = await client.query<{ key: string | null, run_at: Date, locked_at: Date | null }>(
          `SELECT j.key, j.run_at, j.locked_at FROM graphile_worker._private_jobs j
             JOIN graphile_worker._private_tasks t ON t.id = j.task_id
            WHERE t.identifier LIKE $1 || '%' ORDER BY j.run_at`, [identifierPrefix])
        return rows.map(row => ({ key: row.key, runAt: row.run_at, locked: row.locked_at !== null }))
      })
    }),
    dueCount: () => tracked(async () => {
      const made = await ready()
      return made.withPgClient(async client => {
        const { rows } = await client.query<{ count: string }>(
          `SELECT count(*) FROM graphile_worker._private_jobs
            WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts`)
        return Number(rows[0].count)
      })
    }),
    async close () {
      closed = true
      await Promise.all(underWay)
      const made = utils
      utils = undefined
      // A database already gone (a shutdown) leaves nothing to release.
      const released = await made?.catch(() => null)
      if (released) await Promise.resolve(released.release()).catch(() => {})
      await Promise.all([...pools].map(jobPool => jobPool.end()))
    }
  }
}
