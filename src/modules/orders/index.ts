// The orders module's REST routes and GraphQL resolvers. Carts (coupons, domain options), checkout, payment, orders, one-shot orders and trades.
import cartRoutes from './cart-routes.js'
import cartCouponRoutes from './cart-coupon-routes.js'
import cartDomainOptionRoutes from './cart-domain-option-routes.js'
import orderRoutes from './order-routes.js'
import { ordersResolvers } from './resolvers.js'
import { cartCouponResolvers } from './cart-coupon-resolvers.js'
import { cartDomainOptionResolvers } from './cart-domain-option-resolvers.js'
import type { GatewayModule } from '../module.js'

export const ordersModule: GatewayModule = {
  name: 'orders',
  routes: [cartRoutes, cartCouponRoutes, cartDomainOptionRoutes, orderRoutes],
  resolvers: [ordersResolvers, cartCouponResolvers, cartDomainOptionResolvers]
}
