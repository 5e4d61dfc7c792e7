// GraphQL: a cart's coupons, over the service REST uses.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { addCartCoupon, cartCoupons, removeCartCoupon } from './cart-coupons.js'
import type { CartView } from './carts.js'

export const cartCouponResolvers: Resolvers = {
  Mutation: {
    addCartCoupon: (_root, { cartId, coupon }, { caller }) => addCartCoupon(caller, cartId, coupon),
    removeCartCoupon: (_root, { cartId, coupon }, { caller }) => removeCartCoupon(caller, cartId, coupon)
  },
  Cart: {
    coupons: (cart: CartView, _args, { caller }) => cartCoupons(caller, cart.cartId)
  }
}
