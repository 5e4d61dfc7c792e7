// Upstream reads of a zone's redirections, DynHost logins and records and restore points, for one
// request: lists once per zone and filter (a 404, no such zone, is null), objects by batch reads
// where OVH has an id as the last segment (as dnsReads does for records).
import DataLoader from 'dataloader'
import type { Caller } from '../../upstream/caller.js'
import { batchLoader, singleReadLoader } from '../shared/loaders.js'
import type { OvhDynHostLogin, OvhDynHostRecord, OvhRedirection, OvhRestorePoint } from './feature-schemas.js'

type Query = Record<string, string | undefined>

export function featureReads (caller: Caller) {
  return caller.memo('dns-features', () => {
    const lists = new Map<string, Promise<unknown[] | null>>()
    const perZone = new Map<string, {
      redirection: DataLoader<string, OvhRedirection | null>
      login: DataLoader<string, OvhDynHostLogin | null>
      dynHostRecord: DataLoader<string, OvhDynHostRecord | null>
      restorePoint: DataLoader<string, OvhRestorePoint | null>
    }>()
    const of = (zone: string) => {
      let loaders = perZone.get(zone)
      if (loaders === undefined) {
        const zoneName = { zoneName: zone }
        loaders = {
          redirection: new DataLoader(batchLoader<OvhRedirection>(caller, '/domain/zone/{zoneName}/redirection/{id}', zoneName)),
          login: new DataLoader(batchLoader<OvhDynHostLogin>(caller, '/domain/zone/{zoneName}/dynHost/login/{login}', zoneName)),
          dynHostRecord: new DataLoader(batchLoader<OvhDynHostRecord>(caller, '/domain/zone/{zoneName}/dynHost/record/{id}', zoneName)),
          // OVH has no batch read of restore points (the date is not an id it batches).
          restorePoint: new DataLoader(singleReadLoader<OvhRestorePoint>(caller, '/domain/zone/{zoneName}/history/{creationDate}', 'creationDate', zoneName))
        }
        perZone.set(zone, loaders)
      }
      return loaders
    }
    function list<T> (route: string, zone: string, query: Query = {}): Promise<T[] | null> {
      const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as Record<string, string>
      const key = JSON.stringify([route, zone, given])
      let found = lists.get(key)
      if (found === undefined) {
        found = caller.ovh()
          .then(client => client.get<unknown[]>(route, { params: { zoneName: zone }, query: given }))
          .catch(err => {
            if ((err as { status?: number }).status === 404) return null
            throw err
          })
        lists.set(key, found)
      }
      return found as Promise<T[] | null>
    }
    return {
      redirectionIds: (zone: string, subDomain?: string) => list<number>('/domain/zone/{zoneName}/redirection', zone, { subDomain }),
      redirection: (zone: string) => of(zone).redirection,
      logins: (zone: string, filter: { login?: string, subDomain?: string } = {}) => list<string>('/domain/zone/{zoneName}/dynHost/login', zone, filter),
      login: (zone: string) => of(zone).login,
      dynHostRecordIds: (zone: string, subDomain?: string) => list<number>('/domain/zone/{zoneName}/dynHost/record', zone, { subDomain }),
      dynHostRecord: (zone: string) => of(zone).dynHostRecord,
      history: (zone: string, range: { from?: string, to?: string } = {}) =>
        list<string>('/domain/zone/{zoneName}/history', zone, { 'creationDate.from': range.from, 'creationDate.to': range.to }),
      restorePoint: (zone: string) => of(zone).restorePoint,
      /** Forgets what a write changed in a zone, so later reads of the request see it. */
      forget (zone: string): void {
        perZone.delete(zone)
        for (const key of [...lists.keys()]) if ((JSON.parse(key) as string[])[1] === zone) lists.delete(key)
      }
    }
  })
}
