// Portfolio filters as SQL over the mirror's columns, always inside one tenant's account and
// within what the caller's access rules let it see (view.ts, access.ts).
import { Prisma } from '../generated/prisma/client.js'
import { domainAccessSql } from './access.js'
import type { MirrorView } from './view.js'

export interface PortfolioFilter {
  nameContains?: string | null
  state?: readonly string[] | null
  tld?: readonly string[] | null
  // ISO instants (checked by the transports): expiry strictly before / strictly after.
  expiringBefore?: string | null
  expiringAfter?: string | null
  renewalState?: readonly string[] | null
  transferLockStatus?: readonly string[] | null
  nameServerType?: readonly string[] | null
}

// LIKE treats % and _ as wildcards and \ as its escape: a searched text stays literal.
export function likeLiteral (text: string): string {
  return text.replace(/[\\%_]/g, match => `\\${match}`)
}

/** '.CO.uk' -> 'co.uk', as tldOf spells extensions. */
export function normalizeTld (tld: string): string {
  return tld.trim().toLowerCase().replace(/^\.+/, '')
}

const anyOf = (column: Prisma.Sql, values: readonly string[] | null | undefined): Prisma.Sql | undefined =>
  values && values.length > 0 ? Prisma.sql`${column} = ANY(${[...values]}::text[])` : undefined

/** The conditions every portfolio query of this view starts from, plus the filter's. */
export function portfolioConditions (view: MirrorView & { account: { id: string } }, filter: PortfolioFilter | null | undefined): Prisma.Sql[] {
  const conditions: Array<Prisma.Sql | undefined> = [
    Prisma.sql`"tenantId" = ${view.scope.tenantId}::uuid`,
    Prisma.sql`"accountId" = ${view.account.id}::uuid`,
    // A name the list gave whose details the sync has not read yet is not in the portfolio yet.
    Prisma.sql`"detail" IS NOT NULL`,
    domainAccessSql(view.access)
  ]
  const contains = filter?.nameContains?.trim().toLowerCase()
  if (contains) conditions.push(Prisma.sql`"name" LIKE ${`%${likeLiteral(contains)}%`}`)
  conditions.push(
    anyOf(Prisma.sql`"state"`, filter?.state),
    anyOf(Prisma.sql`"tld"`, filter?.tld?.map(normalizeTld)),
    anyOf(Prisma.sql`"renewalState"`, filter?.renewalState),
    anyOf(Prisma.sql`"transferLock"`, filter?.transferLockStatus),
    anyOf(Prisma.sql`"nameServerType"`, filter?.nameServerType)
  )
  if (filter?.expiringBefore) conditions.push(Prisma.sql`"expiresAt" < ${new Date(filter.expiringBefore).toISOString()}::timestamp`)
  if (filter?.expiringAfter) conditions.push(Prisma.sql`"expiresAt" > ${new Date(filter.expiringAfter).toISOString()}::timestamp`)
  return conditions.filter((condition): condition is Prisma.Sql => condition !== undefined)
}

export function whereSql (conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}`
}
