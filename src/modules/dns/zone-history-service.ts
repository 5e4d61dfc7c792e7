// Whole-zone operations end customers use: the zone's history (OVH saves a version at each
// deployment: list, read one with its zone file, restore it as a ZoneRestore task) and the reset
// (OVH's default records, or only the mandatory ones, with the A and MX records given), followed
// by a refresh as record changes are. @see docs/OVH-API.md 9.5
import { isIPv4 } from 'node:net'
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { dateOrDateTime } from '../shared/date-query.js'
import { checkCursor, checkPageSize, pageOf } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { featureReads } from './feature-reads.js'
import type { OvhRestorePoint } from './feature-schemas.js'
import { dnsReads } from './reads.js'
import { isHostname, targetProblem } from './record-input.js'
import type { MutationOptions } from './record-service.js'
import type { OvhZoneTask, RefreshOutcome } from './schemas.js'
import { refreshAfterChange, zoneName } from './zone-service.js'

const VERSIONS = 'zone-versions'
// Records a reset may be given (OVH documents no bound; a zone's apex rarely has more).
export const RESET_RECORDS_MAX = 20

/** A caller's date: a date-time as given (OVH matches its own listing), a bare date as midnight UTC. */
function dateParam (value: string, field: string): string {
  if (!dateOrDateTime.safeParse(value).success) {
    throw badUserInput('invalid date', [{ field, message: 'must be a date-time with its offset (2026-11-01T10:00:00+01:00) or a date (2026-11-01, midnight UTC)' }])
  }
  return value.includes('T') ? value : `${value}T00:00:00Z`
}

export interface VersionRange { from?: string | null, to?: string | null }

// Newest first; the keys are OVH's date-times, compared as instants.
const newestFirst = (a: string, b: string): number => Date.parse(b) - Date.parse(a)

/** The dates of the zone's saved versions, newest first, within the range. */
export async function listZoneVersions (caller: Caller, name: string, args: { first?: number | null, after?: string | null, filter?: VersionRange | null }): Promise<NodePage<{ creationDate: string }>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  checkCursor(args.after, VERSIONS, key => !Number.isNaN(Date.parse(key)))
  const from = args.filter?.from ? dateParam(args.filter.from, 'filter.from') : undefined
  const to = args.filter?.to ? dateParam(args.filter.to, 'filter.to') : undefined
  const dates = await featureReads(caller).history(zone, { from, to })
  if (dates === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOf([...dates].sort(newestFirst), first, args.after, newestFirst, VERSIONS)
  return { nodes: page.items.map(creationDate => ({ creationDate })), cursors: page.cursors, hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, totalCount: page.totalCount }
}

/** One saved version: its date and OVH's link to its zone file; null when the zone has none at that date. */
export async function getZoneVersion (caller: Caller, name: string, creationDate: string, field = 'creationDate'): Promise<OvhRestorePoint | null> {
  caller.require('read')
  const zone = zoneName(name)
  return featureReads(caller).restorePoint(zone).load(dateParam(creationDate, field))
}

/** Puts a saved version back (OVH POST .../history/{creationDate}/restore): a ZoneRestore task, deployed when done. */
export async function restoreZoneVersion (caller: Caller, name: string, creationDate: string, field = 'creationDate'): Promise<OvhZoneTask> {
  caller.require('write')
  const zone = zoneName(name)
  const date = dateParam(creationDate, field)
  const client = await caller.ovh()
  const task = await client.post<OvhZoneTask>('/domain/zone/{zoneName}/history/{creationDate}/restore', { params: { zoneName: zone, creationDate: date } })
  featureReads(caller).forget(zone)
  dnsReads(caller).forget(zone)
  return task
}

export interface ResetInput {
  // Only the records a zone needs (its NS records), none of OVH's usual ones.
  minimized?: boolean | null
  // A and MX records of the apex to put instead of OVH's.
  dnsRecords?: Array<{ fieldType: 'A' | 'MX', target: string }> | null
}

function checkResetRecords (records: NonNullable<ResetInput['dnsRecords']>, path: string): Array<{ fieldType: 'A' | 'MX', target: string }> {
  const errors: FieldError[] = []
  if (records.length > RESET_RECORDS_MAX) errors.push({ field: `${path}.dnsRecords`, message: `at most ${RESET_RECORDS_MAX} records` })
  const checked = records.map((record, index) => {
    const field = `${path}.dnsRecords.${index}.target`
    const target = record.target.trim()
    if (record.fieldType === 'A' && !isIPv4(target)) errors.push({ field, message: 'must be an IPv4 address such as 192.0.2.1' })
    if (record.fieldType === 'MX' && !isHostname(target)) {
      const problem = targetProblem('MX', target, '')
      if (problem !== null) errors.push({ field, message: `${problem} (or just the mail server's host name)` })
    }
    return { fieldType: record.fieldType, target }
  })
  if (errors.length > 0) throw badUserInput('invalid reset records', errors)
  return checked
}

/**
 * Replaces every record of the zone (OVH POST .../reset), redirections and DynHost records
 * included, with OVH's defaults, or only the NS records when minimized; the A and MX records given
 * take the place of OVH's. Then refreshes the zone unless told not to.
 */
export async function resetZone (caller: Caller, name: string, input: ResetInput, options: MutationOptions = {}): Promise<{ zone: string } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const records = checkResetRecords(input.dnsRecords ?? [], path)
  const client = await caller.ovh()
  await client.post('/domain/zone/{zoneName}/reset', {
    params: { zoneName: zone },
    // OVH's own spelling of the field.
    body: { minimized: input.minimized ?? false, ...(records.length > 0 ? { DnsRecords: records } : {}) }
  })
  featureReads(caller).forget(zone)
  return { zone, ...await refreshAfterChange(caller, zone, options.refresh ?? true) }
}
