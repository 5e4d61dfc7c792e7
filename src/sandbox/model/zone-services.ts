// A DNS zone as OVH bills it: the zone is a service of its own (GET/PUT /domain/zone/{zoneName}/serviceInfos),
// and so is each of its options (dnsAnycast: /option/{name}/serviceInfos). Made on first use, so
// snapshots from before they existed get them too: a zone that comes with a domain of the account
// expires with it, a zone alone a year after it was first billed.
// @see docs/OVH-API.md 9.5
import { badRequest, classError, notFound } from '../errors.js'
import type { SandboxCore } from '../core.js'
import { nextId } from '../state/types.js'
import type { AccountState } from '../state/types.js'
import type { ZoneServiceState, ZoneState } from '../state/dns-types.js'
import { formatDate } from '../time.js'
import { addYears } from './renewals.js'

// Zones and their options renew by the year only (OVH offers a zone no longer period).
const ZONE_PERIODS = [12]
const SERVICE_SEQUENCE = 'zoneServiceId'
const FIRST_SERVICE_ID = 300_000_001

function newService (sandbox: SandboxCore, account: AccountState, zone: ZoneState): ZoneServiceState {
  const now = sandbox.clock.now()
  const domain = account.domains[zone.name]
  const expiration = domain !== undefined && domain.state !== 'deleted' ? domain.expiration : addYears(now, 1)
  sandbox.touch()
  return {
    serviceId: nextId(sandbox.state, SERVICE_SEQUENCE, FIRST_SERVICE_ID),
    creation: domain?.creation ?? now,
    expiration,
    renew: { automatic: true, deleteAtExpiration: false, forced: false, period: 12 }
  }
}

export function zoneService (sandbox: SandboxCore, account: AccountState, zone: ZoneState): ZoneServiceState {
  zone.service ??= newService(sandbox, account, zone)
  return zone.service
}

/** The zone's options by name (domain.zone.Option): dnsAnycast when the zone has it. */
export function zoneOptionNames (zone: ZoneState): string[] {
  return zone.hasDnsAnycast ? ['dnsAnycast'] : []
}

export function zoneOptionService (sandbox: SandboxCore, account: AccountState, zone: ZoneState, name: string): ZoneServiceState {
  if (!zoneOptionNames(zone).includes(name)) throw notFound(`The requested object (name = ${name}) does not exist`)
  zone.optionServices ??= {}
  zone.optionServices[name] ??= newService(sandbox, account, zone)
  return zone.optionServices[name]
}

// services.Service as domain.json describes it; the contacts of a zone are the account's NIC.
export function toZoneServiceInfos (account: AccountState, zone: ZoneState, service: ZoneServiceState, now: number) {
  const status = service.expiration < now ? 'expired' : 'ok'
  return {
    canDeleteAtExpiration: true,
    contactAdmin: account.nic,
    contactBilling: account.nic,
    contactTech: account.nic,
    creation: formatDate(service.creation),
    domain: zone.name,
    engagedUpTo: null,
    expiration: formatDate(service.expiration),
    possibleRenewPeriod: [...ZONE_PERIODS],
    renew: { ...service.renew, manualPayment: !service.renew.automatic },
    renewalType: service.renew.automatic ? 'automaticV2016' : 'manual',
    serviceId: service.serviceId,
    status
  }
}

interface RenewBody { automatic?: boolean, deleteAtExpiration?: boolean, forced?: boolean, period?: number | null }

/** PUT .../serviceInfos: only `renew` is writable, as for a domain. */
export function updateZoneRenew (sandbox: SandboxCore, service: ZoneServiceState, renew: RenewBody | null | undefined): void {
  if (renew === undefined || renew === null) return
  if (typeof renew !== 'object') throw badRequest('Invalid body: renew must be a service.RenewType')
  if (renew.period !== undefined && renew.period !== null && !ZONE_PERIODS.includes(renew.period)) {
    throw badRequest(`Invalid renew period ${renew.period}: possible periods are ${ZONE_PERIODS.join(', ')}`)
  }
  if (renew.forced === true && !service.renew.forced) throw classError(403, 'Client::Forbidden', 'The renewal of this service cannot be forced')
  if (renew.automatic !== undefined) service.renew.automatic = renew.automatic
  if (renew.deleteAtExpiration !== undefined) service.renew.deleteAtExpiration = renew.deleteAtExpiration
  if (renew.period !== undefined) service.renew.period = renew.period
  if (service.renew.automatic && service.renew.period === null) service.renew.period = 12
  sandbox.touch()
}
