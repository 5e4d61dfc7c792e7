// DNS records: list (filtered, paginated), read, create, update, delete, each change followed by a
// zone refresh unless the caller says otherwise. Input is checked before OVH sees it
// (record-input.ts), including the CNAME rules that need the records already on the name.
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { LazyNodePage, NodePage } from '../shared/pagination.js'
import { dnsReads } from './reads.js'
import type { RecordFilter } from './reads.js'
import { checkRecord, normalizeSubDomain } from './record-input.js'
import type { CheckedRecord } from './record-input.js'
import type { OvhRecord, RecordInput, RecordType, RecordUpdateInput, RefreshOutcome } from './schemas.js'
import { refreshAfterChange, zoneName } from './zone-service.js'

// The cursor kind of record connections (shared/pagination.ts).
const RECORDS = 'records'

export interface MutationOptions {
  // Refresh the zone after the change (default true).
  refresh?: boolean
  // Prefix of field names in errors: 'input' (GraphQL) or 'body' (REST).
  path?: string
}

export function recordId (id: string | number, field = 'id'): number {
  const value = typeof id === 'number' ? id : Number(id)
  if (!Number.isSafeInteger(value) || value <= 0 || (typeof id === 'string' && !/^\d+$/.test(id))) {
    throw badUserInput('invalid record id', [{ field, message: 'must be a positive integer' }])
  }
  return value
}

function checkedFilter (zone: string, filter: RecordFilter | null | undefined): RecordFilter {
  const errors: FieldError[] = []
  const subDomain = filter?.subDomain === undefined || filter.subDomain === null ? undefined : normalizeSubDomain(filter.subDomain, zone, 'filter.subDomain', errors)
  if (errors.length > 0) throw badUserInput('invalid filter', errors)
  return { fieldType: filter?.fieldType ?? undefined, subDomain }
}

/** Record ids of a zone in id order (OVH's), filtered by type and subdomain; NOT_FOUND without the zone. */
async function idsOf (caller: Caller, zone: string, filter: RecordFilter): Promise<number[]> {
  const ids = await dnsReads(caller).recordIds(zone, filter)
  if (ids === null) throw notFound(`DNS zone ${zone}`)
  return [...ids].sort((a, b) => a - b)
}

interface RecordPageArgs { first?: number | null, after?: string | null, filter?: RecordFilter | null }

/** A page of a zone's records, checked and listed; the records are read (one batch) by `load`. */
export async function recordPage (caller: Caller, name: string, args: RecordPageArgs): Promise<LazyNodePage<OvhRecord>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', RECORDS)
  const filter = checkedFilter(zone, args.filter)
  const page = pageOfIds(await idsOf(caller, zone, filter), first, args.after, 'asc', RECORDS)
  return { totalCount: page.totalCount, load: async () => nodePageOf(page, await dnsReads(caller).record(zone).loadMany(page.items.map(String))) }
}

export async function listRecords (caller: Caller, name: string, args: RecordPageArgs): Promise<NodePage<OvhRecord>> {
  return (await recordPage(caller, name, args)).load()
}

/** Number of records of a zone, or null when the account has no such zone (one list call per zone). */
export async function countRecords (caller: Caller, name: string): Promise<number | null> {
  caller.require('read')
  const ids = await dnsReads(caller).recordIds(zoneName(name))
  return ids === null ? null : ids.length
}

export async function getRecord (caller: Caller, name: string, id: string | number): Promise<OvhRecord | null> {
  caller.require('read')
  const zone = zoneName(name)
  return dnsReads(caller).record(zone).load(String(recordId(id)))
}

// CNAME rules that depend on the zone: a CNAME is alone on its name, and nothing joins a CNAME.
async function checkNameIsFree (caller: Caller, zone: string, record: CheckedRecord, self: number | null, path: string): Promise<void> {
  const cname = record.fieldType === 'CNAME'
  const ids = (await idsOf(caller, zone, { subDomain: record.subDomain, ...(cname ? {} : { fieldType: 'CNAME' as RecordType }) })).filter(id => id !== self)
  if (ids.length === 0) return
  const where = record.subDomain === '' ? zone : `${record.subDomain}.${zone}`
  throw badUserInput('the record conflicts with a CNAME', [{
    field: `${path}.${cname ? 'fieldType' : 'subDomain'}`,
    message: cname
      ? `${where} already has other records: a CNAME must be the only record on its name`
      : `${where} is a CNAME: no other record can be on that name`
  }])
}

export async function createRecord (caller: Caller, name: string, input: RecordInput, options: MutationOptions = {}): Promise<{ record: OvhRecord } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const { record, errors } = checkRecord(input, zone, path)
  if (errors.length > 0) throw badUserInput('invalid DNS record', errors)
  await checkNameIsFree(caller, zone, record, null, path)
  const client = await caller.ovh()
  const created = await client.post<OvhRecord>('/domain/zone/{zoneName}/record', {
    params: { zoneName: zone },
    body: { fieldType: record.fieldType, subDomain: record.subDomain, target: record.target, ...(record.ttl === undefined ? {} : { ttl: record.ttl }) }
  })
  return { record: created, ...await refreshAfterChange(caller, zone, options.refresh ?? true) }
}

export async function updateRecord (caller: Caller, name: string, id: string | number, input: RecordUpdateInput, options: MutationOptions = {}): Promise<{ record: OvhRecord } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const numericId = recordId(id)
  if ([input.subDomain, input.target, input.ttl].every(value => value === undefined || value === null)) {
    throw badUserInput('nothing to change', [{ field: path, message: 'give at least one of subDomain, target, ttl' }])
  }
  const current = await dnsReads(caller).record(zone).load(String(numericId))
  if (current === null) throw notFound(`DNS record ${numericId} of ${zone}`)
  const { record, errors } = checkRecord({
    fieldType: current.fieldType,
    subDomain: input.subDomain ?? current.subDomain,
    target: input.target ?? current.target,
    ttl: input.ttl ?? current.ttl
  }, zone, path)
  if (errors.length > 0) throw badUserInput('invalid DNS record', errors)
  await checkNameIsFree(caller, zone, record, numericId, path)
  const client = await caller.ovh()
  await client.put('/domain/zone/{zoneName}/record/{id}', {
    params: { zoneName: zone, id: numericId },
    body: { subDomain: record.subDomain, target: record.target, ...(record.ttl === undefined ? {} : { ttl: record.ttl }) }
  })
  const outcome = await refreshAfterChange(caller, zone, options.refresh ?? true)
  const updated = await dnsReads(caller).record(zone).load(String(numericId))
  return { record: updated ?? { ...current, ...record, ttl: record.ttl ?? null, id: numericId, zone }, ...outcome }
}

export async function deleteRecord (caller: Caller, name: string, id: string | number, options: MutationOptions = {}): Promise<{ id: number } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const numericId = recordId(id)
  const client = await caller.ovh()
  await client.delete('/domain/zone/{zoneName}/record/{id}', { params: { zoneName: zone, id: numericId } })
  return { id: numericId, ...await refreshAfterChange(caller, zone, options.refresh ?? true) }
}
