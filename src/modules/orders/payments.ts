// Paying an order with a registered payment mean, in either of OVH's flows (docs/OVH-API.md 5.1
// step 10): the payment method (POST /me/order/{id}/pay {paymentMethod: {id}}) or the legacy
// registered payment mean (POST .../payWithRegisteredPaymentMean {paymentMean, paymentMeanId}).
// Without either, the account's default payment method pays. OVH refuses a second payment of an
// order, so paying needs no idempotency key.
import { badUserInput, gatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { orderReads } from './order-reads.js'
import { orderIdOf, orderStatus } from './orders.js'
import type { OrderStatus, OvhPaymentMethod } from './schemas.js'

export const PAYMENT_MEANS = ['CREDIT_CARD', 'CURRENT_ACCOUNT', 'DEFERRED_PAYMENT_ACCOUNT', 'DOMESTIC_CARD', 'ENTERPRISE', 'INTERNAL_TRUSTED_ACCOUNT', 'PAYPAL', 'RUPAY', 'SEPA_DIRECT_DEBIT', 'bankAccount', 'creditCard', 'deferredPaymentAccount', 'fidelityAccount', 'ovhAccount', 'paypal'] as const

export interface PaymentInput {
  paymentMethodId?: number | string | null
  paymentMean?: string | null
  paymentMeanId?: number | string | null
}

export async function listPaymentMethods (caller: Caller): Promise<OvhPaymentMethod[]> {
  caller.require('write')
  const client = await caller.ovh()
  const ids = await client.get<number[]>('/me/payment/method')
  const results = await client.getBatch<OvhPaymentMethod>('/me/payment/method/{paymentMethodId}', ids.map(String))
  return ids.flatMap(id => {
    const item = results.get(String(id))
    if (item === undefined) return []
    if (!item.ok) throw item.error
    return [item.value]
  })
}

export async function orderPaymentMeans (caller: Caller, orderId: string | number): Promise<string[]> {
  caller.require('write')
  const client = await caller.ovh()
  const means = await client.get<Array<{ paymentMean: string }>>('/me/order/{orderId}/availableRegisteredPaymentMean', { params: { orderId: orderIdOf(orderId) } })
  return means.map(mean => mean.paymentMean)
}

function positive (value: number | string, field: string): number {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) throw badUserInput(`${field} must be a positive integer`, [{ field, message: 'must be a positive integer' }])
  return id
}

export async function defaultPaymentMethodId (caller: Caller): Promise<number> {
  const client = await caller.ovh()
  const ids = await client.get<number[]>('/me/payment/method', { query: { default: true } })
  if (ids.length === 0) throw gatewayError('BAD_USER_INPUT', 'the OVH account has no default payment method: give one', { fields: [{ field: 'paymentMethodId', message: 'required: the account has no default payment method' }] })
  return ids[0]
}

/** Pays `orderId`; answers the order status after payment (OVH's checking, usually). */
export async function payOrder (caller: Caller, orderId: string | number, input: PaymentInput = {}): Promise<OrderStatus> {
  caller.require('write')
  const id = orderIdOf(orderId)
  if (input.paymentMethodId != null && input.paymentMean != null) {
    throw badUserInput('give a paymentMethodId or a paymentMean, not both', [{ field: 'paymentMean', message: 'not with paymentMethodId' }])
  }
  if (input.paymentMean != null && !(PAYMENT_MEANS as readonly string[]).includes(input.paymentMean)) {
    throw badUserInput(`unknown payment mean ${input.paymentMean}`, [{ field: 'paymentMean', message: `one of ${PAYMENT_MEANS.join(', ')}` }])
  }
  const client = await caller.ovh()
  if (input.paymentMean != null) {
    const meanId = input.paymentMeanId == null ? undefined : positive(input.paymentMeanId, 'paymentMeanId')
    await client.post('/me/order/{orderId}/payWithRegisteredPaymentMean', { params: { orderId: id }, body: { paymentMean: input.paymentMean, ...(meanId === undefined ? {} : { paymentMeanId: meanId }) } })
  } else {
    const methodId = input.paymentMethodId == null ? await defaultPaymentMethodId(caller) : positive(input.paymentMethodId, 'paymentMethodId')
    await client.post('/me/order/{orderId}/pay', { params: { orderId: id }, body: { paymentMethod: { id: methodId } } })
  }
  // Read again: the status this request saw before paying is stale now.
  orderReads(caller).status.clear(String(id))
  return orderStatus(caller, id)
}
