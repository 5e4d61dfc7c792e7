// A DNS zone as OVH bills it: the zone is a service of its own, renewed apart from its domain
// (GET/PUT /domain/zone/{zoneName}/serviceInfos), and so is each of its options (DNS Anycast:
// /option, /option/{name}, /option/{name}/serviceInfos); and what the zone can do (/capabilities).
// Renewal changes are checked against the serviceInfos first, exactly as a domain's are
// (shared/renewal-change.ts). @see docs/OVH-API.md 9.5, 11
import DataLoader from 'dataloader'
import { badUserInput, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import type { RenewInput, ServiceInfos } from '../domains/schemas.js'
import { singleReadLoader } from '../shared/loaders.js'
import { renewalChange, requireRenewChange } from '../shared/renewal-change.js'
import { zoneName } from './zone-service.js'

export interface ZoneOption { name: string }
export interface ZoneCapabilities { dynHost: boolean }

// OVH's option names are camelCase words (dnsAnycast); anything else is refused before a call.
const OPTION_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/

export function optionName (name: string, field = 'option'): string {
  if (!OPTION_NAME.test(name)) throw badUserInput('invalid option name', [{ field, message: 'must be an option name such as dnsAnycast (letters and digits)' }])
  return name
}

// One request's reads: OVH batches none of these (the id is not the last segment, or a zone's
// option list is one call), so each is one call per zone or option, at most once per request.
function zoneServiceReads (caller: Caller) {
  return caller.memo('dns-zone-services', () => {
    const perZone = new Map<string, { option: DataLoader<string, ZoneOption | null>, optionInfos: DataLoader<string, ServiceInfos | null> }>()
    return {
      serviceInfos: new DataLoader<string, ServiceInfos | null>(singleReadLoader<ServiceInfos>(caller, '/domain/zone/{zoneName}/serviceInfos', 'zoneName')),
      optionNames: new DataLoader<string, string[] | null>(singleReadLoader<string[]>(caller, '/domain/zone/{zoneName}/option', 'zoneName')),
      capabilities: new DataLoader<string, ZoneCapabilities | null>(singleReadLoader<ZoneCapabilities>(caller, '/domain/zone/{zoneName}/capabilities', 'zoneName')),
      of (zone: string) {
        let loaders = perZone.get(zone)
        if (loaders === undefined) {
          loaders = {
            option: new DataLoader(singleReadLoader<ZoneOption>(caller, '/domain/zone/{zoneName}/option/{name}', 'name', { zoneName: zone })),
            optionInfos: new DataLoader(singleReadLoader<ServiceInfos>(caller, '/domain/zone/{zoneName}/option/{name}/serviceInfos', 'name', { zoneName: zone }))
          }
          perZone.set(zone, loaders)
        }
        return loaders
      },
      forget (zone: string): void {
        this.serviceInfos.clear(zone)
        perZone.delete(zone)
      }
    }
  })
}

/** The zone's service: expiry and renewal settings; NOT_FOUND when the account has no such zone. */
export async function getZoneServiceInfos (caller: Caller, name: string): Promise<ServiceInfos> {
  caller.require('read')
  const zone = zoneName(name)
  const infos = await zoneServiceReads(caller).serviceInfos.load(zone)
  if (infos === null) throw notFound(`DNS zone ${zone}`)
  return infos
}

/** Changes how the zone renews, like a domain's renewal (updateDomainRenewal). */
export async function updateZoneRenewal (caller: Caller, name: string, input: RenewInput, path = 'input'): Promise<ServiceInfos> {
  caller.require('write')
  const zone = zoneName(name)
  requireRenewChange(input, path)
  const reads = zoneServiceReads(caller)
  const current = await reads.serviceInfos.load(zone)
  if (current === null) throw notFound(`DNS zone ${zone}`)
  const renew = renewalChange(current, input, path, 'DNS zone')
  const client = await caller.ovh()
  // OVH's body is a whole services.Service; only its renew is writable.
  await client.put('/domain/zone/{zoneName}/serviceInfos', { params: { zoneName: zone }, body: { renew } })
  reads.forget(zone)
  return await getZoneServiceInfos(caller, zone)
}

/** The zone's options by name (dnsAnycast...); NOT_FOUND when the account has no such zone. */
export async function listZoneOptions (caller: Caller, name: string): Promise<ZoneOption[]> {
  caller.require('read')
  const zone = zoneName(name)
  const names = await zoneServiceReads(caller).optionNames.load(zone)
  if (names === null) throw notFound(`DNS zone ${zone}`)
  return [...names].sort().map(option => ({ name: option }))
}

/** One option of the zone; null when the zone has no such option. */
export async function getZoneOption (caller: Caller, name: string, option: string, field = 'option'): Promise<ZoneOption | null> {
  caller.require('read')
  const zone = zoneName(name)
  return await zoneServiceReads(caller).of(zone).option.load(optionName(option, field))
}

/** The option's own service (it renews apart from the zone); NOT_FOUND when the zone has no such option. */
export async function getZoneOptionServiceInfos (caller: Caller, name: string, option: string, field = 'option'): Promise<ServiceInfos> {
  caller.require('read')
  const zone = zoneName(name)
  const infos = await zoneServiceReads(caller).of(zone).optionInfos.load(optionName(option, field))
  if (infos === null) throw notFound(`option ${option} of the DNS zone ${zone}`)
  return infos
}

/** Changes how a zone option renews (deleteAtExpiration ends it at its expiry). */
export async function updateZoneOptionRenewal (caller: Caller, name: string, option: string, input: RenewInput, path = 'input'): Promise<ServiceInfos> {
  caller.require('write')
  const zone = zoneName(name)
  const optionKey = optionName(option)
  requireRenewChange(input, path)
  const reads = zoneServiceReads(caller)
  const current = await reads.of(zone).optionInfos.load(optionKey)
  if (current === null) throw notFound(`option ${optionKey} of the DNS zone ${zone}`)
  const renew = renewalChange(current, input, path, 'DNS zone option')
  const client = await caller.ovh()
  // Unlike the zone's own, this body is the renew settings alone (service.RenewType).
  await client.put('/domain/zone/{zoneName}/option/{name}/serviceInfos', { params: { zoneName: zone, name: optionKey }, body: { renew } })
  reads.forget(zone)
  return await getZoneOptionServiceInfos(caller, zone, optionKey)
}

/** What the zone supports (DynHost: not in OVH's CA region); NOT_FOUND when the account has no such zone. */
export async function getZoneCapabilities (caller: Caller, name: string): Promise<ZoneCapabilities> {
  caller.require('read')
  const zone = zoneName(name)
  const capabilities = await zoneServiceReads(caller).capabilities.load(zone)
  if (capabilities === null) throw notFound(`DNS zone ${zone}`)
  return capabilities
}
