// REST: /v1/orders* (list, detail with lines and status, payment) and /v1/payment-methods, over
// the same service as GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { callerOf } from '../../plugins/authenticate.js'
import type { Caller } from '../../upstream/caller.js'
import { listOrders, orderDetails, orderIdOf, orderPrices, orderStatus, requireOrder } from './orders.js'
import { PAYMENT_MEANS, listPaymentMethods, orderPaymentMeans, payOrder } from './payments.js'
import { ORDER_STATUSES, OrderSchema, PaymentMethodSchema } from './schemas.js'
import type { OvhBillingOrder } from './schemas.js'

const orderParams = z.object({ orderId: z.coerce.number().int().positive() })

async function orderBody (caller: Caller, order: OvhBillingOrder, withDetails: boolean) {
  const [status, details, prices] = await Promise.all([
    orderStatus(caller, order.orderId),
    withDetails ? orderDetails(caller, order.orderId) : undefined,
    withDetails ? orderPrices(caller, order) : null
  ])
  const { orderId, date, expirationDate, url, pdfUrl } = order
  return { orderId, date, expirationDate, url, pdfUrl, status, prices, ...(details ? { details } : {}) }
}

const orderRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/orders', {
    schema: {
      tags: ['orders'],
      summary: 'The account\'s orders, newest first, with their status (prices and lines: GET /v1/orders/{orderId})',
      querystring: z.object({
        first: z.coerce.number().int().min(1).max(100).default(20),
        after: z.string().optional(),
        from: z.string().datetime({ offset: true }).optional(),
        to: z.string().datetime({ offset: true }).optional()
      }),
      response: { 200: z.object({ items: z.array(OrderSchema), pageInfo: z.object({ hasNextPage: z.boolean(), hasPreviousPage: z.boolean(), endCursor: z.string().nullable() }), totalCount: z.number() }) }
    }
  }, async function (request) {
    const caller = callerOf(request)
    const { first, after, from, to } = request.query
    const page = await listOrders(caller, { first, after, filter: { from, to } })
    return {
      items: await Promise.all(page.nodes.map(order => orderBody(caller, order, false))),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, endCursor: page.cursors.at(-1) ?? null },
      totalCount: page.totalCount
    }
  })

  app.get('/orders/:orderId', {
    schema: { tags: ['orders'], summary: 'One order: status, resale totals and lines', params: orderParams, response: { 200: OrderSchema } }
  }, async function (request) {
    const caller = callerOf(request)
    return orderBody(caller, await requireOrder(caller, request.params.orderId), true)
  })

  app.get('/orders/:orderId/status', {
    schema: { tags: ['orders'], summary: 'The order\'s status', params: orderParams, response: { 200: z.object({ orderId: z.number(), status: z.enum(ORDER_STATUSES) }) } }
  }, async function (request) {
    const orderId = orderIdOf(request.params.orderId)
    return { orderId, status: await orderStatus(callerOf(request), orderId) }
  })

  app.get('/orders/:orderId/payment-means', {
    schema: { tags: ['orders'], summary: 'The registered payment means that can pay this order', params: orderParams, response: { 200: z.object({ items: z.array(z.string()) }) } }
  }, async function (request) {
    return { items: await orderPaymentMeans(callerOf(request), request.params.orderId) }
  })

  app.post('/orders/:orderId/pay', {
    schema: {
      tags: ['orders'],
      summary: 'Pays the order with a payment method, a registered payment mean, or the default payment method',
      params: orderParams,
      body: z.object({
        paymentMethodId: z.number().int().positive().optional(),
        paymentMean: z.enum(PAYMENT_MEANS).optional(),
        paymentMeanId: z.number().int().positive().optional()
      }).default({}),
      response: { 200: z.object({ orderId: z.number(), status: z.enum(ORDER_STATUSES) }) }
    }
  }, async function (request) {
    const status = await payOrder(callerOf(request), request.params.orderId, request.body)
    return { orderId: request.params.orderId, status }
  })

  app.get('/payment-methods', {
    schema: { tags: ['orders'], summary: 'The account\'s registered payment methods', response: { 200: z.object({ items: z.array(PaymentMethodSchema) }) } }
  }, async function (request) {
    return { items: await listPaymentMethods(callerOf(request)) }
  })
}

export default orderRoutes
