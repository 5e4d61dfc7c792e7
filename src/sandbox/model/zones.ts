// DNS zones: lookups, OVH views (domain.ZoneWithIAM, domain.zone.Record, Soa, Status) and deployment.
// @see docs/OVH-API.md 9.5
import { serviceNotFound, notFound } from '../errors.js'
import type { AccountState } from '../state/types.js'
import { randomUUID } from '../ids.js'
import type { RecordState, ZoneRestorePointState, ZoneState } from '../state/dns-types.js'
import { formatDateTime } from '../time.js'

// Record ids are account-wide longs, like OVH's (about ten digits).
export const RECORD_SEQUENCE = 'recordId'
export const FIRST_RECORD_ID = 5_000_000_001

export function zonesOf (account: AccountState): Record<string, ZoneState> {
  account.zones ??= {}
  return account.zones
}

// Only the caller's account is searched, as for domains.
export function findZone (account: AccountState, name: string): ZoneState {
  const zone = zonesOf(account)[name.toLowerCase()]
  if (zone === undefined) throw serviceNotFound()
  return zone
}

export function findRecord (zone: ZoneState, id: number): RecordState {
  const record = zone.records[String(id)]
  if (record === undefined) throw notFound(`The requested object (id = ${id}) does not exist`)
  return record
}

export function toZone (zone: ZoneState) {
  return {
    dnssecSupported: zone.dnssecSupported,
    hasDnsAnycast: zone.hasDnsAnycast,
    iam: { displayName: zone.name, id: zone.iamId, tags: null, urn: `urn:v1:eu:resource:dnsZone:${zone.name}` },
    lastUpdate: formatDateTime(zone.lastUpdate),
    name: zone.name,
    nameServers: [...zone.nameServers]
  }
}

export function toRecord (zone: ZoneState, record: RecordState) {
  return { fieldType: record.fieldType, id: record.id, subDomain: record.subDomain, target: record.target, ttl: record.ttl, zone: zone.name }
}

// Records sorted as OVH lists ids: by id.
export function recordsOf (zone: ZoneState): RecordState[] {
  return Object.values(zone.records).sort((a, b) => a.id - b.id)
}

// A change of records or SOA waits for POST .../refresh to reach the name servers.
export function markChanged (zone: ZoneState, now: number): void {
  zone.deployed = false
  zone.lastUpdate = now
}

// YYYYMMDDnn, as OVH's serials: a new day starts at nn = 01, otherwise nn grows.
export function nextSerial (serial: number, now: number): number {
  const day = Number(new Date(now).toISOString().slice(0, 10).replace(/-/g, '')) * 100
  return serial >= day ? serial + 1 : day + 1
}

// Restore points kept per zone, oldest dropped first.
const HISTORY_MAX = 50

export const historyOf = (zone: ZoneState): ZoneRestorePointState[] => (zone.history ??= [])

/** A restore point of the zone as it is now deployed; one per second at most (OVH's dates have no fraction). */
export function recordRestorePoint (zone: ZoneState, now: number): void {
  const history = historyOf(zone)
  const creation = Math.floor(now / 1000) * 1000
  const point = { creation, records: recordsOf(zone).map(record => ({ ...record })), soa: { ...zone.soa }, token: randomUUID() }
  if (history.at(-1)?.creation === creation) history[history.length - 1] = point
  else history.push(point)
  if (history.length > HISTORY_MAX) history.splice(0, history.length - HISTORY_MAX)
}

// Each deployment leaves a restore point (GET .../history).
export function deploy (zone: ZoneState, now: number): void {
  zone.deployed = true
  zone.soa.serial = nextSerial(zone.soa.serial, now)
  zone.lastUpdate = now
  recordRestorePoint(zone, now)
}

function fqdn (zone: ZoneState, subDomain: string): string {
  return subDomain === '' ? zone.name : `${subDomain}.${zone.name}`
}

// domain.zone.Status: errors OVH would refuse to serve, warnings that need a look.
export function zoneStatus (account: AccountState, zone: ZoneState) {
  const errors: string[] = []
  const warnings: string[] = []
  const records = recordsOf(zone)
  const byName = new Map<string, RecordState[]>()
  for (const record of records) byName.set(record.subDomain, [...(byName.get(record.subDomain) ?? []), record])
  for (const [name, list] of byName) {
    if (list.some(record => record.fieldType === 'CNAME')) {
      if (name === '') errors.push(`CNAME record on the zone apex ${zone.name} is not allowed`)
      else if (list.length > 1) errors.push(`CNAME record on ${fqdn(zone, name)} conflicts with the other records on the same name`)
    }
  }
  const apexNs = (byName.get('') ?? []).filter(record => record.fieldType === 'NS').map(record => record.target.replace(/\.$/, ''))
  for (const server of zone.nameServers) {
    if (!apexNs.includes(server)) warnings.push(`The zone's NS records do not list its name server ${server}`)
  }
  const domain = account.domains[zone.name]
  if (domain !== undefined && domain.nameServerType !== 'hosted') {
    warnings.push(`The domain ${zone.name} does not use this zone's name servers: changes are not visible on the Internet`)
  }
  return { errors, isDeployed: zone.deployed, warnings }
}
