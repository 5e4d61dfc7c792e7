// Resale prices: OVH's price with the tenant's price rule for the TLD (or its default rule) applied
// and rounded; OVH's price itself (the cost) only for callers who may see it (operators, admins).
import type { Caller } from '../../upstream/caller.js'
import { DEFAULT_RULE_TLD } from './price-rule-store.js'
import type { StoredPriceRule } from './price-rule-store.js'
import type { Money, ResalePrice } from './schemas.js'

const SYMBOLS: Record<string, string> = { EUR: '€', GBP: '£', USD: '$', CAD: '$', AUD: '$', PLN: 'zł', CZK: 'Kč' }

export function money (value: number, currencyCode: string): Money {
  const rounded = Math.round(value * 100) / 100
  return { value: rounded, currencyCode, text: `${rounded.toFixed(2)} ${SYMBOLS[currencyCode] ?? currencyCode}` }
}

export function applyRule (rule: Pick<StoredPriceRule, 'marginType' | 'marginValue' | 'rounding'> | undefined, cost: number): number {
  if (rule === undefined) return cost
  // What OVH gives away stays free (an owner change of most TLDs, the DNS zone of each domain): a
  // margin or a rounding to .99 would quote 0.99 for what the order then bills 0.00, and every
  // quote and order line is priced here, so they agree (issue 14, item 7).
  if (cost === 0) return 0
  let price = rule.marginType === 'percent' ? cost * (1 + rule.marginValue / 100) : cost + rule.marginValue
  // Work in cents from here on, so 10.2 * 100 = 1019.9999 cannot round the wrong way.
  let cents = Math.round(price * 100)
  if (rule.rounding === 'up_to_unit') cents = Math.ceil(cents / 100) * 100
  if (rule.rounding === 'up_to_99') cents = Math.ceil((cents + 1) / 100) * 100 - 1
  price = Math.max(0, cents) / 100
  return price
}

/** Whether the caller sees OVH's own prices: operators and admins do, viewers do not. */
export function seesCost (caller: Caller): boolean {
  return caller.scopes.includes('write')
}

export interface Pricer {
  rules: StoredPriceRule[]
  ruleFor (tld: string): StoredPriceRule | undefined
  resale (tld: string, cost: { value: number, currencyCode: string }): ResalePrice
}

/** The caller's tenant's rules, read once per request. */
export function pricer (caller: Caller): Promise<Pricer> {
  return caller.memo('pricer', async () => {
    const rules = await caller.stores.priceRules.list(caller.tenant.id)
    const byTld = new Map(rules.map(rule => [rule.tld, rule]))
    const ruleFor = (tld: string) => byTld.get(tld.toLowerCase()) ?? byTld.get(DEFAULT_RULE_TLD)
    const showCost = seesCost(caller)
    const result: Pricer = {
      rules,
      ruleFor,
      resale (tld, cost) {
        const rule = ruleFor(tld)
        return {
          price: money(applyRule(rule, cost.value), cost.currencyCode),
          cost: showCost ? money(cost.value, cost.currencyCode) : null,
          rule: rule?.tld ?? null
        }
      }
    }
    return result
  })
}
