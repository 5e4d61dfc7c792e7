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

export function encodeCursor (key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url')
}

export function decodeCursor (cursor: string, field = 'after'): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8')
  if (!decoded.startsWith('k:')) throw badUserInput('invalid cursor', [{ field, message: 'is not a cursor returned by this API' }])
  return decoded.slice(2)
}

export function checkPageSize (first: number | null | undefined, field = 'first'): number {
  const size = first ?? 50
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`${field} must be between 1 and ${MAX_PAGE_SIZE}`, [{ field, message: `must be an integer from 1 to ${MAX_PAGE_SIZE}` }])
  }
  return size
}

/** The page of `sortedKeys` after the `after` cursor. A cursor whose key vanished still works. */
export function pageOf (sortedKeys: string[], first: number, after?: string | null): Page<string> {
  let start = 0
  if (after) {
    const afterKey = decodeCursor(after)
    start = sortedKeys.findIndex(key => key > afterKey)
    if (start === -1) start = sortedKeys.length
  }
  const items = sortedKeys.slice(start, start + first)
  return {
    items,
    cursors: items.map(encodeCursor),
    hasNextPage: start + first < sortedKeys.length,
    hasPreviousPage: start > 0,
    totalCount: sortedKeys.length
  }
}

/** The id in a cursor of pageOfIds; checked before any upstream call. */
export function decodeIdCursor (cursor: string, field = 'after'): number {
  const key = decodeCursor(cursor, field)
  if (!/^\d+$/.test(key)) throw badUserInput('invalid cursor', [{ field, message: 'is not a cursor returned by this API' }])
  return Number(key)
}

/** The page of numeric ids (OVH task, contact... ids) after the `after` cursor, in the order given. */
export function pageOfIds (ids: number[], order: 'asc' | 'desc', first: number, after?: string | null): Page<number> {
  const sorted = [...new Set(ids)].sort((a, b) => order === 'asc' ? a - b : b - a)
  let start = 0
  if (after) {
    const afterId = decodeIdCursor(after)
    start = sorted.findIndex(id => order === 'asc' ? id > afterId : id < afterId)
    if (start === -1) start = sorted.length
  }
  const items = sorted.slice(start, start + first)
  return {
    items,
    cursors: items.map(id => encodeCursor(String(id))),
    hasNextPage: start + first < sorted.length,
    hasPreviousPage: start > 0,
    totalCount: sorted.length
  }
}

/** Loaded nodes of a page, with the cursors of the nodes kept (a node that vanished is left out). */
export interface NodePage<T> {
  nodes: T[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
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

/** The REST shape of a page: items, pageInfo, totalCount. */
export function restPageOf<T> (page: NodePage<T>) {
  return {
    items: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: page.totalCount
  }
}
