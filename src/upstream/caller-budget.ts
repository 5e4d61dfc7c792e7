// What one caller spends of their consumer key's OVH call budget (request-budget.ts): reservations
// taken before a request or a fan-out starts, single calls made outside the OVH client, and what is
// given back once the request is answered. One of the collaborators a Caller holds (caller.ts).
import type { OvhClient } from '../ovh/index.js'
import { withBudget } from './budgeted-client.js'
import type { UpstreamClient } from './upstream-client.js'

export interface CallerBudget {
  /**
   * Spends `count` calls of the consumer key's budget at once, before a fan-out starts, so a
   * request either fits whole or is refused with RATE_LIMITED before any call; the next `count`
   * calls of this request are then already paid for.
   */
  reserve (count: number): Promise<void>
  /**
   * Spends one call for an HTTP attempt to OVH that the OVH client does not make itself (a file
   * behind one of OVH's links), or throws RATE_LIMITED; from what the request reserved first.
   */
  spend (): Promise<void>
  /**
   * Runs one fan-out whose cost is known up front (`count` calls: a loader's single reads) with a
   * client whose attempts spend a reservation of its own, taken at once before the first call: the
   * fan-out runs whole or is refused having made no call (RATE_LIMITED, or BAD_USER_INPUT when it
   * needs more than the whole budget). Its retries spend the budget as they come, never that
   * reservation; what it did not use goes back when it ends. Batch reads (`getBatch`) reserve their
   * chunks this way by themselves.
   */
  fanOut<T> (count: number, run: (client: OvhClient) => Promise<T>): Promise<T>
  /**
   * Gives back the reserved calls this request has not made: a reservation never outlives its
   * request (an order refused by its checks makes a few of the calls reserved for the whole order).
   */
  release (): Promise<void>
}

// `guard` wraps the fan-out's client as the upstream client wraps its own (customers' guard).
export function createCallerBudget (upstream: UpstreamClient, guard: (client: OvhClient) => OvhClient): CallerBudget {
  return {
    async reserve (count) {
      await (await upstream.spending()).budget.reserve(count)
    },
    async spend () {
      await (await upstream.spending()).budget.spend(true)
    },
    async fanOut (count, run) {
      const { budget, clientFor } = await upstream.spending()
      const lease = await budget.lease(count)
      try {
        return await run(guard(withBudget(clientFor, budget, lease.spend)))
      } finally {
        await lease.end()
      }
    },
    async release () {
      // Nothing was reserved by a request whose client was never resolved.
      await upstream.spendingIfResolved()?.budget.release()
    }
  }
}
