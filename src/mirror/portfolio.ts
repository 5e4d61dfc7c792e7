// Portfolio queries on the mirror: keyset pages in name, expiry or creation order, totals, counts
// by state and TLD, and the rows of an export, with no OVH call. Each page is one index range
// scan on the (accountId, column, name) indexes: a cursor is the last row's sort key and name,
// never an offset, so page 1,000 costs what page 1 does (docs/mirror.md "Performance").
import { Prisma } from '../generated/prisma/client.js'
import type { OvhDomain } from '../modules/domains/schemas.js'
import { portfolioConditions, whereSql } from './portfolio-filter.js'
import type { PortfolioFilter } from './portfolio-filter.js'
import type { MirrorAccountRow, MirrorView } from './view.js'

export type PortfolioOrderField = 'name' | 'expirationDate' | 'creationDate'
export type ReadyView = MirrorView & { account: MirrorAccountRow }

const COLUMNS: Record<Exclude<PortfolioOrderField, 'name'>, Prisma.Sql> = {
  expirationDate: Prisma.sql`"expiresAt"`,
  creationDate: Prisma.sql`"creationDate"`
}

// A date order's key: epoch ms on 15 digits (as the live path's expiry cursors), or this for a
// row without the date, which sorts after every date whatever the direction; then '|' and the name.
export const NO_DATE = '~'.repeat(15)

export function dateKey (date: Date | null, name: string): string {
  return `${date === null ? NO_DATE : String(date.getTime()).padStart(15, '0')}|${name}`
}

function splitDateKey (key: string): { date: string | null, name: string } {
  const bar = key.indexOf('|')
  const stamp = key.slice(0, bar)
  return { date: stamp === NO_DATE ? null : new Date(Number(stamp)).toISOString(), name: key.slice(bar + 1) }
}

export interface PortfolioRow {
  name: string
  detail: OvhDomain
  syncedAt: Date
  expiresAt: Date | null
  creationDate: Date | null
}

export interface PortfolioPageArgs {
  filter?: PortfolioFilter | null
  field: PortfolioOrderField
  descending: boolean
  first: number
  // The key of the cursor (already checked): a name, or a dateKey.
  afterKey?: string
}

const SELECT_PAGE = Prisma.sql`SELECT "name", "detail", "syncedAt", "expiresAt", "creationDate" FROM "MirrorDomain"`

/** One page (and whether there is another) with the key of each row, for the cursors. */
export async function portfolioPage (view: ReadyView, args: PortfolioPageArgs): Promise<{ rows: PortfolioRow[], keys: string[], hasNextPage: boolean }> {
  const db = view.reads.db
  const base = portfolioConditions(view, args.filter)
  const dir = args.descending ? Prisma.sql`DESC` : Prisma.sql`ASC`
  const cmp = args.descending ? Prisma.sql`<` : Prisma.sql`>`
  const limit = args.first + 1
  if (args.field === 'name') {
    const conditions = args.afterKey === undefined ? base : [...base, Prisma.sql`"name" ${cmp} ${args.afterKey}`]
    const rows = await db.$queryRaw<PortfolioRow[]>`${SELECT_PAGE} ${whereSql(conditions)} ORDER BY "name" ${dir} LIMIT ${limit}`
    return pageOfRows(rows, args.first, row => row.name)
  }
  const column = COLUMNS[args.field]
  const keyOf = (row: PortfolioRow) => dateKey(args.field === 'expirationDate' ? row.expiresAt : row.creationDate, row.name)
  const after = args.afterKey === undefined ? undefined : splitDateKey(args.afterKey)
  // Rows with the date first, in (date, name) order: a row-value comparison the index answers as a range.
  let rows: PortfolioRow[] = []
  if (after?.date !== null) {
    const conditions = [...base, Prisma.sql`${column} IS NOT NULL`]
    if (after !== undefined) conditions.push(Prisma.sql`(${column}, "name") ${cmp} (${after.date}::timestamp, ${after.name})`)
    rows = await db.$queryRaw<PortfolioRow[]>`${SELECT_PAGE} ${whereSql(conditions)} ORDER BY ${column} ${dir}, "name" ${dir} LIMIT ${limit}`
  }
  // Then, once those are through, the rows without it, by name.
  if (rows.length < limit) {
    const conditions = [...base, Prisma.sql`${column} IS NULL`]
    if (after?.date === null) conditions.push(Prisma.sql`"name" ${cmp} ${after.name}`)
    rows = rows.concat(await db.$queryRaw<PortfolioRow[]>`${SELECT_PAGE} ${whereSql(conditions)} ORDER BY "name" ${dir} LIMIT ${limit - rows.length}`)
  }
  return pageOfRows(rows, args.first, keyOf)
}

function pageOfRows (rows: PortfolioRow[], first: number, keyOf: (row: PortfolioRow) => string) {
  const page = rows.slice(0, first)
  return { rows: page, keys: page.map(keyOf), hasNextPage: rows.length > first }
}

/** How many domains match (all pages together). */
export async function portfolioTotal (view: ReadyView, filter: PortfolioFilter | null | undefined): Promise<number> {
  const [row] = await view.reads.db.$queryRaw<Array<{ total: number }>>`SELECT count(*)::int AS "total" FROM "MirrorDomain" ${whereSql(portfolioConditions(view, filter))}`
  return row.total
}

export interface PortfolioCounts {
  total: number
  byState: Array<{ state: string, count: number }>
  byTld: Array<{ tld: string, count: number }>
}

/** Totals by state and by TLD, in one scan (GROUPING SETS), largest first. */
export async function portfolioCounts (view: ReadyView, filter: PortfolioFilter | null | undefined): Promise<PortfolioCounts> {
  const rows = await view.reads.db.$queryRaw<Array<{ state: string | null, tld: string | null, byState: number, byTld: number, count: number }>>`
    SELECT "state", "tld", (1 - GROUPING("state"))::int AS "byState", (1 - GROUPING("tld"))::int AS "byTld", count(*)::int AS "count"
    FROM "MirrorDomain" ${whereSql(portfolioConditions(view, filter))}
    GROUP BY GROUPING SETS (("state"), ("tld"), ())`
  const largestFirst = <T extends { count: number }>(list: T[], key: (item: T) => string) =>
    list.sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : 1))
  return {
    total: rows.find(row => row.byState === 0 && row.byTld === 0)?.count ?? 0,
    byState: largestFirst(rows.filter(row => row.byState === 1).map(row => ({ state: row.state ?? 'unknown', count: row.count })), item => item.state),
    byTld: largestFirst(rows.filter(row => row.byTld === 1).map(row => ({ tld: row.tld ?? '', count: row.count })), item => item.tld)
  }
}

export interface ExportRow {
  name: string
  tld: string
  state: string | null
  expiresAt: Date | null
  creationDate: Date | null
  renewalState: string | null
  renewalPeriod: number | null
  transferLock: string | null
  nameServerType: string | null
  nameServers: string[]
  ownerContactId: string | null
  serviceId: bigint | null
  syncedAt: Date
}

// Rows per query of an export: memory stays at one chunk whatever the portfolio's size.
export const EXPORT_CHUNK = 1_000

/** Every matching domain in name order, a chunk at a time (keyset, as pages are). */
export async function * portfolioExportRows (view: ReadyView, filter: PortfolioFilter | null | undefined): AsyncGenerator<ExportRow> {
  const base = portfolioConditions(view, filter)
  let after: string | undefined
  for (;;) {
    const conditions = after === undefined ? base : [...base, Prisma.sql`"name" > ${after}`]
    const rows = await view.reads.db.$queryRaw<ExportRow[]>`
      SELECT "name", "tld", "state", "expiresAt", "creationDate", "renewalState", "renewalPeriod", "transferLock", "nameServerType",
        "nameServers", "ownerContactId", "serviceId", "syncedAt"
      FROM "MirrorDomain" ${whereSql(conditions)} ORDER BY "name" LIMIT ${EXPORT_CHUNK}`
    yield * rows
    if (rows.length < EXPORT_CHUNK) return
    after = rows[rows.length - 1].name
  }
}
