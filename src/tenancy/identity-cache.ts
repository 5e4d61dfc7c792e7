// The in-process cache behind API-key and consumer-key lookups (bounded LRU with a TTL).
// Lookups go through lru-cache's fetch(): when an entry expires under load, the requests that miss
// at the same moment share one database read instead of each sending its own (a stampede of
// identical queries on a 10-connection pool, every TTL).
import { LRUCache } from 'lru-cache'

/**
 * `load` resolves undefined for "nothing there", which is not cached. A delete() (an invalidation)
 * while a read is in flight neither fails the requests waiting on it nor lets its older answer
 * into the cache (ignoreFetchAbort only lets the waiting requests have it).
 */
export function identityCache<V extends object> (ttlMs: number, load: (key: string) => Promise<V | undefined>): LRUCache<string, V> {
  return new LRUCache<string, V>({
    max: 10_000,
    ttl: ttlMs,
    ignoreFetchAbort: true,
    fetchMethod: async key => await load(key)
  })
}
