// DNS zones: list, details, status, refresh, export/import, SOA and DNSSEC. One implementation for
// the REST routes and the GraphQL resolvers. @see docs/OVH-API.md 9.5
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeError } from '../../error-mapping.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkCursor, checkPageSize, nodePageOf, pageOf } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { dnsReads } from './reads.js'
import { SoaTimerSchemas } from './timers.js'
import type { OvhZone, OvhZoneTask, RefreshOutcome, Soa, SoaInput, ZoneDnssec, ZoneStatus } from './schemas.js'
import { EmailSchema } from '../shared/ovh-formats.js'

// Import files above this size are refused before OVH sees them (a zone of thousands of records).
export const ZONE_FILE_MAX = 1_000_000

// The cursor kind of zone connections (shared/pagination.ts); their keys are zone names.
const ZONES = 'zones'
const isZoneKey = (key: string): boolean => /^[^\s]{1,253}$/.test(key)

export function zoneName (name: string, field = 'zone'): string {
  return normalizeDomainName(name, field)
}

export async function listZones (caller: Caller, args: { first?: number | null, after?: string | null, nameContains?: string | null }): Promise<NodePage<OvhZone>> {
  caller.require('read')
  const first = checkPageSize(args.first)
  checkCursor(args.after, ZONES, isZoneKey)
  const reads = dnsReads(caller)
  let names = await reads.zoneNames()
  const contains = args.nameContains?.trim().toLowerCase()
  if (contains) names = names.filter(name => name.includes(contains))
  const page = pageOf(names, first, args.after, undefined, ZONES)
  return nodePageOf(page, await reads.zone.loadMany(page.items))
}

export async function getZone (caller: Caller, name: string): Promise<OvhZone | null> {
  caller.require('read')
  return dnsReads(caller).zone.load(zoneName(name))
}

// Reads that need the zone to exist: a missing zone is NOT_FOUND.
async function required<T> (value: Promise<T | null>, zone: string): Promise<T> {
  const result = await value
  if (result === null) throw notFound(`DNS zone ${zone}`)
  return result
}

export async function getZoneStatus (caller: Caller, name: string): Promise<ZoneStatus> {
  caller.require('read')
  const zone = zoneName(name)
  return required(dnsReads(caller).status.load(zone), zone)
}

export async function getSoa (caller: Caller, name: string): Promise<Soa> {
  caller.require('read')
  const zone = zoneName(name)
  return required(dnsReads(caller).soa.load(zone), zone)
}

export async function getDnssec (caller: Caller, name: string): Promise<ZoneDnssec> {
  caller.require('read')
  const zone = zoneName(name)
  return required(dnsReads(caller).dnssec.load(zone), zone)
}

/** The zone file (BIND syntax) of the zone as configured, refreshed or not. */
export async function exportZone (caller: Caller, name: string): Promise<string> {
  caller.require('read')
  const zone = zoneName(name)
  return required(dnsReads(caller).exported.load(zone), zone)
}

/** POST .../refresh: deploys the zone's changes to OVH's name servers. */
export async function refreshZone (caller: Caller, name: string): Promise<void> {
  caller.require('write')
  const zone = zoneName(name)
  const client = await caller.ovh()
  await client.post('/domain/zone/{zoneName}/refresh', { params: { zoneName: zone } })
  dnsReads(caller).forget(zone)
}

/** After a change: refresh when asked to, and say what happened (a failed refresh does not undo the change). */
export async function refreshAfterChange (caller: Caller, zone: string, refresh: boolean): Promise<RefreshOutcome> {
  dnsReads(caller).forget(zone)
  if (!refresh) return { refreshed: false, refreshError: null }
  try {
    await refreshZone(caller, zone)
    return { refreshed: true, refreshError: null }
  } catch (err) {
    const error = normalizeError(err)
    caller.log.warn({ zone, code: error.code }, 'DNS change made but the zone refresh failed')
    return { refreshed: false, refreshError: `${error.code}: ${error.message}` }
  }
}

export async function importZone (caller: Caller, name: string, zoneFile: string, path = 'zoneFile'): Promise<OvhZoneTask> {
  caller.require('write')
  const zone = zoneName(name)
  if (zoneFile.trim() === '') throw badUserInput('the zone file is empty', [{ field: path, message: 'must not be empty' }])
  if (zoneFile.length > ZONE_FILE_MAX) throw badUserInput('the zone file is too big', [{ field: path, message: `must be at most ${ZONE_FILE_MAX} characters` }])
  const client = await caller.ovh()
  const task = await client.post<OvhZoneTask>('/domain/zone/{zoneName}/import', { params: { zoneName: zone }, body: { zoneFile } })
  dnsReads(caller).forget(zone)
  return task
}

export async function updateSoa (caller: Caller, name: string, input: SoaInput, options: { refresh?: boolean, path?: string } = {}): Promise<{ soa: Soa } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const errors: FieldError[] = []
  const email = input.email === undefined || input.email === null ? null : EmailSchema.safeParse(input.email).error
  if (email) errors.push({ field: `${path}.email`, message: email.issues[0].message })
  // Seconds; OVH keeps the server and the serial itself.
  for (const [field, schema] of Object.entries(SoaTimerSchemas)) {
    const value = input[field as keyof typeof SoaTimerSchemas]
    if (value === undefined || value === null) continue
    const parsed = schema.safeParse(value)
    const message = field === 'ttl' && value === 0 ? 'the zone\'s default TTL cannot be 0' : parsed.error?.issues[0].message
    if (message !== undefined) errors.push({ field: `${path}.${field}`, message })
  }
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null))
  if (errors.length === 0 && Object.keys(given).length === 0) errors.push({ field: path, message: 'give at least one of email, refresh, expire, nxDomainTtl, ttl' })
  if (errors.length > 0) throw badUserInput('invalid SOA', errors)
  const current = await getSoa(caller, zone)
  const client = await caller.ovh()
  // OVH's SOA email is written as a name ('tech.ovh.net'); we take and show it as it comes.
  await client.put('/domain/zone/{zoneName}/soa', { params: { zoneName: zone }, body: { ...current, ...given } })
  const outcome = await refreshAfterChange(caller, zone, options.refresh ?? true)
  return { soa: await getSoa(caller, zone), ...outcome }
}

// DNSSEC of a zone hosted at OVH: enabling and disabling are zone tasks; the answer carries the task.
async function dnssecChange (caller: Caller, name: string, method: 'POST' | 'DELETE'): Promise<{ dnssec: ZoneDnssec, task: OvhZoneTask | null }> {
  caller.require('write')
  const zone = zoneName(name)
  const client = await caller.ovh()
  await client.request(method, '/domain/zone/{zoneName}/dnssec', { params: { zoneName: zone } })
  const reads = dnsReads(caller)
  reads.forget(zone)
  // OVH answers nothing: the task it started is the newest of its function still to run.
  const fn = method === 'POST' ? 'DnssecEnable' : 'DnssecDisable'
  const ids = (await reads.taskIds(zone, { function: fn })) ?? []
  const newest = ids.length === 0 ? null : Math.max(...ids)
  const task = newest === null ? null : await reads.task(zone).load(String(newest))
  return { dnssec: await getDnssec(caller, zone), task }
}

export const enableDnssec = (caller: Caller, name: string) => dnssecChange(caller, name, 'POST')
export const disableDnssec = (caller: Caller, name: string) => dnssecChange(caller, name, 'DELETE')
