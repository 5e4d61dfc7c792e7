// The mirror's sync as job definitions over its dependencies (no Fastify): the gateway's plugin,
// `npm run worker` and the CLI's `sync run` build it the same way.
//   mirror:discover      (cron, every minute, and at start) an account per validated sync key,
//                        and its two jobs if it has none
//   mirror:sync-account  domains: first sync, then reconciliation; reschedules itself
//   mirror:sync-activity tasks and orders; reschedules itself
//   mirror:refresh       refresh requests (refresh-requests.ts)
import type { CronItem, Task, TaskList } from 'graphile-worker'
import type { MirrorDeps } from './deps.js'
import { discoverAccounts } from './sync-keys.js'
import { runWithAccount } from './run.js'
import type { RunOptions, RunOutcome } from './run.js'
import { syncAccountDomains } from './account-sync.js'
import { syncAccountActivity } from './activity-sync.js'
import { activityJob, DISCOVER_JOB, domainsJob, JOB } from './job-names.js'
import { createRefreshRequests, refreshTask } from './refresh-requests.js'
import type { MirrorRefresh } from './refresh.js'
import { mirrorStatus } from './status.js'

// An idle account is looked at this often (no OVH call unless something is due).
const IDLE_RECHECK_MS = 60_000

export interface MirrorSync {
  tasks: TaskList
  cron: CronItem[]
  refresh: MirrorRefresh
  /** Queues a discovery now (a sync key was just validated, the runner started). */
  discover (): Promise<void>
  /** Runs one domains run of an account at once (CLI, tests): what graphile's job would run. */
  runDomains (accountId: string, options?: RunOptions): Promise<RunOutcome | null>
  runActivity (accountId: string, options?: RunOptions): Promise<RunOutcome | null>
  status: (filter?: { tenantId?: string, accountId?: string }) => ReturnType<typeof mirrorStatus>
}

export function createMirrorSync (deps: MirrorDeps): MirrorSync {
  const now = deps.now ?? (() => new Date())
  // A run that is done may name when something next falls due (sooner than the cadence, never later).
  const cadence = (outcome: RunOutcome, everyMs: number): Date => {
    const every = new Date(now().getTime() + everyMs)
    if (outcome.retryAt === null) return every
    return outcome.result === 'done' && outcome.retryAt > every ? every : outcome.retryAt
  }

  const runDomains = (accountId: string, options: RunOptions = {}) => runWithAccount(deps, accountId, options, syncAccountDomains)
  const runActivity = (accountId: string, options: RunOptions = {}) => runWithAccount(deps, accountId, options, syncAccountActivity)

  const discover: Task = async () => {
    for (const account of await discoverAccounts(deps)) {
      // Only when the account has no such job (waiting or running): never pulls one forward.
      await deps.queue.addJob(JOB.domains, { accountId: account.id }, domainsJob(account.id, undefined, 'unsafe_dedupe'))
      await deps.queue.addJob(JOB.activity, { accountId: account.id }, activityJob(account.id, undefined, 'unsafe_dedupe'))
    }
  }

  const domains: Task = async (payload, helpers) => {
    const { accountId } = payload as { accountId: string }
    const outcome = await runDomains(accountId, { signal: helpers.abortSignal })
    // The running job keeps its key until it ends: this adds the next run as a new job.
    if (outcome) await deps.queue.addJob(JOB.domains, { accountId }, domainsJob(accountId, cadence(outcome, Math.min(IDLE_RECHECK_MS, deps.config.listIntervalMs))))
  }

  const activity: Task = async (payload, helpers) => {
    const { accountId } = payload as { accountId: string }
    const outcome = await runActivity(accountId, { signal: helpers.abortSignal })
    if (outcome) await deps.queue.addJob(JOB.activity, { accountId }, activityJob(accountId, cadence(outcome, deps.config.activityIntervalMs)))
  }

  return {
    tasks: { [JOB.discover]: discover, [JOB.domains]: domains, [JOB.activity]: activity, [JOB.refresh]: refreshTask(deps) },
    cron: [{ task: JOB.discover, match: '* * * * *', identifier: JOB.discover, options: { backfillPeriod: 0, maxAttempts: 1 } }],
    refresh: createRefreshRequests(deps),
    async discover () {
      await deps.queue.addJob(JOB.discover, {}, DISCOVER_JOB)
    },
    runDomains,
    runActivity,
    status: filter => mirrorStatus(deps.db, filter, now())
  }
}
