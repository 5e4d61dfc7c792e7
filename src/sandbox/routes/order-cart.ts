// /order/cart: create, read, update, delete and assign carts, domain offers and domain items,
// summary, dry-run checkout and checkout. Items and their configuration: order-cart-items.ts.
// @see docs/OVH-API.md 5.1, 13.2
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { randomUUID } from '../ids.js'
import { offerFor } from '../model/availability.js'
import { convertCents, subsidiaryOf, yearsOf } from '../model/catalog.js'
import { cartLines, toCart, toItem, toOrderPreview, toProductInformation } from '../model/cart-views.js'
import { DEFAULT_CART_LIFETIME_MS, checkAccess, checkCartForCheckout, checkWritable, findCart } from '../model/carts.js'
import { ordersState } from '../model/order-state.js'
import { createOrder, orderUrl } from '../model/orders.js'
import { payWithDefault } from '../model/payments.js'
import type { CartItemState } from '../state/order-types.js'
import { nextId } from '../state/types.js'

interface Creation { ovhSubsidiary?: string, description?: string, expire?: string }
interface DomainCreation { domain: string, duration?: string | null, planCode?: string | null, pricingMode?: string | null, quantity?: number | null, offerId?: string | null }
interface Checkout { autoPayWithPreferredPaymentMethod?: boolean, waiveRetractationPeriod?: boolean }

// A cart lives at most this long (OVH refuses far-away expiry dates).
const MAX_CART_LIFETIME_MS = 30 * 24 * 3600 * 1000

function expiryOf (value: string | undefined, now: number): number {
  if (value === undefined) return now + DEFAULT_CART_LIFETIME_MS
  const at = Date.parse(value)
  if (Number.isNaN(at) || at <= now) throw badRequest('The expiration date must be in the future')
  if (at > now + MAX_CART_LIFETIME_MS) throw badRequest('The expiration date must be within 30 days')
  return at
}

export const orderCartArea: SandboxArea = {
  name: 'order-cart',
  routes: [
    defineRoute({
      method: 'POST',
      path: '/order/cart',
      handler ({ state, body, now }) {
        const input = body as Creation
        if (input.ovhSubsidiary === undefined) throw badRequest('Missing parameter(s): ovhSubsidiary')
        const cart = {
          cartId: randomUUID(),
          description: input.description ?? '',
          ovhSubsidiary: input.ovhSubsidiary,
          currency: subsidiaryOf(input.ovhSubsidiary).currency,
          creation: now,
          expire: expiryOf(input.expire, now),
          account: null,
          readOnly: false,
          orderId: null,
          items: []
        }
        ordersState(state).carts[cart.cartId] = cart
        return toCart(cart)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart',
      handler ({ state, account, query, now }) {
        const description = query.description as string | undefined
        return Object.values(ordersState(state).carts)
          .filter(cart => cart.account === account.nic && cart.expire > now && (description === undefined || cart.description === description))
          .sort((a, b) => a.creation - b.creation)
          .map(cart => cart.cartId)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}',
      handler: ({ state, params, now }) => toCart(findCart(state, String(params.cartId), now))
    }),

    defineRoute({
      method: 'PUT',
      path: '/order/cart/{cartId}',
      handler ({ state, params, body, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const update = body as { description?: string, expire?: string }
        if (update.description !== undefined) cart.description = update.description
        if (update.expire !== undefined) cart.expire = expiryOf(update.expire, now)
        return toCart(cart)
      }
    }),

    defineRoute({
      method: 'DELETE',
      path: '/order/cart/{cartId}',
      handler ({ state, params, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkAccess(cart, account)
        delete ordersState(state).carts[cart.cartId]
        return null
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/assign',
      handler ({ state, params, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkAccess(cart, account)
        if (cart.ovhSubsidiary !== account.ovhSubsidiary) {
          throw badRequest(`This cart was created for the ${cart.ovhSubsidiary} subsidiary, your account belongs to ${account.ovhSubsidiary}`)
        }
        cart.account = account.nic
        return null
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/domain',
      handler ({ state, params, query, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkAccess(cart, account)
        return [toProductInformation(offerFor(state, account, String(query.domain)), cart.currency)]
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/domain',
      handler ({ state, params, body, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkAccess(cart, account)
        checkWritable(cart)
        const input = body as DomainCreation
        const offer = offerFor(state, account, input.domain)
        if (!offer.orderable) throw badRequest(`The domain ${offer.domain} cannot be ordered`)
        if (input.pricingMode != null && input.pricingMode !== offer.pricingMode) {
          throw badRequest(`Pricing mode ${input.pricingMode} is not available for ${offer.domain}: use ${offer.pricingMode}`)
        }
        if (input.planCode != null && input.planCode !== offer.extension.tld) throw badRequest(`Plan ${input.planCode} does not sell ${offer.domain}: use ${offer.extension.tld}`)
        if (input.quantity != null && input.quantity !== 1) throw badRequest('The quantity of a domain must be 1')
        const duration = input.duration ?? 'P1Y'
        const years = yearsOf(duration)
        const allowed = offer.action === 'transfer' ? [12] : offer.extension.periods
        if (years === null || !allowed.includes(years * 12)) {
          throw badRequest(`Duration ${duration} is not available for ${offer.domain}: use one of ${allowed.map(months => `P${months / 12}Y`).join(', ')}`)
        }
        if (cart.items.some(item => item.domain === offer.domain)) throw badRequest(`${offer.domain} is already in this cart`)
        const item: CartItemState = {
          itemId: nextId(state, 'cartItemId', 100_000_001),
          action: offer.action,
          domain: offer.domain,
          planCode: offer.extension.tld,
          pricingMode: offer.pricingMode,
          duration,
          quantity: 1,
          priceCents: convertCents(offer.priceCents, cart.currency) * years,
          renewCents: convertCents(offer.renewCents, cart.currency),
          configurations: []
        }
        cart.items.push(item)
        return toItem(cart, item)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/summary',
      handler ({ state, params, now }) {
        const cart = findCart(state, String(params.cartId), now)
        return toOrderPreview(cartLines(cart), cart.currency, cart.ovhSubsidiary)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/checkout',
      handler ({ sandbox, state, params, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkCartForCheckout(sandbox, cart, account)
        return toOrderPreview(cartLines(cart), cart.currency, cart.ovhSubsidiary, { contracts: true })
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/checkout',
      handler ({ sandbox, state, params, body, account, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkCartForCheckout(sandbox, cart, account)
        const input = (body ?? {}) as Checkout
        const order = createOrder(sandbox, cart, account, now)
        // A declined automatic payment leaves the order waiting for one, as on OVH.
        if (input.autoPayWithPreferredPaymentMethod === true) payWithDefault(sandbox, order, now)
        return toOrderPreview(cartLines(cart), cart.currency, cart.ovhSubsidiary, { orderId: order.orderId, url: orderUrl(order), contracts: true })
      }
    })
  ]
}
