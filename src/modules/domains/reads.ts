// Upstream reads of domains for one request, batched and de-duplicated with DataLoader: a page of
// 50 domains is one X-Ovh-Batch call, and no resolver reads the same object twice per request.
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import type { DomainOption, OvhDomain, ServiceInfos, ServiceOptions } from './schemas.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'

export function domainReads (caller: Caller) {
  return caller.memo('domains', () => {
    let names: Promise<string[]> | undefined
    const options = new Map<string, DataLoader<string, DomainOption | null>>()
    return {
      /** Every domain name of the account (OVH GET /domain), sorted. */
      names (): Promise<string[]> {
        names ??= caller.ovh()
          .then(client => client.request<string[]>('GET', '/domain'))
          .then(list => [...list].sort())
        return names
      },
      domain: new DataLoader<string, OvhDomain | null>(batchLoader<OvhDomain>(caller, '/domain/{serviceName}')),
      // OVH batches ids only in a route's last segment, so serviceInfos are read one by one
      // (in parallel, bounded).
      serviceInfos: new DataLoader<string, ServiceInfos | null>(singleReadLoader<ServiceInfos>(caller, '/domain/{serviceName}/serviceInfos', 'serviceName')),
      optionNames: new DataLoader<string, string[] | null>(singleReadLoader<string[]>(caller, '/domain/{serviceName}/option', 'serviceName')),
      serviceOptions: new DataLoader<string, ServiceOptions | null>(singleReadLoader<ServiceOptions>(caller, '/domain/{serviceName}/options', 'serviceName')),
      /** The options of one domain, read together in one batch read. */
      option (domain: string): DataLoader<string, DomainOption | null> {
        let loader = options.get(domain)
        if (loader === undefined) {
          loader = new DataLoader(batchLoader<DomainOption>(caller, '/domain/{serviceName}/option/{option}', { serviceName: domain }))
          options.set(domain, loader)
        }
        return loader
      },
      forget (domain: string): void {
        for (const loader of [this.domain, this.serviceInfos, this.optionNames, this.serviceOptions]) loader.clear(domain)
        options.delete(domain)
      }
    }
  })
}
