// How early reconciliation reads a domain again. A domain read only once its copy is older than
// MIRROR_DETAIL_MAX_AGE waits, past that age, for every domain due before it: at 10,000 domains the
// whole portfolio comes due within the time of one pass (it was read in one), and a change made
// outside the gateway took 151 s to appear against a max age of 120 s. So a domain is due one full
// pass before the max age: read oldest first, each is read again by the max age as long as a full
// pass fits in it. A pass's time is the larger of its calls at the sync's share of the budget (OVH's
// fair use: 10,000 domains are 201 calls, 3.7 min at 54 calls a minute) and the pace this process
// has measured (a loaded machine may be slower than the budget). Past that, the bound is the pass.
import { MAX_BATCH_CHUNK } from '../ovh/index.js'

const MINUTE = 60_000
// Calls the other jobs of an account make besides detail reads: the list every
// MIRROR_LIST_INTERVAL, and about three (tasks, orders, contact changes) every
// MIRROR_ACTIVITY_INTERVAL. Counted out of the budget a pass can use.
const ACTIVITY_CALLS = 3
// Job scheduling between runs, the services read after the details: the measured pace is the
// time between two batch reads of one run, which leaves those out.
const MEASURED_MARGIN = 1.25
// A due domain waits for the next run: the job engine's polling and the run's start.
const SCHEDULING_SLACK_MS = 5_000

export interface PaceSettings {
  // The calls a minute the sync may make with its key (its share of the budget); Infinity: no budget.
  callsPerMinute: number
  listIntervalMs: number
  activityIntervalMs: number
}

/** OVH calls of one full pass over the details of `domains` domains (batch reads of 50). */
export function detailPassCalls (domains: number): number {
  return Math.ceil(domains / MAX_BATCH_CHUNK)
}

/** A full detail pass's time at the sync's share of the budget, after the other jobs' calls. */
export function budgetPassMs (domains: number, pace: PaceSettings): number {
  if (!Number.isFinite(pace.callsPerMinute)) return 0
  const others = MINUTE / pace.listIntervalMs + ACTIVITY_CALLS * MINUTE / pace.activityIntervalMs
  const forDetails = Math.max(1, pace.callsPerMinute - others)
  return detailPassCalls(domains) / forDetails * MINUTE
}

// Per account, the moving average of the time from one batch read of details to the next, in
// this process (each process that runs an account's jobs measures its own).
const batchPace = new Map<string, number>()

export function recordBatchPace (accountId: string, ms: number): void {
  const previous = batchPace.get(accountId)
  batchPace.set(accountId, previous === undefined ? ms : 0.8 * previous + 0.2 * ms)
}

/** A full detail pass's time: the budget's, or the measured pace's when that is slower. */
export function passMs (accountId: string, domains: number, pace: PaceSettings): number {
  const measured = (batchPace.get(accountId) ?? 0) * detailPassCalls(domains) * MEASURED_MARGIN
  return Math.max(budgetPassMs(domains, pace), measured)
}

/** The age at which a domain is read again: one pass (and a run's start) before the max age. */
export function refreshAgeMs (maxAgeMs: number, pass: number): number {
  return Math.max(0, maxAgeMs - pass - SCHEDULING_SLACK_MS)
}

/** The documented bound on a change made outside the gateway: the max age, or a pass if longer. */
export function outsideChangeBoundMs (maxAgeMs: number, pass: number): number {
  return Math.max(maxAgeMs, pass)
}
