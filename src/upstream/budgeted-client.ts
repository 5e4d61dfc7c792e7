// An OVH client that spends the consumer key's call budget before each HTTP attempt (first
// attempts, retries, the repeat after a clock resync), through the client's beforeAttempt hook.
// A batch read reserves its chunks at once before the first (refused whole, having made no call,
// when they do not fit); the single reads it falls back to and its retries spend as they come.
import type { OvhAttempt, OvhClient } from '../ovh/index.js'
import type { RequestBudget } from './request-budget.js'

// Spends one call for an attempt: a planned one (a call's first) may use a reservation.
export type Spend = (planned: boolean) => Promise<void>

// A view of the user's client whose attempts spend with `spend` (views are cheap: registry.ts).
export type ClientWithSpend = (spend: (attempt: OvhAttempt) => Promise<void>) => OvhClient

const byAttempt = (spend: Spend) => async (attempt: OvhAttempt): Promise<void> => { await spend(attempt.reason === 'first') }

export function withBudget (clientFor: ClientWithSpend, budget: Pick<RequestBudget, 'lease'>, spend: Spend): OvhClient {
  const client = clientFor(byAttempt(spend))
  return {
    request: client.request,
    get: client.get,
    post: client.post,
    put: client.put,
    delete: client.delete,
    batchCalls: client.batchCalls,
    async getBatch (route, ids, opts) {
      const lease = await budget.lease(client.batchCalls(route, ids))
      try {
        return await clientFor(byAttempt(lease.spend)).getBatch(route, ids, opts)
      } finally {
        await lease.end()
      }
    }
  }
}
