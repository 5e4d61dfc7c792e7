// Upstream call budget per consumer key: at most `limit` OVH calls in any sliding window (OVH's
// fair use is about 60 calls a minute per consumer key, docs/OVH-API.md 3). A sliding log, not a
// token bucket: a bucket lets a full burst follow a full refill, twice the limit in one window.
// This one lives in the process; with REDIS_URL, instances share the same log in Redis
// (redis-rate-budget.ts), and fall back to this one while Redis cannot be reached.
import { gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'

/** A request that could never fit: more calls at once than the whole budget. */
export function beyondBudget (count: number, limit: number, windowMs: number): GatewayError {
  return gatewayError('BAD_USER_INPUT', `this request needs ${count} OVH calls, more than the ${limit} a consumer key may make in ${windowMs / 1000} s: ask for less at once`, {
    fields: [{ field: 'request', message: `needs ${count} upstream calls; the budget is ${limit} per ${windowMs / 1000} s` }]
  })
}

/** The budget is spent until a call leaves the window, `waitMs` from now. */
export function budgetSpent (limit: number, windowMs: number, waitMs: number): GatewayError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000))
  return gatewayError('RATE_LIMITED', `the OVH call budget of your consumer key (${limit} calls per ${windowMs / 1000} s) is spent: retry in ${retryAfter} s`, {
    retryAfter, limit, windowSeconds: windowMs / 1000, reason: 'budget'
  })
}

export interface RateBudgetOptions {
  // Calls allowed per window; 0 turns the budget off.
  limit: number
  windowMs?: number
  now?: () => number
}

export interface RateBudget {
  readonly limit: number
  readonly windowMs: number
  // Spends `count` calls now, or throws RATE_LIMITED (with retryAfter seconds) and spends nothing;
  // answers the time the calls are logged at.
  take (key: string, count?: number): number
  // Gives back up to `count` of the calls taken at `at` that were not made (what a reservation
  // did not use), as if they had never been taken.
  release (key: string, count: number, at: number): void
  // Calls still allowed right now.
  remaining (key: string): number
}

// Idle keys are forgotten once the map grows past this, so memory stays flat.
const SWEEP_ABOVE = 10_000

export function createRateBudget (options: RateBudgetOptions): RateBudget {
  const limit = options.limit
  const windowMs = options.windowMs ?? 60_000
  const now = options.now ?? Date.now
  // Per key, the times of the calls still in the window are times[start..]: pruning advances
  // `start` and the array is compacted only when half of it is dead, so a call costs O(1) amortised
  // (copying the window on every call would cost O(limit) each).
  const logs = new Map<string, { times: number[], start: number }>()

  function recent (key: string, at: number): { times: number[], start: number } | undefined {
    const log = logs.get(key)
    if (!log) return undefined
    while (log.start < log.times.length && log.times[log.start] <= at - windowMs) log.start++
    if (log.start === log.times.length) {
      logs.delete(key)
      return undefined
    }
    if (log.start > log.times.length / 2) {
      log.times = log.times.slice(log.start)
      log.start = 0
    }
    return log
  }

  const sizeOf = (log: { times: number[], start: number } | undefined): number => log ? log.times.length - log.start : 0

  function sweep (at: number): void {
    if (logs.size <= SWEEP_ABOVE) return
    for (const key of [...logs.keys()]) recent(key, at)
  }

  return {
    limit,
    windowMs,
    take (key, count = 1) {
      if (limit <= 0 || count <= 0) return now()
      if (count > limit) throw beyondBudget(count, limit, windowMs)
      const at = now()
      sweep(at)
      const log = recent(key, at)
      const used = sizeOf(log)
      if (used + count > limit) {
        // The call that must leave the window before `count` more fit.
        const freeingAt = log!.times[log!.start + used + count - limit - 1] + windowMs
        throw budgetSpent(limit, windowMs, freeingAt - at)
      }
      const entry = log ?? { times: [], start: 0 }
      for (let i = 0; i < count; i++) entry.times.push(at)
      logs.set(key, entry)
      return at
    },
    release (key, count, at) {
      if (limit <= 0 || count <= 0) return
      const log = recent(key, now())
      if (!log) return
      // The log is in time order: the entries of `at` are found from the end, past later calls.
      let left = count
      for (let i = log.times.length - 1; i >= log.start && left > 0 && log.times[i] >= at; i--) {
        if (log.times[i] === at) {
          log.times.splice(i, 1)
          left--
        }
      }
      if (sizeOf(log) === 0) logs.delete(key)
    },
    remaining (key) {
      if (limit <= 0) return Infinity
      return Math.max(0, limit - sizeOf(recent(key, now())))
    }
  }
}
