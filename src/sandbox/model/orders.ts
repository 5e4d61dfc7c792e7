// Orders made by a checkout: payment, then checking -> delivering (the domain tasks are created)
// -> delivered, on the sandbox clock; and their OVH representations (billing.Order, details).
// @see docs/OVH-API.md 5.1 steps 9-11, 13.5
import { badRequest, notFound } from '../errors.js'
import { randomKey } from '../ids.js'
import type { EventHandler } from '../scheduler.js'
import type { SandboxCore } from '../core.js'
import type { AccountOrdersState, CartState, OrderPayment, OrderState } from '../state/order-types.js'
import { comesWithZone } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { AccountState } from '../state/types.js'
import { DAY, MINUTE, formatDateTime } from '../time.js'
import { addTax, subsidiaryOf, toPrice } from './catalog.js'
import { accountOrders } from './order-state.js'
import { billOrder } from './bills.js'
import { discountCents } from './coupons.js'

export const ORDER_ADVANCE = 'order.advance'
// Realistic pace: OVH checks a paid order within minutes, then hands it to delivery.
export const CHECKING_MS = 2 * MINUTE
export const DELIVERING_MS = MINUTE

// What delivering an order item does (create the domain task...): set by the order area, which
// knows the task handlers; null when the item needs no task.
export type ItemDelivery = (sandbox: SandboxCore, order: OrderState, item: OrderState['items'][number]) => number | null

export function createOrder (sandbox: SandboxCore, cart: CartState, account: AccountState, now: number): OrderState {
  const state = sandbox.state
  const order: OrderState = {
    orderId: nextId(state, 'orderId', 190_000_001),
    account: account.nic,
    cartId: cart.cartId,
    password: randomKey(12),
    date: now,
    expirationDate: now + 15 * DAY,
    currency: cart.currency,
    taxRate: subsidiaryOf(cart.ovhSubsidiary).taxRate,
    status: 'notPaid',
    items: cart.items.map(item => ({
      orderDetailId: nextId(state, 'orderDetailId', 600_000_001),
      itemId: item.itemId,
      action: item.action,
      domain: item.domain,
      planCode: item.planCode,
      pricingMode: item.pricingMode,
      duration: item.duration,
      quantity: item.quantity,
      // A coupon's discount is what the order (and its bill) charges less (quantity is 1 for domains).
      unitCents: item.priceCents - discountCents(cart, item) / item.quantity,
      configurations: item.configurations.map(({ label, value }) => ({ label, value })),
      taskId: null,
      ...(!comesWithZone(item.action) ? {} : { zoneDetailId: nextId(state, 'orderDetailId', 600_000_001) })
    })),
    payment: null,
    declined: 0,
    eventId: null
  }
  accountOrders(state, account.nic, now).orders[String(order.orderId)] = order
  cart.readOnly = true
  cart.orderId = order.orderId
  return order
}

export function findOrder (orders: AccountOrdersState, orderId: number): OrderState {
  const order = orders.orders[String(orderId)]
  if (order === undefined) throw notFound(`The requested object (orderId = ${orderId}) does not exist`)
  return order
}

export function orderTotalCents (order: OrderState): number {
  return order.items.reduce((sum, item) => sum + item.unitCents * item.quantity, 0)
}

export function checkPayable (order: OrderState, now: number): void {
  if (order.status !== 'notPaid') throw badRequest(`Order ${order.orderId} is not waiting for a payment (it is ${order.status})`)
  if (order.expirationDate <= now) throw badRequest(`Order ${order.orderId} has expired: order again`)
}

export function markPaid (sandbox: SandboxCore, order: OrderState, payment: OrderPayment): void {
  order.payment = payment
  order.status = 'checking'
  const method = payment.paymentMethodId === null ? undefined : sandbox.state.orders?.accounts[order.account]?.paymentMethods[String(payment.paymentMethodId)]
  billOrder(sandbox.state, order, payment, method?.label ?? null)
  order.eventId = sandbox.after(CHECKING_MS, ORDER_ADVANCE, { account: order.account, orderId: order.orderId })
}

export function orderEvents (sandbox: SandboxCore, deliver: ItemDelivery): Record<string, EventHandler> {
  return {
    [ORDER_ADVANCE] (payload: { account: string, orderId: number }, { event }) {
      const order = sandbox.state.orders?.accounts[payload.account]?.orders[String(payload.orderId)]
      if (order === undefined || order.eventId !== event.id) return
      if (order.status === 'checking') {
        order.status = 'delivering'
        for (const item of order.items) item.taskId = deliver(sandbox, order, item)
        // From the event's time, so a clock advanced past several steps runs them all.
        order.eventId = sandbox.scheduler.schedule(event.at + DELIVERING_MS * sandbox.pace, ORDER_ADVANCE, payload)
      } else if (order.status === 'delivering') {
        order.status = 'delivered'
        order.eventId = null
      }
    }
  }
}

export function orderUrl (order: OrderState): string {
  return `https://www.ovh.com/cgi-bin/order/display-order.cgi?orderId=${order.orderId}&orderPassword=${order.password}`
}

// billing.Order
export function toBillingOrder (order: OrderState) {
  const withoutTax = orderTotalCents(order)
  const withTax = addTax(withoutTax, order.taxRate)
  return {
    date: formatDateTime(order.date),
    expirationDate: formatDateTime(order.expirationDate),
    orderId: order.orderId,
    password: order.password,
    pdfUrl: `https://www.ovh.com/cgi-bin/order/bill.cgi?reference=${order.orderId}&passwd=${order.password}`,
    priceWithTax: toPrice(withTax, order.currency),
    priceWithoutTax: toPrice(withoutTax, order.currency),
    // Domains are delivered at once: the customer waives the withdrawal period at checkout.
    retractionDate: null,
    tax: toPrice(withTax - withoutTax, order.currency),
    url: orderUrl(order)
  }
}

/** The order's detail ids: each item's line, then its zone's. */
export function orderDetailIds (order: OrderState): number[] {
  return order.items.flatMap(item => item.zoneDetailId === undefined ? [item.orderDetailId] : [item.orderDetailId, item.zoneDetailId])
}

export interface OrderLineRef { item: OrderState['items'][number], zone: boolean }

export function findOrderItem (order: OrderState, orderDetailId: number): OrderLineRef {
  for (const item of order.items) {
    if (item.orderDetailId === orderDetailId) return { item, zone: false }
    if (item.zoneDetailId === orderDetailId) return { item, zone: true }
  }
  throw notFound(`The requested object (orderDetailId = ${orderDetailId}) does not exist`)
}

const DETAIL_TYPES = { create: 'DURATION', transfer: 'TRANSFER', trade: 'SPECIAL', renew: 'RENEW', restore: 'OTHER', option: 'DURATION' } as const

// billing.OrderDetail
export function toBillingDetail (order: OrderState, { item, zone }: OrderLineRef) {
  if (zone) {
    return {
      cancelled: order.status === 'cancelled',
      description: `DNS zone of ${item.domain}`,
      detailType: 'INSTALLATION',
      domain: item.domain,
      orderDetailId: item.zoneDetailId,
      quantity: '1',
      totalPrice: toPrice(0, order.currency),
      unitPrice: toPrice(0, order.currency)
    }
  }
  const what = { create: 'Registration', transfer: 'Transfer', trade: 'Owner change', renew: 'Renewal', restore: 'Restore', option: 'Domain option' }[item.action]
  return {
    cancelled: order.status === 'cancelled',
    description: `${what} of ${item.domain} (${item.duration})`,
    detailType: DETAIL_TYPES[item.action],
    domain: item.domain,
    orderDetailId: item.orderDetailId,
    quantity: String(item.quantity),
    totalPrice: toPrice(item.unitCents * item.quantity, order.currency),
    unitPrice: toPrice(item.unitCents, order.currency)
  }
}

// billing.ItemDetail (GET /me/order/{id}/details/{detailId}/extension): what terraform-provider-ovh
// reads to match an order detail with the plan it ordered (docs/OVH-API.md 5.1 step 11).
export function toItemDetail ({ item, zone }: OrderLineRef) {
  if (zone) {
    return {
      order: {
        action: 'installation',
        configurations: [],
        plan: { code: 'zone', duration: 'P1M', pricingMode: 'default', product: { name: 'dns-zone' }, quantity: 1 },
        type: 'plan'
      }
    }
  }
  return {
    order: {
      action: item.action === 'trade' ? 'upgrade' : item.action === 'renew' || item.action === 'restore' ? 'renew' : 'installation',
      // As ordered, the auth code of a transfer included: OVH gives it back to the account.
      configurations: item.configurations,
      plan: {
        code: item.planCode,
        duration: item.duration,
        pricingMode: item.pricingMode,
        product: { name: item.action === 'trade' ? 'domain-trade' : item.action === 'restore' ? 'domain-restore' : item.action === 'option' ? 'domain-option' : 'domain' },
        quantity: item.quantity
      },
      type: 'plan'
    }
  }
}
