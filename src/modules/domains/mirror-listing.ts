// The domains list answered from the mirror: a keyset page (src/mirror/portfolio.ts), its total
// counted only when asked for, and the page's stale rows queued for a refresh.
import type { Caller } from '../../upstream/caller.js'
import { decodeCursor, encodeCursor } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import type { DomainFilter } from './schemas.js'
import { portfolioPage, portfolioTotal } from '../../mirror/portfolio.js'
import type { PortfolioOrderField, ReadyView } from '../../mirror/portfolio.js'
import { answered, isStale } from '../../mirror/freshness.js'
import type { AnsweredDomain, DataSource, Freshness } from '../../mirror/freshness.js'

/** A list whose total and page are read only when asked for, and where it comes from
 * (declared here, beside the mirror's listing, so service.ts and this file do not import each other). */
export interface DomainListing {
  source: DataSource
  // When the list itself was last read from OVH (the mirror's last list reconciliation).
  syncedAt: string | null
  totalCount: () => Promise<number>
  load: () => Promise<NodePage<AnsweredDomain>>
}

export interface MirrorListArgs {
  first: number
  after?: string | null
  filter: DomainFilter
  field: PortfolioOrderField
  descending: boolean
  kind: string
  freshness: Freshness
}

export function mirrorDomainListing (caller: Caller, view: ReadyView, args: MirrorListArgs): DomainListing {
  let total: Promise<number> | undefined
  let page: Promise<NodePage<AnsweredDomain>> | undefined
  const load = async (): Promise<NodePage<AnsweredDomain>> => {
    const afterKey = args.after ? decodeCursor(args.after, 'after', args.kind) : undefined
    const { rows, keys, hasNextPage } = await portfolioPage(view, { filter: args.filter, field: args.field, descending: args.descending, first: args.first, afterKey })
    const now = Date.now()
    const stale = rows.filter(row => isStale(row.syncedAt, args.freshness, now)).map(row => row.name)
    if (stale.length > 0) await view.reads.refresh(view.scope, { domains: stale }, 'stale', caller.log)
    return {
      nodes: rows.map(row => answered(row.detail, row.syncedAt, 'MIRROR')),
      cursors: keys.map(key => encodeCursor(key, args.kind)),
      hasNextPage,
      hasPreviousPage: afterKey !== undefined,
      // Known only when counted (totalCount): a page alone does not count the portfolio.
      totalCount: -1
    }
  }
  return {
    source: 'MIRROR',
    syncedAt: view.account.lastListAt?.toISOString() ?? null,
    totalCount: () => (total ??= portfolioTotal(view, args.filter)),
    load: () => (page ??= load())
  }
}
