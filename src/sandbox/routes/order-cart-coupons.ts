// /order/cart/{cartId}/coupon: the coupon codes of a cart (model/coupons.ts). As the cart's other
// routes, they need no login on OVH: the cart id is what grants access. @see docs/OVH-API.md 5.4
import { notFound } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { checkWritable, findCart } from '../model/carts.js'
import { addCoupon, couponsOf } from '../model/coupons.js'

export const orderCartCouponsArea: SandboxArea = {
  name: 'order-cart-coupons',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/order/cart/{cartId}/coupon',
      handler: ({ state, params, now }) => couponsOf(findCart(state, String(params.cartId), now))
    }),

    defineRoute({
      method: 'POST',
      path: '/order/cart/{cartId}/coupon',
      handler ({ state, params, body, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        addCoupon(cart, String((body as { coupon: string }).coupon))
        return couponsOf(cart)
      }
    }),

    defineRoute({
      method: 'DELETE',
      path: '/order/cart/{cartId}/coupon',
      handler ({ state, params, query, now }) {
        const cart = findCart(state, String(params.cartId), now)
        checkWritable(cart)
        const code = String(query.coupon)
        if (!couponsOf(cart).includes(code)) throw notFound(`The coupon ${code} is not in this cart`)
        cart.coupons = couponsOf(cart).filter(candidate => candidate !== code)
        return null
      }
    })
  ]
}
