// A domain's options in a cart (OVH's /order/cart/{cartId}/domain/options): what a domain the cart
// registers or transfers in can be ordered with (DNS Anycast...), at the tenant's resale prices
// (the domain's TLD rule: an option is sold with its domain), and adding one to the domain's item.
// The option is an item of its own whose parentItemId is the domain's; the checkout orders it
// with the domain. Only the caller's own carts, as every cart route. @see docs/ordering.md
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { pricer } from '../catalog/pricing.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { cartReads, itemView, onCart, ownCart } from './cart-reads.js'
import type { CartItemView } from './cart-reads.js'
import { itemIdOf, yearsToDuration } from './carts.js'
import { PlanCodeSchema, PricingModeSchema, problemOf } from './input-formats.js'
import { tldResolver } from './order-prices.js'
import type { OvhPrice, ResalePrice } from '../catalog/schemas.js'
import type { OvhCartItem } from './schemas.js'

// OVH's order.cart.GenericOptionDefinition and GenericProductPricing, as far as they are used.
interface OvhOptionPricing {
  capacities: string[]
  description: string
  duration: string
  interval: number
  pricingMode: string
  pricingType: string
  price: OvhPrice
}
interface OvhOptionDefinition {
  planCode: string
  productName: string
  productType: string
  family: string
  exclusive: boolean
  mandatory: boolean
  prices: OvhOptionPricing[]
}

export interface CartDomainOptionView {
  domain: string
  planCode: string
  productName: string
  family: string
  exclusive: boolean
  mandatory: boolean
  pricings: Array<{ duration: string, years: number | null, pricingMode: string, pricingType: string, capacities: string[], description: string, price: ResalePrice }>
}

const yearsOf = (duration: string): number | null => {
  const match = /^P(\d+)Y$/.exec(duration)
  return match === null ? null : Number(match[1])
}

/** The options OVH offers for a domain of the cart; none for a name the cart does not order. */
export async function cartDomainOptions (caller: Caller, cartId: string, rawDomain: string): Promise<CartDomainOptionView[]> {
  caller.require('read')
  const domain = normalizeDomainName(rawDomain, 'domain')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  const [options, prices, tldOf] = await Promise.all([
    onCart(cartId, () => client.get<OvhOptionDefinition[]>('/order/cart/{cartId}/domain/options', { params: { cartId }, query: { domain } })),
    pricer(caller),
    tldResolver(caller)
  ])
  // Sold with the domain: the domain's TLD rule applies (as to the order's lines).
  const tld = tldOf(domain)
  return options.map(option => ({
    domain,
    planCode: option.planCode,
    productName: option.productName,
    family: option.family,
    exclusive: option.exclusive,
    mandatory: option.mandatory,
    pricings: option.prices.map(pricing => ({
      duration: pricing.duration,
      years: yearsOf(pricing.duration),
      pricingMode: pricing.pricingMode,
      pricingType: pricing.pricingType,
      capacities: pricing.capacities,
      description: pricing.description,
      price: prices.resale(tld, pricing.price)
    }))
  }))
}

export interface AddCartDomainOptionInput {
  itemId: string | number
  planCode: string
  duration?: number | null
  pricingMode?: string | null
}

/** Adds an option to a domain item of the cart; answers the option's own item. */
export async function addCartDomainOption (caller: Caller, cartId: string, input: AddCartDomainOptionInput, path = 'input'): Promise<CartItemView> {
  caller.require('write')
  const itemId = itemIdOf(input.itemId, `${path}.itemId`)
  const duration = yearsToDuration(input.duration, `${path}.duration`)
  const fields = [
    { field: `${path}.planCode`, problem: problemOf(PlanCodeSchema, input.planCode) },
    { field: `${path}.pricingMode`, problem: input.pricingMode == null ? null : problemOf(PricingModeSchema, input.pricingMode) }
  ].filter(entry => entry.problem !== null)
  if (fields.length > 0) throw badUserInput('invalid domain option', fields.map(entry => ({ field: entry.field, message: entry.problem! })))
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  // OVH requires every field; an option is one of its kind, priced by OVH's 'default' mode.
  const item = await onCart(cartId, () => client.post<OvhCartItem>('/order/cart/{cartId}/domain/options', {
    params: { cartId },
    body: { itemId, planCode: input.planCode, duration, pricingMode: input.pricingMode ?? 'default', quantity: 1 }
  }))
  // The cart changed: later reads in this request must see the new item and summary.
  cartReads(caller).summary.clear(cartId)
  cartReads(caller).cart.clear(cartId)
  return itemView(caller, item)
}
