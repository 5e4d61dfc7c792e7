// Paying an order, in both of OVH's flows (docs/OVH-API.md 5.1 step 10): the registered payment
// mean (payWithRegisteredPaymentMean {paymentMean, paymentMeanId}) and the newer payment method
// (POST /me/order/{id}/pay {paymentMethod: {id}}), plus the checkout's automatic payment.
import { badRequest } from '../errors.js'
import type { SandboxCore } from '../core.js'
import type { AccountOrdersState, OrderState, PaymentMethodState } from '../state/order-types.js'
import { addTax } from './catalog.js'
import { accountOrders } from './order-state.js'
import { checkPayable, markPaid, orderTotalCents } from './orders.js'
import { DECLINED_MESSAGE, chargeWith, findPaymentMethod } from './payment-methods.js'

function charge (sandbox: SandboxCore, order: OrderState, method: PaymentMethodState, paymentMean: string, now: number): void {
  try {
    chargeWith(method)
  } catch (error) {
    order.declined += 1
    throw error
  }
  markPaid(sandbox, order, { paymentMean, paymentMethodId: method.paymentMethodId, at: now })
}

// The means that can pay this order: every kind of card on file, the OVH account balance, and
// fidelity points when the order is free.
export function availableMeans (orders: AccountOrdersState, order: OrderState): string[] {
  const means = new Set<string>()
  for (const method of Object.values(orders.paymentMethods)) if (method.status === 'VALID') means.add(method.legacyMean)
  means.add('ovhAccount')
  if (orderTotalCents(order) === 0) means.add('fidelityAccount')
  return [...means]
}

export function payWithRegisteredMean (sandbox: SandboxCore, order: OrderState, paymentMean: string, paymentMeanId: number | undefined, now: number): void {
  checkPayable(order, now)
  const orders = accountOrders(sandbox.state, order.account, now)
  const due = addTax(orderTotalCents(order), order.taxRate)
  if (paymentMean === 'ovhAccount') {
    if (orders.ovhAccountCents < due) throw badRequest('The balance of your OVH account is too low to pay this order')
    orders.ovhAccountCents -= due
    markPaid(sandbox, order, { paymentMean, paymentMethodId: null, at: now })
    return
  }
  if (paymentMean === 'fidelityAccount') {
    if (due > 0) throw badRequest('Your fidelity points do not cover this order')
    markPaid(sandbox, order, { paymentMean, paymentMethodId: null, at: now })
    return
  }
  const candidates = Object.values(orders.paymentMethods).filter(method => method.legacyMean === paymentMean)
  if (candidates.length === 0) throw badRequest(`You have no registered payment mean of type ${paymentMean}`)
  if (paymentMeanId === undefined) throw badRequest(`paymentMeanId is required to pay with ${paymentMean}`)
  const method = candidates.find(candidate => candidate.paymentMeanId === paymentMeanId)
  if (method === undefined) throw badRequest(`Payment mean ${paymentMeanId} is not one of your ${paymentMean} payment means`)
  charge(sandbox, order, method, paymentMean, now)
}

export function payWithMethod (sandbox: SandboxCore, order: OrderState, paymentMethodId: number, now: number): void {
  checkPayable(order, now)
  const method = findPaymentMethod(accountOrders(sandbox.state, order.account, now), paymentMethodId)
  charge(sandbox, order, method, method.legacyMean, now)
}

// autoPayWithPreferredPaymentMethod: the default method pays, or the order waits for a payment.
export function payWithDefault (sandbox: SandboxCore, order: OrderState, now: number): boolean {
  const method = Object.values(accountOrders(sandbox.state, order.account, now).paymentMethods).find(candidate => candidate.default && candidate.status === 'VALID')
  if (method === undefined) return false
  try {
    charge(sandbox, order, method, method.legacyMean, now)
    return true
  } catch {
    return false
  }
}

export { DECLINED_MESSAGE }
