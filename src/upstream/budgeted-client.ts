// An OVH client that spends the consumer key's call budget before each HTTP attempt (first
// attempts, retries, the repeat after a clock resync), through the client's beforeAttempt hook.
// A batch read reserves its chunks at once before the first (refused whole, having made no call,
// when they do not fit); the single reads it falls back to and its retries spend as they come.
import type { OvhClient } from '../ovh/index.js'
import type { RequestBudget } from './request-budget.js'

// A view of the user's client whose attempts call `spend` (views are cheap: registry.ts).
export type ClientWithSpend = (spend: () => Promise<void>) => OvhClient

export function withBudget (clientFor: ClientWithSpend, budget: Pick<RequestBudget, 'lease'>, spend: () => Promise<void>): OvhClient {
  const client = clientFor(spend)
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
        return await clientFor(lease.spend).getBatch(route, ids, opts)
      } finally {
        await lease.end()
      }
    }
  }
}
