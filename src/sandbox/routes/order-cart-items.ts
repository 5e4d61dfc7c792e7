// /order/cart/{cartId}/item*: items, their configuration (label/value) and what they require.
// These routes need no login on OVH: the cart id is what grants access. @see docs/OVH-API.md 5.1
import { badRequest, notFound } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { toItem } from '../model/cart-views.js'
import { checkConfigurationValue, checkWritable, findCart, findItem, requirementsOf } from '../model/carts.js'
import { extensionOfDomain, yearsOf } from '../model/catalog.js'
import { addDomainOption, domainOptionsOf } from '../model/domain-options.js'
import type { DomainOptionCreation } from '../model/domain-options.js'
import type { CartItemState } from '../state/order-types.js'
import { nextId } from '../state/types.js'

function configurationOf (item: CartItemState, id: number) {
  const configuration = item.configurations.find(candidate => candidate.id === id)
  if (configuration === undefined) throw notFound(`The requested object (configurationId = ${id}) does not exist`)
  return configuration
}

export const orderCartItemsArea: SandboxArea = {
  name: 'order-cart-items',
  routes: [
    // A domain's options (DNS Anycast), for a domain the cart registers or transfers in.
    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/domain/options',
      handler: ({ state, params, query, now }) => domainOptionsOf(findCart(state, String(params.cartId), now), String(query.domain))
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/domain/options',
      handler ({ state, params, body, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        return toItem(cart, addDomainOption(state, cart, body as DomainOptionCreation))
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/item',
      handler: ({ state, params, now }) => findCart(state, String(params.cartId), now).items.map(item => item.itemId)
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/item/{itemId}',
      handler ({ state, params, now }) {
        const cart = findCart(state, String(params.cartId), now)
        return toItem(cart, findItem(cart, Number(params.itemId)))
      }
    }),

    defineRoute({
      method: 'PUT',
      path: '/order/cart/{cartId}/item/{itemId}',
      handler ({ state, params, body, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const item = findItem(cart, Number(params.itemId))
        const update = body as { duration?: string, quantity?: number }
        if (update.quantity !== undefined && update.quantity !== 1) throw badRequest('The quantity of a domain must be 1')
        if (update.duration !== undefined && update.duration !== item.duration) {
          const years = yearsOf(update.duration)
          const extension = extensionOfDomain(item.domain)
          const allowed = item.action === 'create' ? extension?.periods ?? [] : []
          if (years === null || !allowed.includes(years * 12)) throw badRequest(`Duration ${update.duration} is not available for this item`)
          const unit = item.priceCents / (yearsOf(item.duration) ?? 1)
          item.priceCents = Math.round(unit * years)
          item.duration = update.duration
        }
        return toItem(cart, item)
      }
    }),

    defineRoute({
      method: 'DELETE',
      path: '/order/cart/{cartId}/item/{itemId}',
      handler ({ state, params, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const item = findItem(cart, Number(params.itemId))
        // A domain's options go with it.
        cart.items = cart.items.filter(other => other !== item && other.parentItemId !== item.itemId)
        return null
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/item/{itemId}/requiredConfiguration',
      handler ({ state, params, now }) {
        const cart = findCart(state, String(params.cartId), now)
        return requirementsOf(findItem(cart, Number(params.itemId)))
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/item/{itemId}/configuration',
      handler ({ state, params, query, now }) {
        const item = findItem(findCart(state, String(params.cartId), now), Number(params.itemId))
        const label = query.label as string | undefined
        return item.configurations.filter(configuration => label === undefined || configuration.label === label).map(configuration => configuration.id)
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/item/{itemId}/configuration',
      handler ({ state, params, body, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const item = findItem(cart, Number(params.itemId))
        const { label, value } = body as { label?: string, value?: string }
        if (label === undefined || value === undefined) throw badRequest('Missing parameter(s): label, value')
        checkConfigurationValue(item, label, value)
        // One value per label: setting it again replaces the previous one.
        item.configurations = item.configurations.filter(configuration => configuration.label !== label)
        const configuration = { id: nextId(state, 'cartConfigurationId', 200_000_001), label, value }
        item.configurations.push(configuration)
        return configuration
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
      handler ({ state, params, now }) {
        const item = findItem(findCart(state, String(params.cartId), now), Number(params.itemId))
        return configurationOf(item, Number(params.configurationId))
      }
    }),

    defineRoute({
      method: 'DELETE',
      path: '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}',
      handler ({ state, params, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const item = findItem(cart, Number(params.itemId))
        const configuration = configurationOf(item, Number(params.configurationId))
        item.configurations = item.configurations.filter(other => other !== configuration)
        return null
      }
    })
  ]
}
