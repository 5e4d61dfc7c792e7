// The sync's OVH client: signed with the tenant's sync key, and spending at most its share
// (MIRROR_SYNC_BUDGET_SHARE) of that key's budget. Each attempt is counted against the key's
// budget before it is made, as every OVH call of the gateway is; past the share the attempt is
// not made and the sync reschedules itself (SyncBudgetSpent) instead of meeting RATE_LIMITED.
import type { OvhClient } from '../ovh/index.js'
import type { OvhRegistry } from '../upstream/registry.js'
import type { OvhApplication } from '../tenancy/tenants.js'
import type { OvhLogger } from '../ovh/index.js'

export class SyncBudgetSpent extends Error {
  readonly retryAfterMs: number
  constructor (retryAfterMs: number) {
    super('the sync key\'s share of its OVH call budget is spent')
    this.name = 'SyncBudgetSpent'
    this.retryAfterMs = retryAfterMs
  }
}

// A spent share is looked at again this often (no OVH call: the budget is in memory or Redis).
const RECHECK_MS = 5_000

export interface SyncClient {
  client: OvhClient
  // Attempts made through this client so far.
  calls (): number
}

export interface SyncClientOptions {
  registry: OvhRegistry
  application: OvhApplication
  key: { id: string, consumerKey: string }
  share: number
  // Attempts this client may make at most (one sync run's bound), on top of the share.
  maxCalls?: number
  log?: OvhLogger
}

/** The calls of a budget of `limit` the sync may spend: at least one, so a small budget still moves. */
export function syncAllowance (limit: number, share: number): number {
  return limit === 0 ? Infinity : Math.max(1, Math.floor(limit * share))
}

export function createSyncClient (options: SyncClientOptions): SyncClient {
  const { budget } = options.registry
  const allowance = syncAllowance(budget.limit, options.share)
  const maxCalls = options.maxCalls ?? Infinity
  const recheck = Math.min(budget.windowMs, RECHECK_MS)
  let calls = 0
  const client = options.registry.userClient(options.application, options.key, {
    log: options.log,
    async beforeAttempt () {
      if (calls >= maxCalls) throw new SyncBudgetSpent(0)
      if (budget.limit > 0) {
        const used = budget.limit - await budget.remaining(options.key.id)
        if (used >= allowance) throw new SyncBudgetSpent(recheck)
        try {
          await budget.take(options.key.id, 1)
        } catch {
          // Spent by another holder of the key meanwhile (RATE_LIMITED): the same as a spent share.
          throw new SyncBudgetSpent(recheck)
        }
      }
      calls++
    }
  })
  return { client, calls: () => calls }
}
