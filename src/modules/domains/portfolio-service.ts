// Counts and the CSV export of the portfolio: from the mirror once its first sync is complete
// (one grouped scan; a keyset walk of the rows), else from OVH, reading every matching domain's
// details in batch reads, each reserved from the caller's budget before it is made (so a
// portfolio bigger than the budget is refused, RATE_LIMITED or BAD_USER_INPUT, having made no call).
import type { Caller } from '../../upstream/caller.js'
import type { DomainFilter, OvhDomain } from './schemas.js'
import { checkedFilter } from './service.js'
import { liveMatching } from './live-matching.js'
import { mirrorViewOf, portfolioReady } from '../../mirror/view.js'
import { portfolioCounts, portfolioExportRows } from '../../mirror/portfolio.js'
import type { ExportRow, PortfolioCounts } from '../../mirror/portfolio.js'
import { domainColumnsOf } from '../../mirror/domain-row.js'
import type { DataSource } from '../../mirror/freshness.js'
import { keepLiveDomains } from '../../mirror/domain-reads.js'

async function readyView (caller: Caller, live: boolean) {
  if (live) return null
  const view = await mirrorViewOf(caller)
  return portfolioReady(view) ? view : null
}

// Every matching domain read from OVH now, and kept in the mirror.
async function liveDetails (caller: Caller, filter: DomainFilter): Promise<OvhDomain[]> {
  const readAt = new Date()
  const { details } = await liveMatching(caller, filter, true)
  const view = await mirrorViewOf(caller)
  if (view !== null) await keepLiveDomains(caller, view, details!, readAt)
  return details!
}

export async function domainCounts (caller: Caller, args: { filter?: DomainFilter | null, live?: boolean | null }): Promise<PortfolioCounts & { source: DataSource }> {
  caller.require('read')
  const filter = checkedFilter(args.filter)
  const view = await readyView(caller, args.live === true)
  if (view !== null) return { ...await portfolioCounts(view, filter), source: 'MIRROR' }
  const details = await liveDetails(caller, filter)
  const tally = (keys: string[]) => {
    const counts = new Map<string, number>()
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
    return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  }
  const columns = details.map(domainColumnsOf)
  return {
    total: details.length,
    byState: tally(columns.map(c => c.state ?? 'unknown')).map(([state, count]) => ({ state, count })),
    byTld: tally(columns.map(c => c.tld)).map(([tld, count]) => ({ tld, count })),
    source: 'LIVE'
  }
}

/** The rows of an export, in name order, and where they come from. */
export async function domainExport (caller: Caller, args: { filter?: DomainFilter | null, live?: boolean | null }): Promise<{ source: DataSource, rows: AsyncIterable<ExportRow> }> {
  caller.require('read')
  const filter = checkedFilter(args.filter)
  const view = await readyView(caller, args.live === true)
  if (view !== null) return { source: 'MIRROR', rows: portfolioExportRows(view, filter) }
  // Read whole before the answer starts, so a refusal is a coded error rather than a cut file.
  const readAt = new Date()
  const details = await liveDetails(caller, filter)
  const rows: ExportRow[] = details.map(detail => ({ ...domainColumnsOf(detail), creationDate: null, renewalPeriod: null, syncedAt: readAt }))
  rows.sort((a, b) => (a.name < b.name ? -1 : 1))
  return { source: 'LIVE', rows: (async function * () { yield * rows })() }
}
