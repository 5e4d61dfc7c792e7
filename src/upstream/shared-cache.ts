// Process-wide cache of OVH reference data that is the same for every caller (extensions, registry
// configurations, the public catalogue): read once per endpoint and subsidiary, kept for a while.
// Concurrent readers of a missing entry share one upstream call; a failed load is not kept.

export interface SharedCache {
  get<T> (key: string, ttlMs: number, load: () => Promise<T>): Promise<T>
  // Whether `key` holds a fresh value (to know an upstream call's cost before making it).
  has (key: string): boolean
  clear (): void
}

interface Entry { at: number, ttlMs: number, value: Promise<unknown> }

export function createSharedCache (now: () => number = Date.now, maxEntries = 1_000): SharedCache {
  const entries = new Map<string, Entry>()
  const fresh = (entry: Entry | undefined): entry is Entry => entry !== undefined && now() - entry.at < entry.ttlMs

  return {
    get<T> (key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
      const entry = entries.get(key)
      if (fresh(entry)) return entry.value as Promise<T>
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string)
      const value = load()
      entries.set(key, { at: now(), ttlMs, value })
      value.catch(() => { if (entries.get(key)?.value === value) entries.delete(key) })
      return value
    },
    has (key) {
      return fresh(entries.get(key))
    },
    clear () {
      entries.clear()
    }
  }
}
