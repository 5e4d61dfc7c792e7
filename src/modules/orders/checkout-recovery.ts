// What OVH did with a checkout whose answer never came (lost, or its process died): the cart tells
// whether it was checked out (OVH freezes it), and the order is the one since the checkout began
// whose lines are about the cart's domains. Used by the key's own retry (checkout.ts,
// order-flow.ts) and to judge whether an order still holds its domains (domain-holds.ts).
import { isGatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { onCart } from './cart-reads.js'
import { OutcomeNotYetKnown } from './idempotency.js'
import { findOrderFor } from './orders.js'
import { callerEndpoint } from './ovh-scope.js'
import type { OvhBillingDetail, OvhBillingOrder, OvhCart, OvhOrderPreview } from './schemas.js'

export type CheckoutOutcome =
  // OVH ordered: the order, in the shape of a checkout's answer.
  | { state: 'ordered', order: OvhOrderPreview }
  // The cart is there and not checked out: OVH ordered nothing.
  | { state: 'notCheckedOut' }
  // The cart is gone (purged after it expired, or deleted) and no order since has its domains.
  | { state: 'cartGone' }

// An order found without its cart: OVH's order and lines in the shape of a checkout's answer.
function previewOf (order: OvhBillingOrder, lines: OvhBillingDetail[]): OvhOrderPreview {
  return {
    orderId: order.orderId,
    url: order.url,
    contracts: [],
    details: lines.map(line => ({ cartItemID: null, description: line.description, detailType: line.detailType, domain: line.domain, quantity: Number(line.quantity), unitPrice: line.unitPrice, totalPrice: line.totalPrice })),
    prices: { withoutTax: order.priceWithoutTax, tax: order.tax, withTax: order.priceWithTax }
  }
}

/**
 * What OVH did with cart `cartId`, whose checkout began at `startedAt` for `domains` (what the
 * attempt recorded, to find the order of a cart OVH purged). A checked-out cart whose order is not
 * listed yet, or more orders since than are searched, throw OutcomeNotYetKnown with what is known.
 */
export async function checkoutOutcome (caller: Caller, cartId: string, startedAt: Date, domains: string[]): Promise<CheckoutOutcome> {
  const known = { cartId, domains, checkoutStartedAt: startedAt.toISOString() }
  try {
    const client = await caller.ovh()
    let cart: OvhCart
    try {
      cart = await onCart(cartId, () => client.get<OvhCart>('/order/cart/{cartId}', { params: { cartId } }))
    } catch (err) {
      if (!(isGatewayError(err) && err.code === 'NOT_FOUND')) throw err
      const found = await findOrderFor(caller, cartId, domains, startedAt)
      return found === null ? { state: 'cartGone' } : { state: 'ordered', order: previewOf(found.order, found.lines) }
    }
    if (!cart.readOnly) return { state: 'notCheckedOut' }
    const summary = await onCart(cartId, () => client.get<OvhOrderPreview>('/order/cart/{cartId}/summary', { params: { cartId } }))
    const found = await findOrderFor(caller, cartId, summary.details.map(line => line.domain), startedAt)
    if (found === null) throw new OutcomeNotYetKnown(`cart ${cartId} was checked out but OVH does not list its order yet`)
    // The contracts of the lost answer are gone; the lines and prices are the cart's.
    return { state: 'ordered', order: { ...summary, orderId: found.order.orderId, url: found.order.url, contracts: [] } }
  } catch (err) {
    if (err instanceof OutcomeNotYetKnown) err.known = { ...known, ...err.known }
    throw err
  }
}

/**
 * For the key's own retry: the order OVH made from the cart, or null only when OVH positively
 * ordered nothing (the cart is there, not checked out). A cart gone without an order that has its
 * domains is never "nothing": the checkout may have ordered, so the key stays unknown for good
 * rather than order again (issue 11: a purged cart made the same key order twice).
 */
export async function recoverCheckout (caller: Caller, cartId: string, startedAt: Date, domains: string[] = []): Promise<OvhOrderPreview | null> {
  const outcome = await checkoutOutcome(caller, cartId, startedAt, domains)
  if (outcome.state === 'notCheckedOut') return null
  if (outcome.state === 'cartGone') {
    throw new OutcomeNotYetKnown(`cart ${cartId} is gone from OVH and no order since its checkout began has its domains: the gateway cannot tell whether OVH ordered`, { cartId, domains, checkoutStartedAt: startedAt.toISOString() })
  }
  // Recorded like a checkout's answer: other carts' recoveries then know the order is this one's.
  if (outcome.order.orderId !== null) await caller.stores.carts.update(callerEndpoint(caller), cartId, { checkedOutAt: new Date(), orderId: BigInt(outcome.order.orderId) })
  return outcome.order
}
