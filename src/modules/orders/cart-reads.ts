// Reads of the user's own carts for one request (ownership checked against the database, each
// upstream object read once), and their views with resale prices.
import DataLoader from 'dataloader'
import { gatewayError, notFound } from '../../errors.js'
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { createLimiter } from '../../ovh/concurrency.js'
import { money, pricer } from '../catalog/pricing.js'
import type { Pricer } from '../catalog/pricing.js'
import type { ResalePrice } from '../catalog/schemas.js'
import { pricePreview, tldResolver } from './order-prices.js'
import { redactConfiguration } from './secret-configurations.js'
import { callerEndpoint } from './ovh-scope.js'
import type { OvhCart, OvhCartItem, OvhConfigurationItem, OvhOrderPreview } from './schemas.js'

const CART_READ_CONCURRENCY = 5

/** OVH purges an expired cart: its 404 becomes NOT_FOUND with reason CART_EXPIRED. */
export function cartGone (err: unknown, cartId: string): unknown {
  if (err instanceof OvhApiError && err.status === 404 && /cartId/.test(err.message)) {
    return gatewayError('NOT_FOUND', `cart ${cartId} has expired or was deleted on OVH: create a new one`, {
      reason: 'CART_EXPIRED',
      ovh: { status: err.status, ...(err.errorClass ? { class: err.errorClass } : {}), message: err.message, ...(err.queryId ? { queryId: err.queryId } : {}) }
    })
  }
  return err
}

/** Runs an upstream call on a cart, turning OVH's "no such cart" into CART_EXPIRED. */
export async function onCart<T> (cartId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    throw cartGone(err, cartId)
  }
}

/** The user's cart row, or NOT_FOUND: carts of other users do not exist for this caller. */
export async function ownCart (caller: Caller, cartId: string, options: { allowExpired?: boolean } = {}) {
  const row = await caller.stores.carts.find(callerEndpoint(caller), caller.user.id, cartId)
  if (row === null) throw notFound(`cart ${cartId}`)
  if (options.allowExpired !== true && row.expiresAt.getTime() <= Date.now()) {
    throw gatewayError('NOT_FOUND', `cart ${cartId} expired at ${row.expiresAt.toISOString()}: create a new one`, { reason: 'CART_EXPIRED' })
  }
  return row
}

export function cartReads (caller: Caller) {
  return caller.memo('carts', () => {
    const limit = createLimiter(CART_READ_CONCURRENCY)
    const read = <T>(cartId: string, route: string, params: Record<string, string | number>) => limit(async () => {
      const client = await caller.ovh()
      return onCart(cartId, () => client.get<T>(route, { params: { cartId, ...params } }))
    })
    const split = (key: string) => key.split('/')
    return {
      cart: new DataLoader<string, OvhCart>(async ids => Promise.all(ids.map(id => read<OvhCart>(id, '/order/cart/{cartId}', {}).catch(err => err as Error)))),
      item: new DataLoader<string, OvhCartItem>(async keys => Promise.all(keys.map(key => {
        const [cartId, itemId] = split(key)
        return read<OvhCartItem>(cartId, '/order/cart/{cartId}/item/{itemId}', { itemId: Number(itemId) }).catch(err => err as Error)
      }))),
      configuration: new DataLoader<string, OvhConfigurationItem>(async keys => Promise.all(keys.map(key => {
        const [cartId, itemId, configurationId] = split(key)
        return read<OvhConfigurationItem>(cartId, '/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}', { itemId: Number(itemId), configurationId: Number(configurationId) }).catch(err => err as Error)
      }))),
      summary: new DataLoader<string, OvhOrderPreview>(async ids => Promise.all(ids.map(id => read<OvhOrderPreview>(id, '/order/cart/{cartId}/summary', {}).catch(err => err as Error))))
    }
  })
}

export interface CartItemView {
  itemId: number
  cartId: string
  productId: string
  domain: string | null
  duration: string | null
  planCode: string | null
  pricingMode: string | null
  quantity: number | null
  prices: Array<{ label: string, price: ResalePrice }>
  parentItemId: number | null
  configurationIds: number[]
}

/**
 * An item's prices at its rule. A coupon's DISCOUNT is not marked up on its own: it is the resale
 * PRICE (for the quantity) less the resale TOTAL, so that PRICE - DISCOUNT = TOTAL whatever the
 * rule's rounding, as the summary's discount is (order-prices.ts); its cost is OVH's reduction.
 */
function itemPrices (item: OvhCartItem, tld: string, prices: Pricer): CartItemView['prices'] {
  const resold = item.prices.map(price => ({ label: price.label, price: prices.resale(tld, price.price) }))
  const discount = resold.find(price => price.label === 'DISCOUNT')
  const unit = item.prices.find(price => price.label === 'PRICE')?.price
  const total = resold.find(price => price.label === 'TOTAL')
  const reduction = item.prices.find(price => price.label === 'DISCOUNT')?.price.value ?? 0
  if (discount === undefined || unit === undefined || total === undefined || reduction === 0) return resold
  const original = prices.resale(tld, { value: unit.value * (item.settings.quantity ?? 1), currencyCode: unit.currencyCode })
  const value = Math.max(0, original.price.value - total.price.price.value)
  discount.price = { ...discount.price, price: money(value, unit.currencyCode) }
  return resold
}

/** An item with resale prices; its domain comes from the cart summary (order.cart.Item has none). */
export async function itemView (caller: Caller, item: OvhCartItem): Promise<CartItemView> {
  const reads = cartReads(caller)
  const [summary, prices, tldOf] = await Promise.all([reads.summary.load(item.cartId), pricer(caller), tldResolver(caller)])
  const domain = summary.details.find(line => line.cartItemID === item.itemId)?.domain ?? null
  const tld = tldOf(domain ?? '', item.settings.planCode)
  return {
    itemId: item.itemId,
    cartId: item.cartId,
    productId: item.productId,
    domain,
    duration: item.duration,
    planCode: item.settings.planCode,
    pricingMode: item.settings.pricingMode,
    quantity: item.settings.quantity,
    prices: itemPrices(item, tld, prices),
    parentItemId: item.parentItemId ?? null,
    configurationIds: item.configurations ?? []
  }
}

export async function itemViews (caller: Caller, cart: OvhCart): Promise<CartItemView[]> {
  const reads = cartReads(caller)
  const items = await Promise.all(cart.items.map(itemId => reads.item.load(`${cart.cartId}/${itemId}`)))
  return Promise.all(items.map(item => itemView(caller, item)))
}

/** An item's configurations, secret values (AUTH_INFO...) redacted for every caller. */
export async function configurationsOf (caller: Caller, item: CartItemView): Promise<OvhConfigurationItem[]> {
  const reads = cartReads(caller)
  const configurations = await Promise.all(item.configurationIds.map(id => reads.configuration.load(`${item.cartId}/${item.itemId}/${id}`)))
  return configurations.map(redactConfiguration)
}

export async function summaryView (caller: Caller, cartId: string) {
  return pricePreview(caller, await cartReads(caller).summary.load(cartId))
}
