// The domains service: one implementation behind both the REST routes and the GraphQL resolvers.
// Reads come from the portfolio mirror when it holds the answer (src/mirror/), from OVH otherwise
// (and what OVH answered is kept in the mirror); `live` asks for OVH.
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkCursor, checkPageSize, nodePageOf, pageOf } from '../shared/pagination.js'
import type { DomainFilter, DomainOrder, OvhDomain, ServiceInfos } from './schemas.js'
import { domainReads } from './reads.js'
import { mirrorViewOf, portfolioReady } from '../../mirror/view.js'
import type { MirrorView } from '../../mirror/view.js'
import { answered, freshnessOf, isStale } from '../../mirror/freshness.js'
import type { AnsweredDomain, DataSource, Freshness, FreshnessArgs } from '../../mirror/freshness.js'
import { checkDomainVisible, findMirroredDomain, keepLiveDomains } from '../../mirror/domain-reads.js'
import { mirrorDomainListing } from './mirror-listing.js'
import type { DomainListing } from './mirror-listing.js'
import { liveMatching } from './live-matching.js'
import { DATE_KEY, NAME_KEY, cursorKind, expiryKey, nameOfKey } from './cursor-keys.js'

export type { DomainListing }

export interface DomainPage {
  nodes: AnsweredDomain[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

function instant (value: string | null | undefined, field: string): number | undefined {
  if (value === undefined || value === null) return undefined
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) throw badUserInput(`${field} is not a date`, [{ field, message: 'must be an ISO-8601 date or date-time' }])
  return ms
}

export interface DomainListArgs extends FreshnessArgs { first?: number | null, after?: string | null, filter?: DomainFilter | null, orderBy?: DomainOrder | null }

/** Checks what a list, a count or an export is asked for, before anything is read. */
export function checkedFilter (filter: DomainFilter | null | undefined): DomainFilter {
  instant(filter?.expiringBefore, 'filter.expiringBefore')
  instant(filter?.expiringAfter, 'filter.expiringAfter')
  return filter ?? {}
}

/** The caller's view of the mirror when it answers portfolio queries (first sync complete), else null. */
async function portfolioView (caller: Caller, freshness: Freshness) {
  if (freshness.live) return null
  const view = await mirrorViewOf(caller)
  return portfolioReady(view) ? view : null
}

/**
 * The account's domains, filtered and sorted (by name unless asked otherwise), one page at a time:
 * from the mirror once its first sync is complete, else from OVH, where filters and orders on
 * domain fields read every candidate's details, in batch reads of 50.
 */
export async function domainListing (caller: Caller, args: DomainListArgs): Promise<DomainListing> {
  caller.require('read')
  const first = checkPageSize(args.first)
  const filter = checkedFilter(args.filter)
  const field = args.orderBy?.field ?? 'name'
  const descending = args.orderBy?.direction === 'DESC'
  const kind = cursorKind(field, descending)
  checkCursor(args.after, kind, field === 'name' ? NAME_KEY : DATE_KEY)
  const freshness = freshnessOf(args, caller.mirror?.maxAgeSeconds ?? 0)
  const view = await portfolioView(caller, freshness)
  if (view !== null) return mirrorDomainListing(caller, view, { first, after: args.after, filter, field, descending, kind, freshness })
  if (field === 'creationDate') {
    throw badUserInput('ordering by creationDate needs the portfolio mirror', [{ field: 'orderBy.field', message: 'creationDate comes from the mirror, whose first sync of your OVH account is not complete: order by name or expirationDate meanwhile' }])
  }
  return liveDomainListing(caller, { first, after: args.after, filter, byExpiry: field === 'expirationDate', descending, kind })
}

interface LiveListArgs { first: number, after?: string | null, filter: DomainFilter, byExpiry: boolean, descending: boolean, kind: string }

async function liveDomainListing (caller: Caller, args: LiveListArgs): Promise<DomainListing> {
  const compare = args.descending ? (a: string, b: string) => ascending(b, a) : ascending
  const reads = domainReads(caller)
  const readAt = new Date()
  const matching = await liveMatching(caller, args.filter, args.byExpiry)
  const keys = (matching.details === undefined
    ? matching.names
    : matching.details.map(domain => (args.byExpiry ? expiryKey(domain) : domain.domain))).sort(compare)
  const page = pageOf(keys, args.first, args.after, compare, args.kind)
  return {
    source: 'LIVE',
    syncedAt: readAt.toISOString(),
    totalCount: async () => page.totalCount,
    // Filtered or sorted by expiry, the page's domains are already read: the loader answers from memory.
    load: async () => {
      const loaded = await reads.domain.loadMany(page.items.map(nameOfKey))
      const read = loaded.filter((domain): domain is OvhDomain => domain !== null && !(domain instanceof Error))
      const view = await mirrorViewOf(caller)
      if (view !== null) await keepLiveDomains(caller, view, read, readAt)
      return nodePageOf(page, loaded.map(domain => (domain === null || domain instanceof Error ? domain : answered(domain, readAt, 'LIVE'))))
    }
  }
}

export async function listDomains (caller: Caller, args: DomainListArgs): Promise<DomainPage & { source: DataSource, syncedAt: string | null }> {
  const listing = await domainListing(caller, args)
  const [page, totalCount] = await Promise.all([listing.load(), listing.totalCount()])
  return { ...page, totalCount, source: listing.source, syncedAt: listing.syncedAt }
}

/**
 * One domain: from the mirror when it holds it (a stale copy is answered and its refresh queued),
 * else read from OVH once and kept. Null when the account has no such domain.
 */
export async function getDomain (caller: Caller, name: string, args: FreshnessArgs = {}): Promise<AnsweredDomain | null> {
  caller.require('read')
  const normalized = normalizeDomainName(name)
  const freshness = freshnessOf(args, caller.mirror?.maxAgeSeconds ?? 0)
  const view = await mirrorViewOf(caller)
  if (view !== null) {
    checkDomainVisible(view, normalized)
    if (!freshness.live) {
      const mirrored = await findMirroredDomain(view, normalized)
      if (mirrored !== null) {
        if (isStale(mirrored.syncedAt, freshness)) await view.reads.refresh(view.scope, { domains: [normalized] }, 'stale', caller.log)
        return answered(mirrored.detail, mirrored.syncedAt, 'MIRROR')
      }
    }
  }
  return await liveDomain(caller, view, normalized, freshness.live)
}

async function liveDomain (caller: Caller, view: MirrorView | null, name: string, asked: boolean): Promise<AnsweredDomain | null> {
  const readAt = new Date()
  const domain = await domainReads(caller).domain.load(name)
  if (view !== null) {
    if (domain !== null) await keepLiveDomains(caller, view, [domain], readAt)
    // What the mirror did not know yet is the sync's to complete (the service's data); a domain a
    // live read no longer finds is the sync's to remove from the mirror.
    if (domain !== null && !asked) await view.reads.refresh(view.scope, { domains: [name] }, 'unknown', caller.log)
    if (domain === null && asked) await view.reads.refresh(view.scope, { domains: [name] }, 'stale', caller.log)
  }
  return domain === null ? null : answered(domain, readAt, 'LIVE')
}

export async function getServiceInfos (caller: Caller, name: string): Promise<ServiceInfos | null> {
  caller.require('read')
  return domainReads(caller).serviceInfos.load(normalizeDomainName(name))
}
