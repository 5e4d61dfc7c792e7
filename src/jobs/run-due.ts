// Runs every job due now with graphile-worker's runOnce, without a long-lived runner: tests and the
// CLI's `sync run`. Jobs keep their locks and queues, so a gateway's runner and this never run the
// same job twice.
import { runOnce } from 'graphile-worker'
import type { Logger, TaskList } from 'graphile-worker'
import type { JobQueue } from './queue.js'
import type { JobLog } from './logger.js'
import { createJobPool } from './pool.js'

// A bound on the rounds, so a job that reschedules itself "now" for ever cannot loop.
const MAX_ROUNDS = 100

export async function runDueJobs (options: { connectionString: string, taskList: TaskList, logger: Logger, queue: JobQueue, log: JobLog }): Promise<void> {
  const jobPool = createJobPool(options.connectionString, 2, options.log, 'run-due')
  try {
    // runOnce returns when it finds no job at that instant, which happens between two jobs of one
    // named queue (the queue is released as the first completes): go on while any is due.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      await runOnce({ pgPool: jobPool.pool, taskList: options.taskList, logger: options.logger, noHandleSignals: true, useNodeTime: true })
      if (await options.queue.dueCount() === 0) return
    }
  } finally {
    await jobPool.end()
  }
}
