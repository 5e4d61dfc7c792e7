// Paying an order with a registered payment mean, in either of OVH's flows (docs/OVH-API.md 5.1
// step 10): the payment method (POST /me/order/{id}/pay {paymentMethod: {id}}) or the legacy
// registered payment mean (POST .../payWithRegisteredPaymentMean {paymentMean, paymentMeanId}).
// Without either, the account's default payment method pays. OVH refuses a second payment of an
// order, so paying needs no idempotency key.
import { keepOrderStatus } from './mirror-orders.js'
import { badUserInput, gatewayError } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import { OvhApiError } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { invalidInput } from '../shared/validate.js'
import { orderReads } from './order-reads.js'
import { orderIdOf, orderStatus } from './orders.js'
import type { OrderStatus, OvhPaymentMethod } from './schemas.js'

export const PAYMENT_MEANS = ['CREDIT_CARD', 'CURRENT_ACCOUNT', 'DEFERRED_PAYMENT_ACCOUNT', 'DOMESTIC_CARD', 'ENTERPRISE', 'INTERNAL_TRUSTED_ACCOUNT', 'PAYPAL', 'RUPAY', 'SEPA_DIRECT_DEBIT', 'bankAccount', 'creditCard', 'deferredPaymentAccount', 'fidelityAccount', 'ovhAccount', 'paypal'] as const

// The legacy means OVH charges by id: without paymentMeanId it cannot tell which card or account.
const MEANS_WITH_ID: readonly string[] = ['bankAccount', 'creditCard', 'paypal']

export interface PaymentInput {
  paymentMethodId?: number | string | null
  paymentMean?: string | null
  paymentMeanId?: number | string | null
}

export interface CheckedPayment {
  paymentMethodId?: number
  paymentMean?: string
  paymentMeanId?: number
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

function positive (value: number | string, field: string, errors: FieldError[]): number | undefined {
  const id = Number(value)
  if (Number.isSafeInteger(id) && id > 0) return id
  errors.push({ field, message: 'must be a positive integer' })
  return undefined
}

/**
 * The payment as given, checked before OVH hears of it: ids that are ids, a known payment mean,
 * one flow at a time, and the legacy flow whole (OVH's payWithRegisteredPaymentMean takes a
 * paymentMean, with the paymentMeanId of a card, bank account or PayPal: a paymentMeanId alone
 * would be dropped and the default card charged instead). Errors go to `errors` under `prefix`
 * ('payment.' in orders, '' for payOrder's own arguments).
 */
export function checkPayment (input: PaymentInput | null | undefined, prefix: string, errors: FieldError[]): CheckedPayment {
  if (input == null) return {}
  const at = (name: string) => `${prefix}${name}`
  const checked: CheckedPayment = {}
  if (input.paymentMethodId != null) checked.paymentMethodId = positive(input.paymentMethodId, at('paymentMethodId'), errors)
  if (input.paymentMeanId != null) checked.paymentMeanId = positive(input.paymentMeanId, at('paymentMeanId'), errors)
  if (input.paymentMean != null) {
    if ((PAYMENT_MEANS as readonly string[]).includes(input.paymentMean)) checked.paymentMean = input.paymentMean
    else errors.push({ field: at('paymentMean'), message: `one of ${PAYMENT_MEANS.join(', ')}` })
  }
  const legacy = (['paymentMean', 'paymentMeanId'] as const).filter(name => input[name] != null)
  if (input.paymentMethodId != null) {
    for (const name of legacy) errors.push({ field: at(name), message: 'not with paymentMethodId: pay with a payment method (paymentMethodId) or a registered payment mean (paymentMean with its paymentMeanId), one flow at a time' })
  } else if (input.paymentMean == null && input.paymentMeanId != null) {
    errors.push({ field: at('paymentMean'), message: 'required with paymentMeanId: OVH\'s registered payment mean flow takes both (e.g. creditCard and the card\'s paymentMeanId); for a payment method, give paymentMethodId' })
  } else if (input.paymentMean != null && MEANS_WITH_ID.includes(input.paymentMean) && input.paymentMeanId == null) {
    errors.push({ field: at('paymentMeanId'), message: `required with paymentMean ${input.paymentMean}: which of your ${input.paymentMean} means pays (paymentMethods lists their paymentMeanId)` })
  }
  return checked
}

/**
 * Refuses a payment method the account cannot pay with before anything is ordered: one read
 * (GET /me/payment/method/{id}); unknown, or not VALID (expired, cancelled...) is BAD_USER_INPUT
 * on `field`. The legacy flow's means are left to OVH: checking them would read every method.
 */
export async function checkPaymentMethod (caller: Caller, payment: CheckedPayment, field: string): Promise<void> {
  if (payment.paymentMethodId === undefined) return
  const client = await caller.ovh()
  let method: OvhPaymentMethod
  try {
    method = await client.get<OvhPaymentMethod>('/me/payment/method/{paymentMethodId}', { params: { paymentMethodId: payment.paymentMethodId } })
  } catch (err) {
    if (err instanceof OvhApiError && err.status === 404) {
      throw badUserInput(`payment method ${payment.paymentMethodId} does not exist`, [{ field, message: 'no such payment method on the account (paymentMethods lists them)' }])
    }
    throw err
  }
  const expired = method.expirationDate !== null && Date.parse(method.expirationDate) <= Date.now()
  if (method.status !== 'VALID' || expired) {
    const state = method.status !== 'VALID' ? method.status : 'EXPIRED'
    throw badUserInput(`payment method ${method.paymentMethodId} cannot pay: it is ${state}`, [{ field, message: `the payment method is ${state}: choose a VALID one (paymentMethods lists them)` }])
  }
}

export async function defaultPaymentMethodId (caller: Caller): Promise<number> {
  const client = await caller.ovh()
  const ids = await client.get<number[]>('/me/payment/method', { query: { default: true } })
  if (ids.length === 0) throw gatewayError('BAD_USER_INPUT', 'the OVH account has no default payment method: give one', { fields: [{ field: 'paymentMethodId', message: 'required: the account has no default payment method' }] })
  return ids[0]
}

/** The payment call itself (one POST; the default method costs a read first), input checked. */
export async function payWith (caller: Caller, orderId: number, payment: CheckedPayment): Promise<void> {
  const client = await caller.ovh()
  if (payment.paymentMean !== undefined) {
    const body = { paymentMean: payment.paymentMean, ...(payment.paymentMeanId === undefined ? {} : { paymentMeanId: payment.paymentMeanId }) }
    await client.post('/me/order/{orderId}/payWithRegisteredPaymentMean', { params: { orderId }, body })
  } else {
    const methodId = payment.paymentMethodId ?? await defaultPaymentMethodId(caller)
    await client.post('/me/order/{orderId}/pay', { params: { orderId }, body: { paymentMethod: { id: methodId } } })
  }
  // The status read before paying is stale now.
  orderReads(caller).status.clear(String(orderId))
}

/** Pays `orderId`; answers the order status after payment (OVH's checking, usually). */
export async function payOrder (caller: Caller, orderId: string | number, input: PaymentInput | null = {}): Promise<OrderStatus> {
  caller.require('write')
  const id = orderIdOf(orderId)
  const errors: FieldError[] = []
  const payment = checkPayment(input, '', errors)
  if (errors.length > 0) throw invalidInput('payment', errors)
  await payWith(caller, id, payment)
  const status = await orderStatus(caller, id)
  // Kept in the mirror: a read right after the payment answers this status, not the old copy.
  await keepOrderStatus(caller, id, status)
  return status
}
