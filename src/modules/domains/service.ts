// The domains service: one implementation behind both the REST routes and the GraphQL resolvers.
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkCursor, checkPageSize, nodePageOf, pageOf } from '../shared/pagination.js'
import type { LazyNodePage } from '../shared/pagination.js'
import type { DomainFilter, DomainOrder, OvhDomain, ServiceInfos } from './schemas.js'
import { domainReads } from './reads.js'

export interface DomainPage {
  nodes: OvhDomain[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

// Expiry dates as sortable text: epoch ms, zero-padded, then the name to keep equal dates apart.
const expiryKey = (domain: OvhDomain): string => `${String(Date.parse(domain.expirationDate)).padStart(15, '0')}|${domain.domain}`
const nameOfKey = (key: string): string => key.slice(key.lastIndexOf('|') + 1)
const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

// Cursor kinds (shared/pagination.ts): one per order, since a key is a position only in its order.
const cursorKind = (byExpiry: boolean, descending: boolean): string => `domains.${byExpiry ? 'expiry' : 'name'}.${descending ? 'desc' : 'asc'}`
const isNameKey = (key: string): boolean => /^[^\s|]{1,253}$/.test(key)
const isExpiryKey = (key: string): boolean => /^\d{15}\|[^\s|]{1,253}$/.test(key)

function instant (value: string | null | undefined, field: string): number | undefined {
  if (value === undefined || value === null) return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw badUserInput(`${field} is not a date`, [{ field, message: 'must be an ISO-8601 date or date-time' }])
  return ms
}

interface DomainListArgs { first?: number | null, after?: string | null, filter?: DomainFilter | null, orderBy?: DomainOrder | null }

/**
 * The account's domains, filtered and sorted (by name unless asked otherwise), one page at a time.
 * Filters and orders on domain fields read every candidate's details, in batch reads of 50.
 */
export async function domainPage (caller: Caller, args: DomainListArgs): Promise<LazyNodePage<OvhDomain>> {
  caller.require('read')
  const first = checkPageSize(args.first)
  const expiringBefore = instant(args.filter?.expiringBefore, 'filter.expiringBefore')
  const byExpiry = args.orderBy?.field === 'expirationDate'
  const descending = args.orderBy?.direction === 'DESC'
  const compare = descending ? (a: string, b: string) => ascending(b, a) : ascending
  const kind = cursorKind(byExpiry, descending)
  checkCursor(args.after, kind, byExpiry ? isExpiryKey : isNameKey)
  const reads = domainReads(caller)
  let names = await reads.names()
  const contains = args.filter?.nameContains?.trim().toLowerCase()
  if (contains) names = names.filter(name => name.includes(contains))

  let keys = names
  const states = args.filter?.state
  if ((states && states.length > 0) || expiringBefore !== undefined || byExpiry) {
    const details = await loadAll(reads.domain, names)
    const matching: OvhDomain[] = []
    for (const name of names) {
      const domain = details.get(name)
      if (domain === undefined || domain === null) continue
      if (states && states.length > 0 && !states.includes(domain.state)) continue
      if (expiringBefore !== undefined && !(Date.parse(domain.expirationDate) < expiringBefore)) continue
      matching.push(domain)
    }
    keys = matching.map(domain => (byExpiry ? expiryKey(domain) : domain.domain))
  }
  keys = [...keys].sort(compare)

  const page = pageOf(keys, first, args.after, compare, kind)
  // Filtered or sorted by expiry, the page's domains are already read: the loader answers from memory.
  return { totalCount: page.totalCount, load: async () => nodePageOf(page, await reads.domain.loadMany(page.items.map(nameOfKey))) }
}

export async function listDomains (caller: Caller, args: DomainListArgs): Promise<DomainPage> {
  return (await domainPage(caller, args)).load()
}

export async function getDomain (caller: Caller, name: string): Promise<OvhDomain | null> {
  caller.require('read')
  return domainReads(caller).domain.load(normalizeDomainName(name))
}

export async function getServiceInfos (caller: Caller, name: string): Promise<ServiceInfos | null> {
  caller.require('read')
  return domainReads(caller).serviceInfos.load(normalizeDomainName(name))
}

async function loadAll<T> (loader: { loadMany (keys: readonly string[]): Promise<Array<T | null | Error>> }, keys: string[]): Promise<Map<string, T | null>> {
  const values = await loader.loadMany(keys)
  const result = new Map<string, T | null>()
  values.forEach((value, index) => {
    if (value instanceof Error) throw value
    result.set(keys[index], value)
  })
  return result
}
