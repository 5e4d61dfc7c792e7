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
  // `lane`: a lane of its own, run by its own workers (JobsPluginOptions.lanes); default: the main one.
  define (identifier: string, task: Task, options?: { lane?: string }): void
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
  // Lanes beside the main one, each with its own workers (graphile-worker runners, each taking only
  // its lane's tasks), and how many jobs each runs at once: work that waits on others (webhook
  // receivers) never takes the main lane's workers.
  lanes?: Record<string, number>
  startOn: 'ready' | 'listen'
  // How often an idle runner looks for jobs scheduled for later (ms); new jobs wake it at once.
  pollIntervalMs?: number
}

const MAIN_LANE = 'main'

interface LaneRunner { runner: Runner, pool: JobPool }

export default fp<JobsPluginOptions>(async function jobsPlugin (app, opts) {
  // Every task, for runDue; and each lane's own, for its runner.
  const taskList: TaskList = {}
  const laneTasks = new Map<string, TaskList>([[MAIN_LANE, {}]])
  const concurrency = new Map<string, number>([[MAIN_LANE, opts.concurrency], ...Object.entries(opts.lanes ?? {})])
  const cronItems: CronItem[] = []
  const queue = createJobQueue({ connectionString: opts.connectionString, log: app.log })
  const logger = workerLogger(app.log)
  let runners: LaneRunner[] | undefined
  let liveness: WorkerLiveness | undefined
  const startWork: Array<() => Promise<void>> = []

  async function startLane (lane: string, tasks: TaskList, events: WorkerEvents): Promise<LaneRunner> {
    const workers = concurrency.get(lane)!
    const pool = createJobPool(opts.connectionString, workers + 2, app.log, lane === MAIN_LANE ? 'runner' : `runner ${lane}`)
    const runner = await run({
      logger,
      taskList: tasks,
      // The gateway handles its own signals (close-with-grace) and stops the runner from onClose.
      noHandleSignals: true,
      // Jobs are rescheduled with Node's clock (the sync's budget window is measured with it).
      useNodeTime: true,
      events,
      pgPool: pool.pool,
      concurrency: workers,
      pollInterval: opts.pollIntervalMs ?? 2_000,
      // Cron lines name tasks of the main lane: only its runner schedules them.
      ...(lane === MAIN_LANE ? { parsedCronItems: parseCronItems(cronItems) } : {})
    })
    // Its promise rejects when the runner dies (e.g. the database went away during a shutdown):
    // logged, never an unhandled rejection that would turn a clean exit into a crash.
    runner.promise.catch(err => app.log.warn({ err, lane }, 'background jobs stopped after an error'))
    return { runner, pool }
  }

  const jobs: Jobs = {
    queue,
    runsWorkers: opts.mode === 'inline',
    define (identifier, task, options = {}) {
      if (runners) throw new Error(`job ${identifier} defined after the runner started`)
      const lane = options.lane ?? MAIN_LANE
      if (!concurrency.has(lane)) throw new Error(`job ${identifier}: no lane ${lane}`)
      if (!laneTasks.has(lane)) laneTasks.set(lane, {})
      laneTasks.get(lane)![identifier] = task
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
      if (runners) return
      const workerLiveness = liveness = createWorkerLiveness(opts.connectionString, app.log)
      const events: WorkerEvents = new EventEmitter()
      // graphile-worker 0.17 locks jobs with its worker pool's id (not each worker's).
      events.on('pool:create', ({ workerPool }) => workerLiveness.register(workerPool.id))
      runners = []
      for (const [lane, tasks] of laneTasks) runners.push(await startLane(lane, tasks, events))
      app.log.info({ concurrency: Object.fromEntries([...laneTasks.keys()].map(lane => [lane, concurrency.get(lane)])) }, 'background jobs started')
      for (const work of startWork) await work()
    },
    async stop () {
      const stopping = runners ?? []
      const alive = liveness
      runners = undefined
      liveness = undefined
      // Jobs in flight end first (their abort signal fires, and each ends between two batches).
      await Promise.all(stopping.map(async ({ runner, pool }) => {
        await runner.stop().catch(err => app.log.warn({ err }, 'background jobs did not stop cleanly'))
        await pool.end()
      }))
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
