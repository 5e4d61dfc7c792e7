// Coupons of a cart (OVH's /order/cart/{cartId}/coupon): list, add, remove. OVH applies them to
// the cart's prices: each item's DISCOUNT price, the summary's lines and its `discount` show what
// they take off, and the checkout charges the rest. Only the caller's own carts, as every cart
// route. @see docs/storefront.md
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { cartReads, onCart, ownCart } from './cart-reads.js'
import { problemOf } from './input-formats.js'
import { z } from 'zod'

// OVH's coupon codes are short words; anything else is refused before any call.
export const CouponCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a coupon code: 1 to 64 letters, digits, - or _')

function checkCode (code: string): string {
  const problem = problemOf(CouponCodeSchema, code)
  if (problem !== null) throw badUserInput(`"${code.slice(0, 64)}" is not a coupon code`, [{ field: 'coupon', message: problem }])
  return code
}

export async function cartCoupons (caller: Caller, cartId: string): Promise<string[]> {
  caller.require('read')
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  return onCart(cartId, () => client.get<string[]>('/order/cart/{cartId}/coupon', { params: { cartId } }))
}

/** Adds a coupon; OVH refuses an unknown or expired code (OVH_ERROR with its message). */
export async function addCartCoupon (caller: Caller, cartId: string, code: string): Promise<string[]> {
  caller.require('write')
  const coupon = checkCode(code)
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  const coupons = await onCart(cartId, () => client.post<string[]>('/order/cart/{cartId}/coupon', { params: { cartId }, body: { coupon } }))
  // The cart's prices changed: later reads in this request must not answer the old ones.
  cartReads(caller).summary.clear(cartId)
  cartReads(caller).item.clearAll()
  return coupons
}

export async function removeCartCoupon (caller: Caller, cartId: string, code: string): Promise<string[]> {
  caller.require('write')
  const coupon = checkCode(code)
  await ownCart(caller, cartId)
  const client = await caller.ovh()
  await onCart(cartId, () => client.delete('/order/cart/{cartId}/coupon', { params: { cartId }, query: { coupon } }))
  cartReads(caller).summary.clear(cartId)
  cartReads(caller).item.clearAll()
  return onCart(cartId, () => client.get<string[]>('/order/cart/{cartId}/coupon', { params: { cartId } }))
}
