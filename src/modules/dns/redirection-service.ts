// Web redirections of a zone (OVH /domain/zone/{zone}/redirection*): list, read, create, update,
// delete. OVH puts records of its own in the zone for each (its forwarder's address, a TXT), so a
// change waits for a zone refresh, done afterwards as for records unless the caller says otherwise.
// Input is checked before OVH sees it, including the names that already answer otherwise.
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { featureReads } from './feature-reads.js'
import type { OvhRedirection, RedirectionType } from './feature-schemas.js'
import { dnsReads } from './reads.js'
import { normalizeSubDomain } from './record-input.js'
import { recordId } from './record-service.js'
import type { MutationOptions } from './record-service.js'
import type { RefreshOutcome } from './schemas.js'
import { refreshAfterChange, zoneName } from './zone-service.js'

const REDIRECTIONS = 'redirections'
export const TARGET_MAX = 1024
export const META_MAX = 255
const META_FIELDS = ['title', 'keywords', 'description'] as const

export interface RedirectionInput {
  subDomain?: string | null
  target: string
  type: RedirectionType
  title?: string | null
  keywords?: string | null
  description?: string | null
}

export type RedirectionUpdateInput = Partial<Omit<RedirectionInput, 'subDomain'>>

const where = (zone: string, subDomain: string): string => subDomain === '' ? zone : `${subDomain}.${zone}`

// An absolute http(s) URL with a host, not the redirected name itself (a loop).
function checkTarget (target: string, redirected: string, field: string, errors: FieldError[]): string {
  const value = target.trim()
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {}
  if (value.length > TARGET_MAX) errors.push({ field, message: `must be at most ${TARGET_MAX} characters` })
  // eslint-disable-next-line no-control-regex
  else if (/[\s\u0000-\u001f\u007f]/.test(value)) errors.push({ field, message: 'must not contain spaces or control characters' })
  else if (url === null || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') errors.push({ field, message: 'must be an absolute http:// or https:// URL, such as https://www.example.com/page' })
  else if (url.hostname.toLowerCase() === redirected && url.pathname === '/' && url.search === '') errors.push({ field, message: `redirects ${redirected} to itself` })
  return value
}

function checkMeta (input: RedirectionUpdateInput, type: RedirectionType, path: string, errors: FieldError[]): void {
  for (const field of META_FIELDS) {
    const value = input[field]
    if (value === undefined || value === null) continue
    if (type !== 'invisible') errors.push({ field: `${path}.${field}`, message: `only an invisible redirection has a ${field} (this one is ${type})` })
    else if (value.length > META_MAX) errors.push({ field: `${path}.${field}`, message: `must be at most ${META_MAX} characters` })
    // eslint-disable-next-line no-control-regex
    else if (/[\u0000-\u001f\u007f]/.test(value)) errors.push({ field: `${path}.${field}`, message: 'must not contain line breaks or control characters' })
  }
}

// What OVH refuses: a name that already has an address, a CNAME or a redirection of its own.
async function checkNameIsFree (caller: Caller, zone: string, subDomain: string, path: string): Promise<void> {
  const reads = dnsReads(caller)
  const [recordIds, redirectionIds] = await Promise.all([reads.recordIds(zone, { subDomain }), featureReads(caller).redirectionIds(zone, subDomain)])
  if (recordIds === null || redirectionIds === null) throw notFound(`DNS zone ${zone}`)
  const field = `${path}.subDomain`
  if (redirectionIds.length > 0) throw badUserInput('the name already redirects', [{ field, message: `${where(zone, subDomain)} already has a redirection: change or delete it` }])
  const records = await reads.record(zone).loadMany(recordIds.map(String))
  const clash = records.find(record => record !== null && !(record instanceof Error) && ['A', 'AAAA', 'CNAME'].includes(record.fieldType))
  if (clash !== undefined && clash !== null && !(clash instanceof Error)) {
    throw badUserInput('the name already answers otherwise', [{ field, message: `${where(zone, subDomain)} has a ${clash.fieldType} record: delete it before redirecting the name` }])
  }
}

interface PageArgs { first?: number | null, after?: string | null, filter?: { subDomain?: string | null } | null }

export async function listRedirections (caller: Caller, name: string, args: PageArgs): Promise<NodePage<OvhRedirection>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', REDIRECTIONS)
  const errors: FieldError[] = []
  const given = args.filter?.subDomain
  const subDomain = given === undefined || given === null ? undefined : normalizeSubDomain(given, zone, 'filter.subDomain', errors)
  if (errors.length > 0) throw badUserInput('invalid filter', errors)
  const reads = featureReads(caller)
  const ids = await reads.redirectionIds(zone, subDomain)
  if (ids === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOfIds([...ids].sort((a, b) => a - b), first, args.after, 'asc', REDIRECTIONS)
  return nodePageOf(page, await reads.redirection(zone).loadMany(page.items.map(String)))
}

export async function getRedirection (caller: Caller, name: string, id: string | number): Promise<OvhRedirection | null> {
  caller.require('read')
  return featureReads(caller).redirection(zoneName(name)).load(String(recordId(id)))
}

function forget (caller: Caller, zone: string): void {
  featureReads(caller).forget(zone)
  dnsReads(caller).forget(zone)
}

export async function createRedirection (caller: Caller, name: string, input: RedirectionInput, options: MutationOptions = {}): Promise<{ redirection: OvhRedirection } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const errors: FieldError[] = []
  const subDomain = normalizeSubDomain(input.subDomain, zone, `${path}.subDomain`, errors)
  const target = checkTarget(input.target, where(zone, subDomain), `${path}.target`, errors)
  checkMeta(input, input.type, path, errors)
  if (errors.length > 0) throw badUserInput('invalid redirection', errors)
  await checkNameIsFree(caller, zone, subDomain, path)
  const client = await caller.ovh()
  const meta = Object.fromEntries(META_FIELDS.filter(field => input[field] !== undefined && input[field] !== null).map(field => [field, input[field]]))
  const created = await client.post<OvhRedirection>('/domain/zone/{zoneName}/redirection', {
    params: { zoneName: zone },
    body: { subDomain, target, type: input.type, ...meta }
  })
  forget(caller, zone)
  return { redirection: created, ...await refreshAfterChange(caller, zone, options.refresh ?? true) }
}

export async function updateRedirection (caller: Caller, name: string, id: string | number, input: RedirectionUpdateInput, options: MutationOptions = {}): Promise<{ redirection: OvhRedirection } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const path = options.path ?? 'input'
  const numericId = recordId(id)
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== null))
  if (Object.keys(given).length === 0) throw badUserInput('nothing to change', [{ field: path, message: 'give at least one of target, type, title, keywords, description' }])
  // What needs no current redirection is checked before any OVH call (a target that is no URL, a
  // title too long); what depends on it (its name, its type) once it is read.
  const early: FieldError[] = []
  if (input.target !== undefined && input.target !== null) checkTarget(input.target, '', `${path}.target`, early)
  checkMeta(input, input.type ?? 'invisible', path, early)
  if (early.length > 0) throw badUserInput('invalid redirection', early)
  const current = await featureReads(caller).redirection(zone).load(String(numericId))
  if (current === null) throw notFound(`redirection ${numericId} of ${zone}`)
  const type = input.type ?? current.type
  const errors: FieldError[] = []
  const body: Record<string, string> = {}
  if (input.target !== undefined && input.target !== null) body.target = checkTarget(input.target, where(zone, current.subDomain ?? ''), `${path}.target`, errors)
  if (input.type !== undefined && input.type !== null) body.type = input.type
  checkMeta(input, type, path, errors)
  if (errors.length > 0) throw badUserInput('invalid redirection', errors)
  for (const field of META_FIELDS) if (typeof input[field] === 'string') body[field] = input[field]
  const client = await caller.ovh()
  await client.put('/domain/zone/{zoneName}/redirection/{id}', { params: { zoneName: zone, id: numericId }, body })
  forget(caller, zone)
  const outcome = await refreshAfterChange(caller, zone, options.refresh ?? true)
  const updated = await featureReads(caller).redirection(zone).load(String(numericId))
  return { redirection: updated ?? { ...current, ...body, type }, ...outcome }
}

export async function deleteRedirection (caller: Caller, name: string, id: string | number, options: MutationOptions = {}): Promise<{ id: number } & RefreshOutcome> {
  caller.require('write')
  const zone = zoneName(name)
  const numericId = recordId(id)
  const client = await caller.ovh()
  await client.delete('/domain/zone/{zoneName}/redirection/{id}', { params: { zoneName: zone, id: numericId } })
  forget(caller, zone)
  return { id: numericId, ...await refreshAfterChange(caller, zone, options.refresh ?? true) }
}
