// The consumer keys' OVH call budget as callers spend it (caller.ts): in this process
// (rate-budget.ts), or, with REDIS_URL, shared by every gateway instance (redis-rate-budget.ts), so
// that N instances behind a balancer still make at most `limit` calls per key and window, not N
// times that. Spending is asynchronous for the shared one; the local one answers at once.
import { createRateBudget } from './rate-budget.js'
import type { RateBudget } from './rate-budget.js'

export interface UpstreamBudget {
  readonly limit: number
  readonly windowMs: number
  // Where the budget is kept right now: 'redis' once connected, 'process' otherwise.
  readonly store: () => 'process' | 'redis'
  // Spends `count` calls, or throws RATE_LIMITED and spends nothing; answers a receipt that
  // `release` takes to give back what a reservation did not use.
  take (key: string, count: number): Promise<string>
  release (key: string, count: number, receipt: string): Promise<void>
  remaining (key: string): Promise<number>
  close (): Promise<void>
}

const LOCAL = 'process:'

/** The process's own budget behind the asynchronous interface; receipts carry the time taken. */
export function processBudget (budget: RateBudget): Pick<UpstreamBudget, 'take' | 'release' | 'remaining'> {
  return {
    async take (key, count) {
      return LOCAL + String(budget.take(key, count))
    },
    async release (key, count, receipt) {
      if (receipt.startsWith(LOCAL)) budget.release(key, count, Number(receipt.slice(LOCAL.length)))
    },
    async remaining (key) {
      return budget.remaining(key)
    }
  }
}

export function createProcessBudget (limit: number): UpstreamBudget {
  const budget = createRateBudget({ limit })
  return {
    limit,
    windowMs: budget.windowMs,
    store: () => 'process',
    ...processBudget(budget),
    async close () {}
  }
}
