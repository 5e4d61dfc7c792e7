// The catalog service: extensions on sale with their registry configuration, the price list per
// TLD, and the tenant's resale price rules. One implementation behind REST and GraphQL.
import { badUserInput, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { DEFAULT_RULE_TLD } from './price-rule-store.js'
import type { PriceRuleInput, StoredPriceRule } from './price-rule-store.js'
import { pricer } from './pricing.js'
import { extensionList, publicCatalog, registryConfigurations } from './reference.js'
import { PriceRuleInputSchema, TLD, TLD_MESSAGE } from './schemas.js'
import type { RegistryConfigurations, ResalePrice } from './schemas.js'
import { validateInput, withoutNulls } from '../shared/validate.js'

export { checkAvailability } from './availability.js'

export interface Extension {
  tld: string
}

export async function listExtensions (caller: Caller): Promise<Extension[]> {
  caller.require('read')
  return (await extensionList(caller)).map(tld => ({ tld }))
}

function checkTld (tld: string, field = 'tld'): string {
  const value = tld.trim().toLowerCase().replace(/^\./, '')
  if (!TLD.test(value)) throw badUserInput(`"${tld}" is not a TLD`, [{ field, message: TLD_MESSAGE }])
  return value
}

export async function getExtension (caller: Caller, tld: string): Promise<Extension | null> {
  caller.require('read')
  const name = checkTld(tld)
  return (await extensionList(caller)).includes(name) ? { tld: name } : null
}

export async function getRegistryConfigurations (caller: Caller, tld: string): Promise<RegistryConfigurations> {
  caller.require('read')
  return registryConfigurations(caller, checkTld(tld))
}

export interface TldPrices {
  tld: string
  currency: string
  createPrice: ResalePrice | null
  renewPrice: ResalePrice | null
  transferPrice: ResalePrice | null
}

/** One year's create, renew and transfer prices per TLD (OVH's public catalogue, one cached call). */
export async function priceList (caller: Caller, tlds?: readonly string[] | null): Promise<TldPrices[]> {
  caller.require('read')
  const wanted = tlds === undefined || tlds === null ? null : new Set(tlds.map((tld, i) => checkTld(tld, `tlds.${i}`)))
  const [catalog, extensions, prices] = await Promise.all([publicCatalog(caller), extensionList(caller), pricer(caller)])
  const currency = catalog.locale.currencyCode
  // Catalogue prices are in micro-cents (10^-8 of the currency unit).
  const find = (plan: PublicCatalog['plans'][number], mode: string, capacity: string) => {
    const pricing = plan.pricings.find(p => p.mode === mode && p.capacities.includes(capacity))
    return pricing === undefined ? null : prices.resale(plan.planCode, { value: pricing.price / 100_000_000, currencyCode: currency })
  }
  return catalog.plans
    .filter(plan => extensions.includes(plan.planCode) && (wanted === null || wanted.has(plan.planCode)))
    .sort((a, b) => a.planCode.localeCompare(b.planCode))
    .map(plan => ({
      tld: plan.planCode,
      currency,
      createPrice: find(plan, 'create-default', 'installation'),
      renewPrice: find(plan, 'create-default', 'renew'),
      transferPrice: find(plan, 'transfer-default', 'installation')
    }))
}

type PublicCatalog = Awaited<ReturnType<typeof publicCatalog>>

export async function listPriceRules (caller: Caller): Promise<StoredPriceRule[]> {
  // Margins say what OVH charges: visible to those who see costs.
  caller.require('write')
  return (await pricer(caller)).rules
}

// The default rule is '*', or 'default' (easier in a URL), over REST and GraphQL alike: no TLD is
// named 'default'.
function ruleTldOf (tld: string): string {
  const name = tld.trim().toLowerCase()
  return name === DEFAULT_RULE_TLD || name === 'default' ? DEFAULT_RULE_TLD : checkTld(tld)
}

export async function setPriceRule (caller: Caller, tld: string, raw: unknown): Promise<StoredPriceRule> {
  caller.require('admin')
  const name = ruleTldOf(tld)
  // GraphQL's null rounding is "not given", as a REST body without it.
  const input: PriceRuleInput = validateInput(PriceRuleInputSchema, raw !== null && typeof raw === 'object' ? withoutNulls(raw as Record<string, unknown>) : raw)
  const stored = await caller.stores.priceRules.set(caller.tenant.id, name, input, caller.user.id)
  caller.audit('priceRule.set', { tld: name, marginType: stored.marginType, marginValue: stored.marginValue, rounding: stored.rounding })
  return stored
}

export async function deletePriceRule (caller: Caller, tld: string): Promise<boolean> {
  caller.require('admin')
  const name = ruleTldOf(tld)
  if (!await caller.stores.priceRules.remove(caller.tenant.id, name)) throw notFound(`price rule for ${name}`)
  caller.audit('priceRule.delete', { tld: name })
  return true
}
