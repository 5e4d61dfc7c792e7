// /order/cartServiceOption/domain*: options of a domain the account holds, ordered through a cart;
// the sandbox offers the owner change (trade) of an active domain, at the price of its TLD, and the
// restore of a domain in redemption (pending_delete): a fixed fee plus a year's renewal.
// @see docs/OVH-API.md 6.4
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { toItem } from '../model/cart-views.js'
import { checkAccess, checkWritable, findCart } from '../model/carts.js'
import { convertCents, extensionOfDomain, toPrice } from '../model/catalog.js'
import type { ExtensionSpec } from '../model/catalog.js'
import { findDomain } from '../model/domains.js'
import type { CartItemState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainState } from '../state/types.js'

const TRADE_MODE = 'default'
// What restoring a domain out of redemption costs beyond its year of renewal (OVH bills a fee).
export const RESTORE_FEE_CENTS = 6_999

function restoreCents (extension: ExtensionSpec): number {
  return RESTORE_FEE_CENTS + extension.renewCents
}

// order.cart.GenericOptionDefinition of a one-off option on a domain (restore, owner change): one
// price, bought once, in the trade pricing mode.
function oneOffOption (extension: ExtensionSpec, currency: string, option: { family: string, baseCents: number, description: string, productLabel: string, years: number }) {
  const cents = convertCents(option.baseCents, currency)
  return {
    exclusive: true,
    family: option.family,
    mandatory: false,
    planCode: `${extension.tld}-${option.family}`,
    prices: [{
      capacities: ['installation'],
      description: option.description,
      duration: `P${option.years}Y`,
      interval: option.years,
      maximumQuantity: 1,
      maximumRepeat: 1,
      minimumQuantity: 1,
      minimumRepeat: 1,
      price: toPrice(cents, currency),
      priceInUcents: cents * 1_000_000,
      pricingMode: TRADE_MODE,
      pricingType: 'purchase'
    }],
    productName: `.${extension.tld} ${option.productLabel}`,
    productType: 'domain'
  }
}

const restoreOption = (extension: ExtensionSpec, currency: string) => oneOffOption(extension, currency, {
  family: 'restore', baseCents: restoreCents(extension), description: 'Restore out of redemption, with one year of renewal', productLabel: 'restore', years: 1
})

function tradable (account: AccountState, name: string): { domain: DomainState, extension: ExtensionSpec } {
  const domain = findDomain(account, name)
  const extension = extensionOfDomain(domain.domain)
  if (extension === undefined) throw badRequest(`No option can be ordered for ${domain.domain}`)
  return { domain, extension }
}

const tradeOption = (extension: ExtensionSpec, currency: string) => oneOffOption(extension, currency, {
  family: 'trade', baseCents: extension.tradeCents, description: 'Owner change', productLabel: 'owner change', years: 0
})

export const orderServiceOptionArea: SandboxArea = {
  name: 'order-service-option',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/order/cartServiceOption/domain',
      handler ({ account, query }) {
        const owner = query.whoisOwner as string | undefined
        return Object.values(account.domains)
          .filter(domain => (domain.state === 'ok' || domain.state === 'pending_delete') && (owner === undefined || domain.contacts.owner === owner))
          .map(domain => domain.domain)
          .sort()
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cartServiceOption/domain/{serviceName}',
      handler ({ account, params }) {
        const { domain, extension } = tradable(account, String(params.serviceName))
        if (domain.state === 'pending_delete') return [restoreOption(extension, account.currency)]
        return domain.state === 'ok' ? [tradeOption(extension, account.currency)] : []
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cartServiceOption/domain/{serviceName}',
      handler ({ state, account, params, body, now }) {
        const input = body as { cartId: string, duration: string, planCode: string, pricingMode: string, quantity: number }
        const { domain, extension } = tradable(account, String(params.serviceName))
        const cart = findCart(state, input.cartId, now)
        checkAccess(cart, account)
        checkWritable(cart)
        if (cart.items.some(item => item.domain === domain.domain)) throw badRequest(`${domain.domain} is already in this cart`)
        if (input.planCode === `${extension.tld}-restore`) {
          if (domain.state !== 'pending_delete') throw badRequest(`${domain.domain} is ${domain.state}: only a domain in redemption can be restored`)
          if (input.pricingMode !== TRADE_MODE) throw badRequest(`Pricing mode ${input.pricingMode} is not available: use ${TRADE_MODE}`)
          if (input.duration !== 'P1Y') throw badRequest('A restore renews the domain for one year: use P1Y')
          if (input.quantity !== 1) throw badRequest('The quantity must be 1')
          const restore: CartItemState = {
            itemId: nextId(state, 'cartItemId', 100_000_001),
            action: 'restore',
            domain: domain.domain,
            planCode: input.planCode,
            pricingMode: TRADE_MODE,
            duration: 'P1Y',
            quantity: 1,
            priceCents: convertCents(restoreCents(extension), cart.currency),
            renewCents: 0,
            configurations: []
          }
          cart.items.push(restore)
          return toItem(cart, restore)
        }
        if (domain.state !== 'ok') throw badRequest(`The owner of ${domain.domain} cannot change while it is ${domain.state}`)
        if (input.planCode !== `${extension.tld}-trade`) throw badRequest(`Plan ${input.planCode} is not an option of ${domain.domain}`)
        if (input.pricingMode !== TRADE_MODE) throw badRequest(`Pricing mode ${input.pricingMode} is not available: use ${TRADE_MODE}`)
        if (input.duration !== 'P0Y') throw badRequest('An owner change has no duration: use P0Y')
        if (input.quantity !== 1) throw badRequest('The quantity must be 1')
        if (cart.items.some(item => item.domain === domain.domain)) throw badRequest(`${domain.domain} is already in this cart`)
        const item: CartItemState = {
          itemId: nextId(state, 'cartItemId', 100_000_001),
          action: 'trade',
          domain: domain.domain,
          planCode: input.planCode,
          pricingMode: TRADE_MODE,
          duration: 'P0Y',
          quantity: 1,
          priceCents: convertCents(extension.tradeCents, cart.currency),
          renewCents: 0,
          configurations: []
        }
        cart.items.push(item)
        return toItem(cart, item)
      }
    })
  ]
}
