// Per-request reads of a domain's name servers, glue records and DS keys: the id lists once per
// domain, the objects in one batch read per domain.
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import { createLimiter } from '../../ovh/concurrency.js'
import { batchLoader } from '../shared/loaders.js'
import type { DsKey, FullNameServer, GlueRecord, NameServerStatus } from './registry-schemas.js'

const STATUS_CONCURRENCY = 4

export function registryReads (caller: Caller) {
  return caller.memo('dns-registry', () => {
    const perDomain = new Map<string, {
      nameServer: DataLoader<string, FullNameServer | null>
      glue: DataLoader<string, GlueRecord | null>
      ds: DataLoader<string, DsKey | null>
    }>()
    const of = (domain: string) => {
      let loaders = perDomain.get(domain)
      if (loaders === undefined) {
        const params = { serviceName: domain }
        loaders = {
          nameServer: new DataLoader(batchLoader<FullNameServer>(caller, '/domain/{serviceName}/nameServer/{id}', params)),
          glue: new DataLoader(batchLoader<GlueRecord>(caller, '/domain/{serviceName}/glueRecord/{host}', params)),
          ds: new DataLoader(batchLoader<DsKey>(caller, '/domain/{serviceName}/dsRecord/{id}', params))
        }
        perDomain.set(domain, loaders)
      }
      return loaders
    }
    const lists = new Map<string, Promise<unknown>>()
    const list = <T>(route: string, domain: string, query: Record<string, string | number> = {}): Promise<T> => {
      const key = JSON.stringify([route, domain, query])
      let found = lists.get(key) as Promise<T> | undefined
      if (found === undefined) {
        found = caller.ovh().then(client => client.get<T>(route, { params: { serviceName: domain }, query }))
        lists.set(key, found)
      }
      return found
    }
    return {
      nameServerIds: (domain: string) => list<number[]>('/domain/{serviceName}/nameServer', domain),
      nameServer: (domain: string) => of(domain).nameServer,
      // Keyed by JSON [domain, id]: OVH has no batch read for statuses (the id is not the last segment).
      // One call per key, reserved together before the first (caller.fanOut).
      nameServerStatus: new DataLoader<string, NameServerStatus | null>(keys => caller.fanOut(keys.length, async client => {
        const limit = createLimiter(STATUS_CONCURRENCY)
        return await Promise.all(keys.map(key => limit(async () => {
          const [serviceName, id] = JSON.parse(key) as [string, string]
          return client.get<NameServerStatus>('/domain/{serviceName}/nameServer/{id}/status', { params: { serviceName, id } })
            .catch((err: unknown) => ((err as { status?: number }).status === 404 ? null : err as Error))
        })))
      })),
      glueHosts: (domain: string) => list<string[]>('/domain/{serviceName}/glueRecord', domain),
      glue: (domain: string) => of(domain).glue,
      dsIds: (domain: string, query: Record<string, string | number>) => list<number[]>('/domain/{serviceName}/dsRecord', domain, query),
      ds: (domain: string) => of(domain).ds,
      forget (domain: string): void {
        perDomain.delete(domain)
        for (const key of [...lists.keys()]) if (JSON.parse(key)[1] === domain) lists.delete(key)
        this.nameServerStatus.clearAll()
      }
    }
  })
}
