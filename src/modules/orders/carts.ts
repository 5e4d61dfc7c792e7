// The cart, mirrored: create (and assign), read, add a domain, change or remove items, their
// required configuration, set and remove configuration, summary and dry-run checkout. Only the
// carts a user created through the gateway are reachable. @see docs/OVH-API.md 5.1
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import type { ConfigurationRequirement } from '../catalog/schemas.js'
import { cartReads, configurationsOf, itemView, itemViews, onCart, ownCart } from './cart-reads.js'
import type { CartItemView } from './cart-reads.js'
import { pricePreview } from './order-prices.js'
import type { OvhCart, OvhCartItem, OvhConfigurationItem, OvhOrderPreview } from './schemas.js'
import { redactConfiguration } from './secret-configurations.js'
import { callerEndpoint, ovhScope } from './ovh-scope.js'
import { ConfigurationLabelSchema, PlanCodeSchema, PricingModeSchema, problemOf } from './input-formats.js'

export interface CartView {
  cartId: string
  description: string
  expire: string | null
  readOnly: boolean
  itemIds: number[]
}

const toView = (cart: OvhCart): CartView => ({ cartId: cart.cartId, description: cart.description, expire: cart.expire, readOnly: cart.readOnly, itemIds: cart.items })

export function yearsToDuration (years: number | null | undefined, field = 'duration'): string {
  const value = years ?? 1
  if (!Number.isInteger(value) || value < 1 || value > 10) throw badUserInput('duration must be 1 to 10 years', [{ field, message: 'must be a whole number of years from 1 to 10' }])
  return `P${value}Y`
}

export function itemIdOf (value: string | number, field = 'itemId'): number {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) throw badUserInput(`"${value}" is not an item id`, [{ field, message: 'must be a positive integer' }])
  return id
}

export async function createCart (caller: Caller, input: { description?: string | null, assign?: boolean | null } = {}): Promise<CartView> {
  caller.require('write')
  const description = input.description ?? ''
  if (description.length > 255) throw badUserInput('description is too long', [{ field: 'description', message: 'at most 255 characters' }])
  const client = await caller.ovh()
  // Known before the cart exists: a cart is recorded with the endpoint and account it is in.
  const scope = await ovhScope(caller)
  const cart = await client.post<OvhCart>('/order/cart', { body: { ovhSubsidiary: caller.tenant.ovhSubsidiary, description } })
  await caller.stores.carts.add(scope, caller.tenant.id, caller.user.id, cart.cartId, cart.expire ? new Date(cart.expire) : new Date(Date.now() + 86_400_000))
  if (input.assign !== false) await client.post('/order/cart/{cartId}/assign', { params: { cartId: cart.cartId } })
  return toView(cart)
}

export async function listCarts (caller: Caller) {
  caller.require('read')
  const rows = await caller.stores.carts.list(callerEndpoint(caller), caller.user.id)
  return rows.map(row => ({ ...row, orderId: row.orderId === null ? null : Number(row.orderId) }))
}

export async function getCart (caller: Caller, cartId: string): Promise<CartView> {
  caller.require('read')
  await ownCart(caller, cartId)
  return toView(await cartReads(caller).cart.load(cartId))
}

export async function getCartItems (caller: Caller, cart: CartView): Promise<CartItemView[]> {
  return itemViews(caller, { cartId: cart.cartId, description: cart.description, expire: cart.expire, readOnly: cart.readOnly, items: cart.itemIds })
}

export async function deleteCart (caller: Caller, cartId: string): Promise<boolean> {
  caller.require('write')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  await onCart(cartId, () => client.delete('/order/cart/{cartId}', { params: { cartId } }))
  await caller.stores.carts.remove(callerEndpoint(caller), cartId)
  return true
}

export async function assignCart (caller: Caller, cartId: string): Promise<CartView> {
  caller.require('write')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  await onCart(cartId, () => client.post('/order/cart/{cartId}/assign', { params: { cartId } }))
  return getCart(caller, cartId)
}

export interface AddDomainInput {
  domain: string
  duration?: number | null
  pricingMode?: string | null
  planCode?: string | null
}

export async function addDomainToCart (caller: Caller, cartId: string, input: AddDomainInput): Promise<CartItemView> {
  caller.require('write')
  const domain = normalizeDomainName(input.domain, 'domain')
  const duration = yearsToDuration(input.duration)
  const pricingMode = input.pricingMode == null ? null : problemOf(PricingModeSchema, input.pricingMode)
  if (pricingMode !== null) throw badUserInput('invalid pricing mode', [{ field: 'pricingMode', message: pricingMode }])
  const planCode = input.planCode == null ? null : problemOf(PlanCodeSchema, input.planCode)
  if (planCode !== null) throw badUserInput('invalid plan code', [{ field: 'planCode', message: planCode }])
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  const item = await onCart(cartId, () => client.post<OvhCartItem>('/order/cart/{cartId}/domain', {
    params: { cartId },
    body: { domain, duration, ...(input.pricingMode ? { pricingMode: input.pricingMode } : {}), ...(input.planCode ? { planCode: input.planCode } : {}) }
  }))
  return itemView(caller, item)
}

export async function getCartItem (caller: Caller, cartId: string, itemId: string | number): Promise<CartItemView> {
  caller.require('read')
  const id = itemIdOf(itemId)
  await ownCart(caller, cartId)
  return itemView(caller, await cartReads(caller).item.load(`${cartId}/${id}`))
}

export async function updateCartItem (caller: Caller, cartId: string, itemId: string | number, input: { duration: number }): Promise<CartItemView> {
  caller.require('write')
  const id = itemIdOf(itemId)
  const duration = yearsToDuration(input.duration)
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  const item = await onCart(cartId, () => client.put<OvhCartItem>('/order/cart/{cartId}/item/{itemId}', { params: { cartId, itemId: id }, body: { duration, quantity: 1 } }))
  return itemView(caller, item)
}

export async function removeCartItem (caller: Caller, cartId: string, itemId: string | number): Promise<boolean> {
  caller.require('write')
  const id = itemIdOf(itemId)
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  await onCart(cartId, () => client.delete('/order/cart/{cartId}/item/{itemId}', { params: { cartId, itemId: id } }))
  return true
}

export async function requiredConfiguration (caller: Caller, cartId: string, itemId: string | number): Promise<ConfigurationRequirement[]> {
  caller.require('read')
  const id = itemIdOf(itemId)
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  return onCart(cartId, () => client.get<ConfigurationRequirement[]>('/order/cart/{cartId}/item/{itemId}/requiredConfiguration', { params: { cartId, itemId: id } }))
}

export async function itemConfigurations (caller: Caller, item: CartItemView): Promise<OvhConfigurationItem[]> {
  return configurationsOf(caller, item)
}

export async function setCartItemConfiguration (caller: Caller, cartId: string, itemId: string | number, label: string, value: string): Promise<OvhConfigurationItem> {
  caller.require('write')
  const id = itemIdOf(itemId)
  const problem = problemOf(ConfigurationLabelSchema, label)
  if (problem !== null) throw badUserInput(`"${label}" is not a configuration label`, [{ field: 'label', message: problem }])
  if (value.length > 65_535) throw badUserInput('value is too long', [{ field: 'value', message: 'at most 65535 characters' }])
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  const configuration = await onCart(cartId, () => client.post<OvhConfigurationItem>('/order/cart/{cartId}/item/{itemId}/configuration', { params: { cartId, itemId: id }, body: { label, value } }))
  return redactConfiguration(configuration)
}

export async function removeCartItemConfiguration (caller: Caller, cartId: string, itemId: string | number, configurationId: string | number): Promise<boolean> {
  caller.require('write')
  const id = itemIdOf(itemId)
  const configuration = itemIdOf(configurationId, 'configurationId')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  await onCart(cartId, () => client.delete('/order/cart/{cartId}/item/{itemId}/configuration/{configurationId}', { params: { cartId, itemId: id, configurationId: configuration } }))
  return true
}

export async function cartSummary (caller: Caller, cartId: string) {
  caller.require('read')
  await ownCart(caller, cartId)
  return pricePreview(caller, await cartReads(caller).summary.load(cartId))
}

/** GET /order/cart/{cartId}/checkout: what the order would be, with its contracts; orders nothing. */
export async function checkoutPreview (caller: Caller, cartId: string) {
  caller.require('write')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  return pricePreview(caller, await onCart(cartId, () => client.get<OvhOrderPreview>('/order/cart/{cartId}/checkout', { params: { cartId } })))
}
