// The tenants' resale price rules (PriceRule): one per TLD, plus the default ('*').
import type { Db } from '../../db/client.js'
import type { PriceMarginType, PriceRounding } from '../../generated/prisma/client.js'

export const DEFAULT_RULE_TLD = '*'

export interface PriceRuleInput {
  marginType: PriceMarginType
  marginValue: number
  rounding: PriceRounding
}

export interface StoredPriceRule extends PriceRuleInput {
  tld: string
  updatedAt: Date
}

export function createPriceRuleStore (db: Db) {
  const view = (row: { tld: string, marginType: PriceMarginType, marginValue: unknown, rounding: PriceRounding, updatedAt: Date }): StoredPriceRule => ({
    tld: row.tld,
    marginType: row.marginType,
    // Decimal(12,4): exact in the database, a plain number is precise enough for prices.
    marginValue: Number(row.marginValue),
    rounding: row.rounding,
    updatedAt: row.updatedAt
  })

  return {
    async list (tenantId: string): Promise<StoredPriceRule[]> {
      const rows = await db.priceRule.findMany({ where: { tenantId }, orderBy: { tld: 'asc' } })
      return rows.map(view)
    },

    async set (tenantId: string, tld: string, input: PriceRuleInput, userId: string): Promise<StoredPriceRule> {
      const data = { marginType: input.marginType, marginValue: input.marginValue, rounding: input.rounding, updatedBy: userId }
      const row = await db.priceRule.upsert({
        where: { tenantId_tld: { tenantId, tld } },
        create: { tenantId, tld, ...data },
        update: data
      })
      return view(row)
    },

    async remove (tenantId: string, tld: string): Promise<boolean> {
      const { count } = await db.priceRule.deleteMany({ where: { tenantId, tld } })
      return count > 0
    }
  }
}

export type PriceRuleStore = ReturnType<typeof createPriceRuleStore>
