// Cart coupons (POST /order/cart/{cartId}/coupon). The sandbox knows one code, WELCOME10: 10% off
// the first year's price of each registration in the cart (not transfers, trades, restores, nor
// the free DNS zone lines). The discount shows as the item's DISCOUNT price, as each summary
// line's reduction, and is what the order and its bill charge.
import { badRequest } from '../errors.js'
import type { CartItemState, CartState } from '../state/order-types.js'
import { itemYears } from './carts.js'

interface Coupon { percent: number, appliesTo: ReadonlyArray<CartItemState['action']> }

export const COUPONS: Record<string, Coupon> = {
  WELCOME10: { percent: 10, appliesTo: ['create'] }
}

export function couponsOf (cart: CartState): string[] {
  return cart.coupons ?? []
}

export function addCoupon (cart: CartState, code: string): void {
  if (COUPONS[code] === undefined) throw badRequest(`The coupon ${code} is not valid`)
  if (couponsOf(cart).includes(code)) throw badRequest(`The coupon ${code} is already in this cart`)
  cart.coupons = [...couponsOf(cart), code]
}

/** What the cart's coupons take off an item (cents, for its whole quantity). */
export function discountCents (cart: CartState, item: Pick<CartItemState, 'action' | 'priceCents' | 'quantity' | 'duration'>): number {
  return couponsOf(cart).reduce((sum, code) => {
    const coupon = COUPONS[code]
    if (coupon === undefined || !coupon.appliesTo.includes(item.action)) return sum
    const firstYear = item.priceCents / itemYears(item)
    return sum + Math.round(firstYear * coupon.percent / 100) * item.quantity
  }, 0)
}
