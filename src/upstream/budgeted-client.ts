// An OVH client that spends the consumer key's call budget before each call (a batch read costs
// one call per chunk of ids). Retries inside the client are not counted: they are rare, and OVH
// answered the first attempt anyway. A spent budget rejects the call before it is made.
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import type { OvhClient } from '../ovh/index.js'

export function withBudget (client: OvhClient, spend: (count: number) => Promise<void>): OvhClient {
  return {
    async request (method, route, opts) {
      await spend(1)
      return await client.request(method, route, opts)
    },
    async get (route, opts) {
      await spend(1)
      return await client.get(route, opts)
    },
    async post (route, opts) {
      await spend(1)
      return await client.post(route, opts)
    },
    async put (route, opts) {
      await spend(1)
      return await client.put(route, opts)
    },
    async delete (route, opts) {
      await spend(1)
      return await client.delete(route, opts)
    },
    async getBatch (route, ids, opts) {
      await spend(Math.max(1, Math.ceil(ids.length / MAX_BATCH_CHUNK)))
      return await client.getBatch(route, ids, opts)
    }
  }
}
