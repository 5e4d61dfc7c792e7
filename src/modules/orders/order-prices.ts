// Resale prices of carts and orders: each line at its TLD's rule, totals as the sum of the lines
// (tax in OVH's proportion), OVH's own figures as the cost for those who may see them.
import type { Caller } from '../../upstream/caller.js'
import { money, pricer, seesCost } from '../catalog/pricing.js'
import { extensionList, tldGuess, tldOf } from '../catalog/reference.js'
import type { OvhPrice, ResalePrice } from '../catalog/schemas.js'
import type { OvhOrderPreview } from './schemas.js'

export interface Line { domain: string, unitPrice: OvhPrice, totalPrice: OvhPrice, planCode?: string | null }

export interface PricedLine { unitPrice: ResalePrice, totalPrice: ResalePrice }

export interface PricedTotals { withoutTax: ResalePrice, tax: ResalePrice, withTax: ResalePrice }

/** The TLD whose price rule applies to a domain ('a.co.uk' -> 'co.uk'), with the TLD list cached. */
export async function tldResolver (caller: Caller): Promise<(domain: string, planCode?: string | null) => string> {
  let extensions: string[] = []
  try {
    extensions = await extensionList(caller)
  } catch {
    // Without the list (OVH down), the last label is the best guess; prices still show.
  }
  return (domain, planCode) => {
    // A plan of a TLD (com, com-trade, net-restore) names it; an option of a domain (dns-anycast)
    // is sold at its domain's TLD's rule.
    if (planCode && (extensions.length === 0 || extensions.includes(planCode.replace(/-(trade|restore)$/, '')))) return planCode.replace(/-trade$/, '')
    return tldOf(domain, extensions) ?? tldGuess(domain)
  }
}

export async function priceLines<T extends Line> (caller: Caller, lines: T[]): Promise<Array<T & PricedLine>> {
  const [prices, tldOf] = await Promise.all([pricer(caller), tldResolver(caller)])
  // The pricing function quotes use: a free line (the DNS zone OVH adds with each domain, a free
  // owner change) stays free there.
  return lines.map(line => {
    const tld = tldOf(line.domain, line.planCode)
    return { ...line, unitPrice: prices.resale(tld, line.unitPrice), totalPrice: prices.resale(tld, line.totalPrice) }
  })
}

export function totals (caller: Caller, lines: PricedLine[], ovh: { withoutTax: OvhPrice, tax: OvhPrice, withTax: OvhPrice }): PricedTotals {
  const currency = ovh.withoutTax.currencyCode
  const withoutTax = lines.reduce((sum, line) => sum + line.totalPrice.price.value, 0)
  // OVH's tax rate, applied to the resale amount.
  const rate = ovh.withoutTax.value === 0 ? 0 : ovh.tax.value / ovh.withoutTax.value
  const tax = Math.round(withoutTax * rate * 100) / 100
  const cost = seesCost(caller)
  const rule = lines.length === 0 ? null : lines.every(line => line.totalPrice.rule === lines[0].totalPrice.rule) ? lines[0].totalPrice.rule : null
  const resale = (value: number, of: OvhPrice): ResalePrice => ({ price: money(value, currency), cost: cost ? money(of.value, of.currencyCode) : null, rule })
  return {
    withoutTax: resale(withoutTax, ovh.withoutTax),
    tax: resale(tax, ovh.tax),
    withTax: resale(withoutTax + tax, ovh.withTax)
  }
}

// What coupons take off (OVH's reduction of each line), in resale prices: each line's price before
// the reduction less its price after, at the line's rule, so the discount and the totals agree.
async function discountOf (caller: Caller, preview: OvhOrderPreview, details: PricedLine[]): Promise<ResalePrice> {
  const originals = await priceLines(caller, preview.details.map(line => ({ ...line, totalPrice: line.originalTotalPrice ?? line.totalPrice })))
  const currency = preview.prices.withoutTax.currencyCode
  const value = originals.reduce((sum, line, index) => sum + line.totalPrice.price.value - details[index].totalPrice.price.value, 0)
  const cost = preview.details.reduce((sum, line) => sum + (line.originalTotalPrice ?? line.totalPrice).value - line.totalPrice.value, 0)
  return { price: money(value, currency), cost: seesCost(caller) ? money(cost, currency) : null, rule: null }
}

export async function pricePreview (caller: Caller, preview: OvhOrderPreview) {
  const details = await priceLines(caller, preview.details)
  return {
    discount: await discountOf(caller, preview, details),
    orderId: preview.orderId,
    url: preview.url,
    contracts: preview.contracts,
    details: details.map(line => ({
      cartItemID: line.cartItemID,
      description: line.description,
      detailType: line.detailType,
      domain: line.domain,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      totalPrice: line.totalPrice
    })),
    prices: totals(caller, details, preview.prices)
  }
}

export type PricedPreview = Awaited<ReturnType<typeof pricePreview>>
