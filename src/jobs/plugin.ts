// The job engine as a Fastify plugin: graphile-worker on the gateway's PostgreSQL. Other plugins
// define their tasks and cron lines (app.jobs.define / app.jobs.cron) before the app is ready; the
// runner starts once the app is ready (WORKERS=inline), or with the server's listen when the
// in-process sandbox is mounted (its URL, which the jobs call, is known only then), and stops
// with the app. With WORKERS=off the queue still takes jobs, for `npm run worker` processes.
// Several runners on one database run each job once (graphile-worker locks jobs in PostgreSQL).
// @see https://worker.graphile.org/docs/library/run
import { EventEmitter } from 'node:events'
import fp from 'fastify-plugin'
import { parseCronItems, run } from 'graphile-worker'
import type { WorkerEvents } from 'graphile-worker'
import type { CronItem, Runner, Task, TaskList } from 'graphile-worker'
import { createJobQueue } from './queue.js'
import type { JobQueue } from './queue.js'
import { workerLogger } from './logger.js'
import { runDueJobs } from './run-due.js'
import { createJobPool } from './pool.js'
import type { JobPool } from './pool.js'
import { createWorkerLiveness, unlockDeadWorkers } from './liveness.js'
import type { WorkerLiveness } from './liveness.js'

export const UNLOCK_DEAD_WORKERS_JOB = 'jobs.unlock-dead-workers'

export interface Jobs {
  queue: JobQueue
  // Whether this process runs the jobs (WORKERS=inline), or only queues them.
  readonly runsWorkers: boolean
  define (identifier: string, task: Task): void
  cron (item: CronItem): void
  // Work to do each time this process's runner starts (e.g. queue a first job).
  onStart (work: () => Promise<void>): void
  /** Runs every job due now, then returns (tests, `sync run`); needs no started runner. */
  runDue (): Promise<void>
  /** Starts this process's runner if it is not running (tests turn it on and off). */
  start (): Promise<void>
  stop (): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    jobs: Jobs
  }
}

export interface JobsPluginOptions {
  connectionString: string
  mode: 'inline' | 'off'
  concurrency: number
  startOn: 'ready' | 'listen'
  // How often an idle runner looks for jobs scheduled for later (ms); new jobs wake it at once.
  pollIntervalMs?: number
}

export default fp<JobsPluginOptions>(async function jobsPlugin (app, opts) {
  const taskList: TaskList = {}
  const cronItems: CronItem[] = []
  const queue = createJobQueue({ connectionString: opts.connectionString, log: app.log })
  const logger = workerLogger(app.log)
  let runner: Runner | undefined
  let runnerPool: JobPool | undefined
  let liveness: WorkerLiveness | undefined
  const startWork: Array<() => Promise<void>> = []

  const shared = () => ({
    logger,
    taskList,
    // The gateway handles its own signals (close-with-grace) and stops the runner from onClose.
    noHandleSignals: true,
    // Jobs are rescheduled with Node's clock (the sync's budget window is measured with it).
    useNodeTime: true
  })

  const jobs: Jobs = {
    queue,
    runsWorkers: opts.mode === 'inline',
    define (identifier, task) {
      if (runner) throw new Error(`job ${identifier} defined after the runner started`)
      taskList[identifier] = task
    },
    cron (item) {
      cronItems.push(item)
    },
    onStart (work) {
      startWork.push(work)
    },
    async runDue () {
      await runDueJobs({ connectionString: opts.connectionString, taskList, logger, queue, log: app.log })
    },
    async start () {
      if (runner) return
      runnerPool = createJobPool(opts.connectionString, opts.concurrency + 2, app.log, 'runner')
      const workerLiveness = liveness = createWorkerLiveness(opts.connectionString, app.log)
      const events: WorkerEvents = new EventEmitter()
      // graphile-worker 0.17 locks jobs with its worker pool's id (not each worker's).
      events.on('pool:create', ({ workerPool }) => workerLiveness.register(workerPool.id))
      runner = await run({
        ...shared(),
        events,
        pgPool: runnerPool.pool,
        concurrency: opts.concurrency,
        pollInterval: opts.pollIntervalMs ?? 2_000,
        parsedCronItems: parseCronItems(cronItems)
      })
      // Its promise rejects when the runner dies (e.g. the database went away during a shutdown):
      // logged, never an unhandled rejection that would turn a clean exit into a crash.
      runner.promise.catch(err => app.log.warn({ err }, 'background jobs stopped after an error'))
      app.log.info({ concurrency: opts.concurrency }, 'background jobs started')
      for (const work of startWork) await work()
    },
    async stop () {
      const stopping = runner
      const pool = runnerPool
      const alive = liveness
      runner = undefined
      runnerPool = undefined
      liveness = undefined
      // Jobs in flight end first (their abort signal fires, and each ends between two batches).
      await stopping?.stop().catch(err => app.log.warn({ err }, 'background jobs did not stop cleanly'))
      await pool?.end()
      await alive?.close()
    }
  }
  app.decorate('jobs', jobs)

  // What a killed process left locked is taken back within about a minute and a half.
  jobs.define(UNLOCK_DEAD_WORKERS_JOB, async (_payload, helpers) => {
    const dead = await helpers.withPgClient(client => unlockDeadWorkers(client))
    if (dead.length > 0) app.log.warn({ workers: dead }, 'background jobs: unlocked the jobs of workers that died')
  })
  jobs.cron({ task: UNLOCK_DEAD_WORKERS_JOB, match: '* * * * *', options: { jobKey: UNLOCK_DEAD_WORKERS_JOB, backfillPeriod: 0 } })

  if (opts.mode === 'inline') {
    if (opts.startOn === 'listen') app.addHook('onListen', jobs.start)
    else app.addHook('onReady', jobs.start)
  }
  app.addHook('onClose', async () => {
    await jobs.stop()
    await queue.close()
  })
}, { name: 'jobs' })
