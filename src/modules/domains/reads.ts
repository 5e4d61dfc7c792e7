// Upstream reads of domains for one request, batched and de-duplicated with DataLoader: a page of
// 50 domains is one X-Ovh-Batch call, and no resolver reads the same object twice per request.
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import type { OvhDomain, ServiceInfos } from './schemas.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'

export function domainReads (caller: Caller) {
  return caller.memo('domains', () => {
    let names: Promise<string[]> | undefined
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
      serviceInfos: new DataLoader<string, ServiceInfos | null>(singleReadLoader<ServiceInfos>(caller, '/domain/{serviceName}/serviceInfos', 'serviceName'))
    }
  })
}
