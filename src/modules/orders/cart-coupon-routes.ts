// REST: a cart's coupons (/v1/carts/{cartId}/coupons), over the service GraphQL uses.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { checkedInService } from '../shared/checked-in-service.js'
import { CouponCodeSchema, addCartCoupon, cartCoupons, removeCartCoupon } from './cart-coupons.js'

const cartParams = z.object({ cartId: z.string().min(1).max(100) })
const CouponsSchema = z.object({ items: z.array(z.string()).describe('The coupon codes in the cart') })

const cartCouponRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/carts/:cartId/coupons', {
    schema: { operationId: 'listCartCoupons', tags: ['carts'], summary: 'The coupon codes added to a cart', params: cartParams, response: { 200: CouponsSchema } }
  }, async function (request) {
    return { items: await cartCoupons(request.caller, request.params.cartId) }
  })

  app.post('/carts/:cartId/coupons', {
    schema: {
      operationId: 'addCartCoupon',
      tags: ['carts'],
      summary: 'Adds a coupon: its discount shows in the items\' DISCOUNT prices and the summary\'s discount',
      params: cartParams,
      // Checked by the service (BAD_USER_INPUT on coupon), documented from the same schema.
      body: z.object({ coupon: checkedInService(z.string(), CouponCodeSchema) }),
      response: { 201: CouponsSchema }
    }
  }, async function (request, reply) {
    return reply.code(201).send({ items: await addCartCoupon(request.caller, request.params.cartId, request.body.coupon) })
  })

  app.delete('/carts/:cartId/coupons/:coupon', {
    schema: {
      operationId: 'removeCartCoupon',
      tags: ['carts'],
      summary: 'Removes a coupon from a cart; answers the coupons left',
      params: cartParams.extend({ coupon: checkedInService(z.string(), CouponCodeSchema) }),
      response: { 200: CouponsSchema }
    }
  }, async function (request) {
    return { items: await removeCartCoupon(request.caller, request.params.cartId, request.params.coupon) }
  })
}

export default cartCouponRoutes
