// DataLoader batch functions over the caller's OVH client: X-Ovh-Batch reads where OVH offers
// them, bounded parallel single reads where it does not. Either reserves its calls from the
// consumer key's budget before the first (a batch read its chunks, single reads one per key): it
// runs whole or is refused having made no call. A 404 becomes null (no such object); any other
// failure is that key's error.
import type { Caller } from '../../upstream/caller.js'
import { OvhApiError } from '../../ovh/index.js'
import { createLimiter } from '../../ovh/concurrency.js'

// Parallel single reads per request; OVH's fair use is about 60 calls a minute per consumer key.
const SINGLE_READ_CONCURRENCY = 8

function orNull (err: unknown): null | Error {
  if (err instanceof OvhApiError && err.status === 404) return null
  return err instanceof Error ? err : new Error(String(err))
}

/** Reads `route` for many ids at once; its last placeholder receives the ids, `params` the others. */
export function batchLoader<T> (caller: Caller, route: string, params?: Record<string, string | number>) {
  return async (keys: readonly string[]): Promise<Array<T | null | Error>> => {
    const client = await caller.ovh()
    const results = await client.getBatch<T>(route, keys, params === undefined ? undefined : { params })
    return keys.map(key => {
      const item = results.get(key)
      if (!item) return new Error(`OVH gave no answer for ${key}`)
      return item.ok ? item.value : orNull(item.error)
    })
  }
}

/** Reads `route` once per id, in parallel (bounded); `param` is the placeholder receiving the id. */
export function singleReadLoader<T> (caller: Caller, route: string, param: string, params?: Record<string, string | number>) {
  return async (keys: readonly string[]): Promise<Array<T | null | Error>> => await caller.fanOut(keys.length, async client => {
    const limit = createLimiter(SINGLE_READ_CONCURRENCY)
    return await Promise.all(keys.map(key => limit(() => client.get<T>(route, { params: { ...params, [param]: key } }).catch(orNull))))
  })
}
