// Registered payment means of an account (me.payment.PaymentMethod) and what paying with them does.
// Documented: every account has a default Visa card that pays, and a Mastercard the bank declines.
import { badRequest, notFound } from '../errors.js'
import type { AccountOrdersState, PaymentMethodState } from '../state/order-types.js'
import { nextId } from '../state/types.js'
import type { SandboxState } from '../state/types.js'
import { DAY, formatDateTime } from '../time.js'

export const DECLINED_MESSAGE = 'The payment was refused by the bank: card declined'

export function seedPaymentMethods (state: SandboxState, orders: AccountOrdersState, now: number): void {
  const card = (label: string, description: string, subType: string, isDefault: boolean, declines: boolean): PaymentMethodState => ({
    paymentMethodId: nextId(state, 'paymentMethodId', 7_000_001),
    paymentMeanId: nextId(state, 'paymentMeanId', 5_000_001),
    paymentType: 'CREDIT_CARD',
    legacyMean: 'creditCard',
    paymentSubType: subType,
    label,
    description,
    default: isDefault,
    status: 'VALID',
    creation: now - 400 * DAY,
    expiration: now + 700 * DAY,
    declines
  })
  for (const method of [
    card('4970 XXXX XXXX 4242', 'Company Visa card', 'VISA', true, false),
    card('5132 XXXX XXXX 0002', 'Card the bank declines (sandbox)', 'MASTERCARD', false, true)
  ]) {
    orders.paymentMethods[String(method.paymentMethodId)] = method
  }
}

export function findPaymentMethod (orders: AccountOrdersState, id: number | string): PaymentMethodState {
  const method = orders.paymentMethods[String(id)]
  if (method === undefined) throw notFound(`The requested object (paymentMethodId = ${String(id)}) does not exist`)
  return method
}

// Refuses a payment the way a bank would: the method's card declines, or it is not usable.
export function chargeWith (method: PaymentMethodState): void {
  if (method.status !== 'VALID') throw badRequest(`Payment method ${method.paymentMethodId} is ${method.status}`)
  if (method.declines) throw badRequest(DECLINED_MESSAGE)
}

// me.payment.PaymentMethod
export function toPaymentMethod (method: PaymentMethodState) {
  return {
    billingContactId: null,
    creationDate: formatDateTime(method.creation),
    default: method.default,
    description: method.description,
    expirationDate: method.expiration === null ? null : formatDateTime(method.expiration),
    formSessionId: null,
    icon: { data: null, name: (method.paymentSubType ?? method.paymentType).toLowerCase(), url: null },
    integration: 'NONE',
    label: method.label,
    lastUpdate: formatDateTime(method.creation),
    merchantId: null,
    oneclick: true,
    paymentMeanId: method.paymentMeanId,
    paymentMethodId: method.paymentMethodId,
    paymentSubType: method.paymentSubType,
    paymentType: method.paymentType,
    status: method.status
  }
}
