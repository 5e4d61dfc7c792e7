// The options a domain can be ordered with in a cart (GET/POST /order/cart/{cartId}/domain/options):
// in the sandbox, DNS Anycast (OVH's dnsAnycast domain option), for a domain registered or
// transferred in by the same cart. Once the order is delivered the domain has the option
// (GET /domain/{serviceName}/option) and its zone says hasDnsAnycast.
// @see docs/OVH-API.md 5 (/order/cart/{cartId}/domain/options)
import { badRequest } from '../errors.js'
import type { CartItemState, CartState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainTaskState, SandboxState } from '../state/types.js'
import { convertCents, extensionOfDomain, toPrice, yearsOf } from './catalog.js'
import { comesWithZone } from '../state/order-types.js'

export interface DomainOptionSpec {
  planCode: string
  // The domain option it gives (domain.DomainOptionEnum).
  option: 'dnsAnycast'
  productName: string
  family: string
  // A year, without tax, in euro cents.
  yearCents: number
}

export const DOMAIN_OPTIONS: readonly DomainOptionSpec[] = [
  { planCode: 'dns-anycast', option: 'dnsAnycast', productName: 'DNS Anycast', family: 'dnsAnycast', yearCents: 120 }
]

export const domainOptionOf = (planCode: string): DomainOptionSpec | undefined => DOMAIN_OPTIONS.find(spec => spec.planCode === planCode)

// The domain items of the cart an option can be added to.
function domainItems (cart: CartState, domain: string): CartItemState[] {
  return cart.items.filter(item => comesWithZone(item.action) && item.domain === domain)
}

// An option lasts as long as its domain is registered for: the durations the TLD allows.
function yearsFor (domain: string): number[] {
  return (extensionOfDomain(domain)?.periods ?? [12]).map(months => months / 12)
}

// order.cart.GenericOptionDefinition[]: none for a domain the cart does not register or transfer.
export function domainOptionsOf (cart: CartState, domain: string) {
  if (domainItems(cart, domain.toLowerCase()).length === 0) return []
  return DOMAIN_OPTIONS.map(spec => ({
    exclusive: false,
    family: spec.family,
    mandatory: false,
    planCode: spec.planCode,
    prices: yearsFor(domain).map(years => {
      const cents = convertCents(spec.yearCents, cart.currency) * years
      return {
        capacities: ['installation', 'renew'],
        description: `${spec.productName} for ${years} year${years > 1 ? 's' : ''}`,
        duration: `P${years}Y`,
        interval: years,
        maximumQuantity: 1,
        maximumRepeat: null,
        minimumQuantity: 1,
        minimumRepeat: 1,
        price: toPrice(cents, cart.currency),
        // Micro-cents: 10^-8 of the currency unit, as the catalogue's prices.
        priceInUcents: cents * 1_000_000,
        pricingMode: 'default',
        pricingType: 'rental'
      }
    }),
    productName: spec.productName,
    productType: 'domain'
  }))
}

export interface DomainOptionCreation { itemId?: number, planCode?: string, duration?: string, pricingMode?: string, quantity?: number }

/** POST: the option as an item of its own, tied to its domain item; refused as OVH would. */
export function addDomainOption (state: SandboxState, cart: CartState, body: DomainOptionCreation): CartItemState {
  const parent = cart.items.find(item => item.itemId === body.itemId)
  if (parent === undefined || !comesWithZone(parent.action)) throw badRequest(`Item ${String(body.itemId)} is not a domain of this cart`)
  const spec = domainOptionOf(String(body.planCode))
  if (spec === undefined) throw badRequest(`Unknown option ${String(body.planCode)} for ${parent.domain}`)
  const years = yearsOf(String(body.duration))
  if (years === null || !yearsFor(parent.domain).includes(years)) throw badRequest(`Duration ${String(body.duration)} is not available for ${spec.planCode}`)
  if (body.pricingMode !== 'default') throw badRequest(`Pricing mode ${String(body.pricingMode)} is not available for ${spec.planCode}`)
  if (body.quantity !== 1) throw badRequest('The quantity of a domain option must be 1')
  if (cart.items.some(item => item.parentItemId === parent.itemId && item.planCode === spec.planCode)) {
    throw badRequest(`The option ${spec.planCode} is already in the cart for ${parent.domain}`)
  }
  const item: CartItemState = {
    itemId: nextId(state, 'cartItemId', 100_000_001),
    action: 'option',
    domain: parent.domain,
    planCode: spec.planCode,
    pricingMode: 'default',
    duration: `P${years}Y`,
    quantity: 1,
    priceCents: convertCents(spec.yearCents, cart.currency) * years,
    renewCents: convertCents(spec.yearCents, cart.currency),
    configurations: [],
    parentItemId: parent.itemId
  }
  cart.items.push(item)
  return item
}

// The domain options a delivered order gave a domain that its own task (DomainCreate,
// DomainIncomingTransfer) has yet to put on the account: kept on that task's payload.
interface WithOptions { options?: string[] }

/** An option's delivery: noted on its domain's task, or given at once to a domain already there. */
export function deliverDomainOption (account: AccountState, task: DomainTaskState | undefined, domain: string, planCode: string): void {
  const spec = domainOptionOf(planCode)
  if (spec === undefined) return
  if (account.domains[domain] !== undefined) {
    applyDomainOptions(account, domain, [spec.option])
    return
  }
  if (task === undefined) return
  const payload = task.payload as WithOptions
  payload.options = [...(payload.options ?? []), spec.option]
}

/** Puts the options a task carries on its domain once it is on the account (subscribed until it expires). */
export function applyDomainOptions (account: AccountState, domain: string, options: readonly string[] | undefined): void {
  const target = account.domains[domain]
  if (target === undefined || options === undefined || options.length === 0) return
  target.options ??= {}
  for (const option of options) target.options[option] = { state: 'subscribed', expiration: target.expiration }
  const zone = account.zones?.[domain]
  if (zone !== undefined && options.includes('dnsAnycast')) zone.hasDnsAnycast = true
}

export const optionsOfTask = (task: DomainTaskState): string[] | undefined => (task.payload as WithOptions | null)?.options
