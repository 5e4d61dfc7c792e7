// Jobs of a worker that died without releasing them. graphile-worker locks a job (and, for a job on a
// named queue, the whole queue) with its worker pool's id (a "worker" below), and only takes the lock back after 4 hours (its
// job expiry): a gateway killed with SIGKILL, or by the OOM killer, held a webhook delivery for 4
// hours, and every event behind the dispatcher's queue with it. graphile-worker has
// `forceUnlockWorkers` but no way to tell a dead worker from a busy one, so each runner proves its
// workers alive with a PostgreSQL session-level advisory lock per worker (pool) id, held on a connection
// of its own: PostgreSQL drops those locks the moment the process's connection is gone. A periodic
// job then unlocks what is locked by workers nobody holds the lock of.
import pg from 'pg'
import type { JobLog } from './logger.js'

// The advisory locks' first key: this feature's own space (the second is the worker id's hash).
const LIVENESS_LOCK_SPACE = 0x6f67_7731
// A worker takes its lock within milliseconds of its creation; a lock older than this without a
// holder is not a worker still starting.
const GRACE_SECONDS = 30

export interface WorkerLiveness {
  /** Holds the advisory lock of this worker id for as long as this process runs it. */
  register (workerId: string): void
  /** Releases every lock (the runner has stopped). */
  close (): Promise<void>
}

export function createWorkerLiveness (connectionString: string, log: JobLog): WorkerLiveness {
  const held = new Set<string>()
  let client: pg.Client | undefined
  let connecting: Promise<pg.Client> | undefined
  let closed = false

  const connection = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString, application_name: 'ovh-reseller-gateway worker liveness' })
      // A lost connection loses the locks: take them again on a new one. Until then, another
      // process may unlock this process's jobs, which then run again (jobs are at least once).
      next.on('error', err => {
        log.warn({ err }, 'job engine: the workers\' liveness connection was lost')
        if (client === next) { client = undefined; connecting = undefined }
        if (!closed) for (const id of held) lock(id).catch(() => {})
      })
      await next.connect()
      client = next
      return next
    })()
    connecting.catch(() => { connecting = undefined })
    return connecting
  }

  async function lock (workerId: string): Promise<void> {
    try {
      const db = await connection()
      await db.query('SELECT pg_advisory_lock($1, hashtext($2))', [LIVENESS_LOCK_SPACE, workerId])
    } catch (err) {
      if (!closed) log.warn({ err, workerId }, 'job engine: could not mark a worker alive')
    }
  }

  return {
    register (workerId) {
      held.add(workerId)
      lock(workerId).catch(() => {})
    },
    async close () {
      closed = true
      held.clear()
      const db = client ?? await connecting?.catch(() => undefined)
      client = undefined
      await db?.end().catch(() => {})
    }
  }
}

/**
 * Unlocks the jobs and queues locked, for longer than the grace delay, by workers whose liveness
 * lock nobody holds. Returns their ids.
 */
export async function unlockDeadWorkers (db: pg.ClientBase, graceSeconds = GRACE_SECONDS): Promise<string[]> {
  const { rows } = await db.query<{ locked_by: string }>(
    `SELECT locked_by FROM graphile_worker._private_jobs
       WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)
     UNION
     SELECT locked_by FROM graphile_worker._private_job_queues
       WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1)`,
    [graceSeconds]
  )
  const dead: string[] = []
  for (const { locked_by: workerId } of rows) {
    const { rows: [probe] } = await db.query<{ free: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [LIVENESS_LOCK_SPACE, workerId])
    if (!probe.free) continue
    await db.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LIVENESS_LOCK_SPACE, workerId])
    dead.push(workerId)
  }
  if (dead.length > 0) await db.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead])
  return dead
}
