// OVH representations of carts: order.cart.Cart, order.cart.Item, order.cart.ProductInformation
// and order.Order (summary, dry-run and real checkout).
import type { CartItemState, CartState } from '../state/order-types.js'
import { comesWithZone } from '../state/order-types.js'
import { formatDateTime } from '../time.js'
import type { Offer } from './availability.js'
import { addTax, convertCents, subsidiaryOf, toPrice } from './catalog.js'
import { requirementsOf } from './carts.js'
import { discountCents } from './coupons.js'
import { domainOptionOf } from './domain-options.js'

export function toCart (cart: CartState) {
  return {
    cartId: cart.cartId,
    description: cart.description,
    expire: formatDateTime(cart.expire),
    items: cart.items.map(item => item.itemId),
    readOnly: cart.readOnly
  }
}

function cartPrice (label: string, cents: number, currency: string) {
  return { label, price: toPrice(cents, currency), promotions: null }
}

export function toItem (cart: CartState, item: CartItemState) {
  const total = item.priceCents * item.quantity
  const discount = discountCents(cart, item)
  return {
    cartId: cart.cartId,
    configurations: item.configurations.map(configuration => configuration.id),
    duration: item.duration,
    itemId: item.itemId,
    offerId: null,
    options: cart.items.filter(other => other.parentItemId === item.itemId).map(other => other.itemId),
    parentItemId: item.parentItemId ?? null,
    prices: [
      cartPrice('PRICE', item.priceCents, cart.currency),
      cartPrice('DISCOUNT', discount, cart.currency),
      cartPrice('FEE', 0, cart.currency),
      cartPrice('TOTAL', total - discount, cart.currency)
    ],
    productId: item.action === 'trade' ? 'domain-trade' : item.action === 'restore' ? 'domain-restore' : item.action === 'option' ? 'domain-option' : 'domain',
    settings: { planCode: item.planCode, pricingMode: item.pricingMode, quantity: item.quantity }
  }
}

// order.cart.ProductInformation: the one offer OVH returns for a name (docs/OVH-API.md 5.1 step 3).
export function toProductInformation (offer: Offer, currency: string) {
  const years = offer.action === 'transfer' ? [1] : offer.extension.periods.map(months => months / 12)
  const price = convertCents(offer.priceCents, currency)
  return {
    action: offer.action,
    configurations: requirementsOf({ action: offer.action, domain: offer.domain }),
    deliveryTime: offer.action === 'transfer' ? 'P5D' : 'PT1H',
    duration: years.map(count => `P${count}Y`),
    offer: 'gold',
    offerId: null,
    orderable: offer.orderable,
    phase: 'ga',
    prices: offer.orderable
      ? [
          cartPrice('PRICE', price, currency),
          cartPrice('RENEW', convertCents(offer.renewCents, currency), currency),
          cartPrice('FEE', 0, currency),
          cartPrice('DISCOUNT', 0, currency),
          cartPrice('TOTAL', price, currency)
        ]
      : null,
    pricingMode: offer.pricingMode,
    productId: 'domain',
    quantityMax: 1
  }
}

export interface OrderLine {
  cartItemID: number | null
  domain: string
  description: string
  quantity: number
  unitCents: number
  // What a coupon takes off the line (cents, whole quantity); the line is charged the rest.
  reductionCents?: number
  detailType: 'DURATION' | 'TRANSFER' | 'SPECIAL' | 'INSTALLATION' | 'OTHER'
}

export function lineOf (item: Pick<CartItemState, 'itemId' | 'action' | 'domain' | 'duration' | 'quantity' | 'priceCents' | 'planCode'>): OrderLine {
  const period = item.duration.slice(1).toLowerCase()
  const option = item.action === 'option' ? domainOptionOf(item.planCode) : undefined
  const names = { trade: 'Owner change', restore: 'Restore', transfer: 'Transfer', option: `${option?.productName ?? 'Domain'} option (${period})`, create: `Registration (${period})` }
  const what = names[item.action]
  return {
    cartItemID: item.itemId,
    domain: item.domain,
    description: `${what} of ${item.domain}`,
    quantity: item.quantity,
    unitCents: item.priceCents,
    detailType: item.action === 'trade' ? 'SPECIAL' : item.action === 'restore' ? 'OTHER' : item.action === 'transfer' ? 'TRANSFER' : 'DURATION'
  }
}

// The DNS zone OVH adds, free, with each domain it registers or transfers in (docs/OVH-API.md 5.1
// step 5): a line of its own about the same domain, tied to the domain's cart item.
export function zoneLineOf (item: Pick<CartItemState, 'itemId' | 'domain'>): OrderLine {
  return { cartItemID: item.itemId, domain: item.domain, description: `DNS zone of ${item.domain}`, quantity: 1, unitCents: 0, detailType: 'INSTALLATION' }
}

/** An item's lines in a summary or order: the domain's, then its zone's (not for an owner change). */
export function linesOf (item: Pick<CartItemState, 'itemId' | 'action' | 'domain' | 'duration' | 'quantity' | 'priceCents' | 'planCode'>): OrderLine[] {
  return comesWithZone(item.action) ? [lineOf(item), zoneLineOf(item)] : [lineOf(item)]
}

/** A cart's lines, with what its coupons take off each domain line. */
export function cartLines (cart: CartState): OrderLine[] {
  return cart.items.flatMap(item => linesOf(item).map((line, index) => index === 0 ? { ...line, reductionCents: discountCents(cart, item) } : line))
}

const CONTRACTS = [
  { name: 'General terms and conditions of service', url: 'https://www.ovh.com/fr/support/documents_legaux/conditions_generales_de_service.pdf' },
  { name: 'Domain names: specific terms and conditions', url: 'https://www.ovh.com/fr/support/documents_legaux/conditions_particulieres_nom_de_domaine.pdf' }
]

export function contractsFor (domains: string[]) {
  const contracts = CONTRACTS.map(contract => ({ ...contract, content: `${contract.name}. (Sandbox copy: the full text is at ${contract.url}.)` }))
  for (const tld of new Set(domains.map(domain => domain.slice(domain.indexOf('.') + 1)))) {
    contracts.push({ name: `.${tld} registry policy`, url: `https://www.ovh.com/fr/support/documents_legaux/registry-${tld.replace('.', '-')}.pdf`, content: `Registration policy of the .${tld} registry (sandbox copy).` })
  }
  return contracts
}

// order.Order; orderId and url only for a real checkout.
export function toOrderPreview (lines: OrderLine[], currency: string, subsidiary: string, options: { orderId?: number, url?: string, contracts?: boolean } = {}) {
  const { taxRate } = subsidiaryOf(subsidiary)
  const original = lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0)
  const reduction = lines.reduce((sum, line) => sum + (line.reductionCents ?? 0), 0)
  const withoutTax = original - reduction
  const withTax = addTax(withoutTax, taxRate)
  return {
    contracts: options.contracts === true ? contractsFor(lines.map(line => line.domain)) : [],
    details: lines.map(line => ({
      cartItemID: line.cartItemID,
      description: line.description,
      detailType: line.detailType,
      domain: line.domain,
      originalTotalPrice: toPrice(line.unitCents * line.quantity, currency),
      quantity: line.quantity,
      reductionTotalPrice: toPrice(line.reductionCents ?? 0, currency),
      reductions: [],
      totalPrice: toPrice(line.unitCents * line.quantity - (line.reductionCents ?? 0), currency),
      unitPrice: toPrice(line.unitCents, currency)
    })),
    orderId: options.orderId ?? null,
    prices: {
      originalWithoutTax: toPrice(original, currency),
      reduction: toPrice(reduction, currency),
      tax: toPrice(withTax - withoutTax, currency),
      withTax: toPrice(withTax, currency),
      withoutTax: toPrice(withoutTax, currency)
    },
    url: options.url ?? null
  }
}
