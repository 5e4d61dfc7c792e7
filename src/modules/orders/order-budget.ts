// What a one-shot order (orderDomain, tradeDomain) costs upstream, reserved from the consumer key's
// budget before its first call (caller.reserveUpstream): the order runs whole or is refused with
// RATE_LIMITED having made no call. A budget spent half-way would be worse than a refusal: it can
// stop a request after OVH ordered, before it could pay or answer. The calls, as the sandbox's call
// log shows them (test/app/storefront.test.ts asserts the count):
// - reference data: the TLD list (once an hour) and the user's search cart (once a day);
// - the check: the offer, GET /me, the rule check; a stored owner contact, the rule tree when
//   another NIC is named admin or tech (orderDomain); the trade option and the rule check (trade);
// - the order: the owner contact (inline), cart, assign, item, one call per configuration, checkout;
// - the payment: the payment method's check or the default method's lookup, then the payment
//   (the legacy flow: the payment only);
// - the answer: the order's status, the order, its line ids and lines (one batch read), the task
//   list of its domain.
// A refused or failed order gives back what it did not use (caller.releaseUpstream).
import type { Caller } from '../../upstream/caller.js'
import { extensionsKnown } from '../catalog/reference.js'
import { storedSearchCart } from '../catalog/search-cart.js'
import type { IdempotencyRecord } from './idempotency-store.js'
import { AnyProgressSchema } from './progress.js'
import type { CheckedPayment } from './payments.js'

export const ANSWER_READS = 5

export interface OrderSteps {
  // Reads the check makes beyond reference data.
  check: number
  // Calls that place the order, the owner contact included when it is created inline.
  place: number
  // Whether `place` counts an owner contact to create.
  createsContact: boolean
  // Whether the check needs the search cart (an offer read through it).
  readsOffer: boolean
  payment: CheckedPayment
}

function paymentCalls (payment: CheckedPayment): number {
  return payment.paymentMean !== undefined ? 1 : 2
}

async function referenceCalls (caller: Caller, steps: OrderSteps): Promise<number> {
  return (extensionsKnown(caller) ? 0 : 1) + (steps.readsOffer && await storedSearchCart(caller) === null ? 1 : 0)
}

/** The calls an order with this key needs now: all of it, what a retry has left, or a replay's answer. */
export async function orderCost (caller: Caller, steps: OrderSteps, known: IdempotencyRecord | null): Promise<number> {
  if (known?.state === 'succeeded') return ANSWER_READS
  const progress = AnyProgressSchema.parse(known?.progress ?? {})
  if (progress.orderId !== undefined) return 1 + paymentCalls(steps.payment) + ANSWER_READS
  const checked = known !== null && (progress.plan !== undefined || progress.quote !== undefined)
  const check = checked ? 0 : await referenceCalls(caller, steps) + steps.check
  // A retry deletes the last attempt's cart and, when its checkout began, first reads the cart, its
  // summary and the orders since (OVH's orders, two reads each, are counted as they come).
  const retry = known === null ? 0 : (typeof progress.cartId === 'string' ? 1 : 0) + (typeof progress.checkoutStartedAt === 'string' ? 3 : 0)
  const contact = steps.createsContact && typeof progress.contactId === 'number' ? 1 : 0
  return check + retry + steps.place - contact + paymentCalls(steps.payment) + ANSWER_READS
}
