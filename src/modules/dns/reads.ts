// Upstream reads of DNS zones for one request, batched and de-duplicated with DataLoader: zones and
// records and zone tasks are X-Ovh-Batch reads; lists (record ids, task ids) are one call per zone
// and filter, never repeated in a request; the account-wide zone task list (/me/task/dns) one call
// per filter. OVH batches only a route's last segment, so the record
// list of each zone is its own call: that is what `recordCount` costs (docs/dns.md).
import DataLoader from 'dataloader'
import { createLimiter } from '../../ovh/concurrency.js'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { OvhAccountZoneTask, OvhRecord, OvhZone, OvhZoneTask, RecordType, Soa, ZoneDnssec, ZoneStatus } from './schemas.js'

export interface RecordFilter {
  fieldType?: RecordType | null
  // '' selects the apex records; undefined/null does not filter.
  subDomain?: string | null
}

export interface ZoneTaskFilter {
  function?: string | null
  status?: string | null
}

// The filters of GET /me/task/dns: those of a zone's list, and the zone.
export interface AccountZoneTaskFilter extends ZoneTaskFilter {
  zone?: string | null
}

// OVH's query: the filters given, none of the empty ones.
function queryOf (filter: object): Record<string, string> {
  return Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)) as Record<string, string>
}

// Lists of one zone in flight at once per request (a page of 50 domains asks for 50 record lists).
const LIST_CONCURRENCY = 8

// Lists keyed by zone and filter, read once each per request, their calls reserved together
// (caller.fanOut); a 404 (no such zone) is null.
function listLoader<F extends object> (caller: Caller, route: string) {
  const limit = createLimiter(LIST_CONCURRENCY)
  return new DataLoader<string, number[] | null>(keys => caller.fanOut(keys.length, client => Promise.all(keys.map(key => limit(async () => {
    const { zone, filter } = JSON.parse(key) as { zone: string, filter: F }
    return client.get<number[]>(route, { params: { zoneName: zone }, query: queryOf(filter) }).catch(err => {
      if ((err as { status?: number }).status === 404) return null
      throw err
    })
  })))))
}

export function dnsReads (caller: Caller) {
  return caller.memo('dns', () => {
    let names: Promise<string[]> | undefined
    const perZone = new Map<string, { record: DataLoader<string, OvhRecord | null>, task: DataLoader<string, OvhZoneTask | null> }>()
    const recordIds = listLoader<RecordFilter>(caller, '/domain/zone/{zoneName}/record')
    const taskIds = listLoader<ZoneTaskFilter>(caller, '/domain/zone/{zoneName}/task')
    const accountTaskIds = new Map<string, Promise<number[]>>()
    const of = (zone: string) => {
      let loaders = perZone.get(zone)
      if (loaders === undefined) {
        loaders = {
          record: new DataLoader(batchLoader<OvhRecord>(caller, '/domain/zone/{zoneName}/record/{id}', { zoneName: zone })),
          task: new DataLoader(batchLoader<OvhZoneTask>(caller, '/domain/zone/{zoneName}/task/{id}', { zoneName: zone }))
        }
        perZone.set(zone, loaders)
      }
      return loaders
    }
    return {
      /** Every zone name of the account (OVH GET /domain/zone), sorted. */
      zoneNames (): Promise<string[]> {
        names ??= caller.ovh()
          .then(client => client.get<string[]>('/domain/zone'))
          .then(list => [...list].sort())
        return names
      },
      zone: new DataLoader<string, OvhZone | null>(batchLoader<OvhZone>(caller, '/domain/zone/{zoneName}')),
      status: new DataLoader<string, ZoneStatus | null>(singleReadLoader<ZoneStatus>(caller, '/domain/zone/{zoneName}/status', 'zoneName')),
      soa: new DataLoader<string, Soa | null>(singleReadLoader<Soa>(caller, '/domain/zone/{zoneName}/soa', 'zoneName')),
      dnssec: new DataLoader<string, ZoneDnssec | null>(singleReadLoader<ZoneDnssec>(caller, '/domain/zone/{zoneName}/dnssec', 'zoneName')),
      exported: new DataLoader<string, string | null>(singleReadLoader<string>(caller, '/domain/zone/{zoneName}/export', 'zoneName')),
      recordIds: (zone: string, filter: RecordFilter = {}) =>
        recordIds.load(JSON.stringify({ zone, filter: { fieldType: filter.fieldType ?? undefined, subDomain: filter.subDomain ?? undefined } })),
      record: (zone: string) => of(zone).record,
      taskIds: (zone: string, filter: ZoneTaskFilter = {}) =>
        taskIds.load(JSON.stringify({ zone, filter: { function: filter.function ?? undefined, status: filter.status ?? undefined } })),
      task: (zone: string) => of(zone).task,
      /** Zone task ids of every zone (OVH GET /me/task/dns), once per filter and request. */
      accountTaskIds (filter: AccountZoneTaskFilter): Promise<number[]> {
        const query = queryOf({ zone: filter.zone, function: filter.function, status: filter.status })
        const key = JSON.stringify(query)
        let ids = accountTaskIds.get(key)
        if (ids === undefined) {
          ids = caller.ovh().then(client => client.get<number[]>('/me/task/dns', { query }))
          accountTaskIds.set(key, ids)
        }
        return ids
      },
      /** Zone tasks by id alone, with their zone (OVH GET /me/task/dns/{id}, batched). */
      accountTask: new DataLoader<string, OvhAccountZoneTask | null>(batchLoader<OvhAccountZoneTask>(caller, '/me/task/dns/{id}')),
      /** Forgets what a mutation changed, so reads later in the same request see the new state. */
      forget (zone: string): void {
        perZone.delete(zone)
        recordIds.clearAll()
        taskIds.clearAll()
        accountTaskIds.clear()
        this.accountTask.clearAll()
        for (const loader of [this.zone, this.status, this.soa, this.dnssec, this.exported]) loader.clear(zone)
      }
    }
  })
}

export type DnsReads = ReturnType<typeof dnsReads>
