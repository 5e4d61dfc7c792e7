// Relay-style cursor pagination over a sorted list of keys (OVH lists return every id at once).
import { badUserInput } from '../../errors.js'

export const MAX_PAGE_SIZE = 100

export interface Page<T> {
  items: T[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

// A cursor may name the connection it comes from (`kind`, e.g. 'records'): another connection,
// whose keys mean something else or are in another order, then refuses it instead of paging from
// a wrong place. Without a kind, the cursor is `k:<key>`, as it always was.
const prefixOf = (kind?: string): string => (kind ? `k:${kind}:` : 'k:')

export function encodeCursor (key: string, kind?: string): string {
  return Buffer.from(`${prefixOf(kind)}${key}`, 'utf8').toString('base64url')
}

function invalidCursor (field: string) {
  return badUserInput('invalid cursor', [{ field, message: 'is not a cursor returned by this API for this list' }])
}

export function decodeCursor (cursor: string, field = 'after', kind?: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!decoded.startsWith(prefixOf(kind))) throw invalidCursor(field)
  return decoded.slice(prefixOf(kind).length)
}

/**
 * Checks a cursor before any upstream call is made for its page: it must be of this connection
 * (`kind`) and hold a key `valid` accepts. A missing cursor is fine.
 */
export function checkCursor (cursor: string | null | undefined, kind: string | undefined, valid: (key: string) => boolean = () => true, field = 'after'): void {
  if (!cursor) return
  if (!valid(decodeCursor(cursor, field, kind))) throw invalidCursor(field)
}

export function checkPageSize (first: number | null | undefined, field = 'first'): number {
  const size = first ?? 50
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`${field} must be between 1 and ${MAX_PAGE_SIZE}`, [{ field, message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }])
  }
  return size
}

const ascending = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The page of `sortedKeys` (sorted by `compare`, ascending string order by default) after the
 * `after` cursor, which must be of the same `kind`. A cursor whose key vanished still works.
 */
export function pageOf (sortedKeys: string[], first: number, after?: string | null, compare: (a: string, b: string) => number = ascending, kind?: string): Page<string> {
  let start = 0
  if (after) {
    const afterKey = decodeCursor(after, 'after', kind)
    start = sortedKeys.findIndex(key => compare(key, afterKey) > 0)
    if (start === -1) start = sortedKeys.length
  }
  const items = sortedKeys.slice(start, start + first)
  return {
    items,
    cursors: items.map(key => encodeCursor(key, kind)),
    hasNextPage: start + first < sortedKeys.length,
    hasPreviousPage: start > 0,
    totalCount: sortedKeys.length
  }
}

/** A key whose string order is the numeric order of `id` (newest first with 'desc'), for pageOf. */
export function idSortKey (id: number, order: 'asc' | 'desc' = 'asc'): string {
  return String(order === 'asc' ? id : Number.MAX_SAFE_INTEGER - id).padStart(16, '0')
}

/** A page of numeric ids, in `order`; the cursors are those of pageOf. */
export function pageOfIds (ids: readonly number[], first: number, after: string | null | undefined, order: 'asc' | 'desc' = 'asc', kind?: string): Page<number> {
  const byKey = new Map(ids.map(id => [idSortKey(id, order), id]))
  const page = pageOf([...byKey.keys()].sort(), first, after, undefined, kind)
  return { ...page, items: page.items.map(key => byKey.get(key)!) }
}

/** Checks a cursor of pageOfIds (of `kind`) before any upstream call is made for the page. */
export function checkIdCursor (cursor: string, field = 'after', kind?: string): void {
  checkCursor(cursor, kind, key => /^\d{16}$/.test(key), field)
}

/** Loaded nodes of a page, with the cursors of the nodes kept (a node that vanished is left out). */
export interface NodePage<T> {
  nodes: T[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

/**
 * The loaded objects of a page of keys (`loaded` in the page's order, as DataLoader's loadMany
 * answers): an object gone between OVH's list and the read (null) is left out rather than failing
 * the page; any other failure fails it.
 */
export function nodePageOf<T> (page: Page<unknown>, loaded: ReadonlyArray<T | null | Error>): NodePage<T> {
  const nodes: T[] = []
  const cursors: string[] = []
  loaded.forEach((node, index) => {
    if (node instanceof Error) throw node
    if (node !== null) {
      nodes.push(node)
      cursors.push(page.cursors[index])
    }
  })
  return { nodes, cursors, hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, totalCount: page.totalCount }
}

/** A GraphQL (Relay) connection of a page. */
export function connectionOf<T> (page: NodePage<T>) {
  return {
    edges: page.nodes.map((node, index) => ({ cursor: page.cursors[index], node })),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors.at(-1) ?? null
    },
    totalCount: page.totalCount
  }
}

/** A page whose objects are read only when `load` is called: the list alone gives `totalCount`. */
export interface LazyNodePage<T> {
  totalCount: number
  load: () => Promise<NodePage<T>>
}

export interface LazyConnection<T> {
  totalCount: number
  connection: () => Promise<ReturnType<typeof connectionOf<T>>>
}

/**
 * A GraphQL connection that reads its nodes only when `edges` or `pageInfo` is asked for (the
 * connection type's resolvers are lazyConnectionResolvers), once: `totalCount` alone costs the
 * list, not the batch read of the page (docs/dns.md).
 */
export function lazyConnectionOf<T> (page: LazyNodePage<T>): LazyConnection<T> {
  let connection: Promise<ReturnType<typeof connectionOf<T>>> | undefined
  return { totalCount: page.totalCount, connection: () => (connection ??= page.load().then(connectionOf)) }
}

// Resolvers, not function-valued properties: graphql-jit's default resolver reads a property and
// never calls it.
export const lazyConnectionResolvers = {
  edges: async (parent: Pick<LazyConnection<unknown>, 'connection'>) => (await parent.connection()).edges,
  pageInfo: async (parent: Pick<LazyConnection<unknown>, 'connection'>) => (await parent.connection()).pageInfo
}

/** The REST shape of a page: items, pageInfo, totalCount. */
export function restPageOf<T> (page: NodePage<T>) {
  return {
    items: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount
  }
}
