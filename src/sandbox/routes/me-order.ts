// GET /me: the calling NIC. /me/order*: the account's orders, their status and details, and paying
// them (both OVH flows); /me/payment/method*: the registered payment methods. @see docs/OVH-API.md 5.1 steps 10-11, 13.5
import { badRequest } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { deliverOrderItem, domainCreateHandler, domainRestoreHandler, domainTradeHandler, tradeValidationEvents } from '../model/order-delivery.js'
import { accountOrders } from '../model/order-state.js'
import { findOrder, findOrderItem, orderDetailIds, orderEvents, toBillingDetail, toBillingOrder, toItemDetail } from '../model/orders.js'
import { toNichandle } from '../model/nichandle.js'
import { findPaymentMethod, toPaymentMethod } from '../model/payment-methods.js'
import { availableMeans, payWithMethod, payWithRegisteredMean } from '../model/payments.js'

function dateFilter (value: unknown): number | undefined {
  if (value === undefined) return undefined
  const at = Date.parse(String(value))
  if (Number.isNaN(at)) throw badRequest(`Invalid date: ${String(value)}`)
  return at
}

export const meOrderArea: SandboxArea = {
  name: 'me-order',
  events: sandbox => ({ ...orderEvents(sandbox, deliverOrderItem), ...tradeValidationEvents(sandbox) }),
  taskHandlers: {
    DomainCreate: domainCreateHandler,
    DomainTrade: domainTradeHandler,
    DomainRestore: domainRestoreHandler
  },
  routes: [
    // The calling NIC: what an order uses when it names no owner, admin or tech.
    defineRoute({
      method: 'GET',
      path: '/me',
      handler: ({ account }) => toNichandle(account)
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order',
      handler ({ state, account, query, now }) {
        const from = dateFilter(query['date.from'])
        const to = dateFilter(query['date.to'])
        return Object.values(accountOrders(state, account.nic, now).orders)
          .filter(order => (from === undefined || order.date >= from) && (to === undefined || order.date <= to))
          .map(order => order.orderId)
          .sort((a, b) => a - b)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}',
      batch: true,
      handler: ({ state, account, params, now }) => toBillingOrder(findOrder(accountOrders(state, account.nic, now), Number(params.orderId)))
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}/status',
      handler: ({ state, account, params, now }) => findOrder(accountOrders(state, account.nic, now), Number(params.orderId)).status
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}/details',
      handler: ({ state, account, params, now }) => orderDetailIds(findOrder(accountOrders(state, account.nic, now), Number(params.orderId)))
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}/details/{orderDetailId}',
      batch: true,
      handler ({ state, account, params, now }) {
        const order = findOrder(accountOrders(state, account.nic, now), Number(params.orderId))
        return toBillingDetail(order, findOrderItem(order, Number(params.orderDetailId)))
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}/details/{orderDetailId}/extension',
      handler ({ state, account, params, now }) {
        const order = findOrder(accountOrders(state, account.nic, now), Number(params.orderId))
        return toItemDetail(findOrderItem(order, Number(params.orderDetailId)))
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/order/{orderId}/availableRegisteredPaymentMean',
      handler ({ state, account, params, now }) {
        const orders = accountOrders(state, account.nic, now)
        const order = findOrder(orders, Number(params.orderId))
        return order.status === 'notPaid' ? availableMeans(orders, order).map(paymentMean => ({ paymentMean })) : []
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/me/order/{orderId}/payWithRegisteredPaymentMean',
      handler ({ sandbox, state, account, params, body, now }) {
        const order = findOrder(accountOrders(state, account.nic, now), Number(params.orderId))
        const { paymentMean, paymentMeanId } = body as { paymentMean: string, paymentMeanId?: number | null }
        payWithRegisteredMean(sandbox, order, paymentMean, paymentMeanId ?? undefined, now)
        return null
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/me/order/{orderId}/pay',
      handler ({ sandbox, state, account, params, body, now }) {
        const order = findOrder(accountOrders(state, account.nic, now), Number(params.orderId))
        const { paymentMethod } = body as { paymentMethod: { id?: number } }
        if (paymentMethod.id === undefined) throw badRequest('Missing parameter(s): paymentMethod.id')
        payWithMethod(sandbox, order, paymentMethod.id, now)
        return null
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/payment/method',
      handler ({ state, account, query, now }) {
        return Object.values(accountOrders(state, account.nic, now).paymentMethods)
          .filter(method => (query.default === undefined || method.default === query.default) &&
            (query.paymentType === undefined || method.paymentType === query.paymentType) &&
            (query.status === undefined || method.status === query.status))
          .map(method => method.paymentMethodId)
          .sort((a, b) => a - b)
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/me/payment/method/{paymentMethodId}',
      batch: true,
      handler: ({ state, account, params, now }) => toPaymentMethod(findPaymentMethod(accountOrders(state, account.nic, now), Number(params.paymentMethodId)))
    })
  ]
}
