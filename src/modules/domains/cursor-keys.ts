// The keys behind the domains list's cursors, the same whether OVH or the mirror answers, so a
// client paging while the mirror's first sync completes keeps its place: a name in name order,
// '<epoch ms on 15 digits>|<name>' in a date order (src/mirror/portfolio.ts dateKey).
import type { OvhDomain } from './schemas.js'
import { NO_DATE } from '../../mirror/portfolio.js'

/** Cursor kinds (shared/pagination.ts): one per order, since a key is a position only in its order. */
export function cursorKind (field: 'name' | 'expirationDate' | 'creationDate', descending: boolean): string {
  const order = field === 'name' ? 'name' : field === 'expirationDate' ? 'expiry' : 'creation'
  return `domains.${order}.${descending ? 'desc' : 'asc'}`
}

export const NAME_KEY = (key: string): boolean => /^[^\s|]{1,253}$/.test(key)
export const DATE_KEY = (key: string): boolean => new RegExp(`^(\\d{15}|${NO_DATE})\\|[^\\s|]{1,253}$`).test(key)

// Expiry dates as sortable text: epoch ms, zero-padded, then the name to keep equal dates apart.
export const expiryKey = (domain: OvhDomain): string => `${String(Date.parse(domain.expirationDate)).padStart(15, '0')}|${domain.domain}`
export const nameOfKey = (key: string): string => key.slice(key.lastIndexOf('|') + 1)
