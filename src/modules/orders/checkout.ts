// Checkout of a cart with an idempotency key: the key is stored before OVH is called, a retry
// replays the first result, and a retry after a lost answer looks for the order OVH may have made
// (the cart is frozen once checked out; the order is the one whose lines are about the cart's
// domains) instead of checking out again.
import { isGatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { cartReads, onCart, ownCart } from './cart-reads.js'
import { AmbiguousOutcome, OutcomeNotYetKnown, afterOrdering, checkIdempotencyKey, decisive, runIdempotent } from './idempotency.js'
import type { Progress, RunContext } from './idempotency.js'
import { pricePreview } from './order-prices.js'
import { domainSetOf, findOrderFor } from './orders.js'
import type { OvhBillingDetail, OvhBillingOrder, OvhCart, OvhOrderPreview } from './schemas.js'

export interface CheckoutInput {
  idempotencyKey: string | null | undefined
  autoPayWithPreferredPaymentMethod?: boolean | null
  waiveRetractationPeriod?: boolean | null
}

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
 * What OVH did with a cart whose checkout answer was lost: its order, or null if OVH ordered
 * nothing. A checked-out cart whose order is not listed yet is OutcomeNotYetKnown (never "nothing",
 * which would order again). A cart OVH purged meanwhile is looked up by `domains`, the domains the
 * attempt ordered, among the orders since `startedAt`; null if none has them.
 */
export async function recoverCheckout (caller: Caller, cartId: string, startedAt: Date, domains: string[] = []): Promise<OvhOrderPreview | null> {
  const client = await caller.ovh()
  let cart: OvhCart
  try {
    cart = await onCart(cartId, () => client.get<OvhCart>('/order/cart/{cartId}', { params: { cartId } }))
  } catch (err) {
    if (!(isGatewayError(err) && err.code === 'NOT_FOUND')) throw err
    const found = await findOrderFor(caller, cartId, domains, startedAt)
    return found === null ? null : previewOf(found.order, found.lines)
  }
  if (!cart.readOnly) return null
  const summary = await onCart(cartId, () => client.get<OvhOrderPreview>('/order/cart/{cartId}/summary', { params: { cartId } }))
  const found = await findOrderFor(caller, cartId, summary.details.map(line => line.domain), startedAt)
  if (found === null) throw new OutcomeNotYetKnown(`cart ${cartId} was checked out but OVH does not list its order yet`)
  // The contracts of the lost answer are gone; the lines and prices are the cart's.
  return { ...summary, orderId: found.order.orderId, url: found.order.url, contracts: [] }
}

type CheckoutBody = { autoPayWithPreferredPaymentMethod: boolean, waiveRetractationPeriod: boolean }

/** POST /order/cart/{cartId}/checkout once per idempotency key. */
export async function checkoutOnce (caller: Caller, cartId: string, body: CheckoutBody): Promise<OvhOrderPreview> {
  const client = await caller.ovh()
  const order = await decisive(() => onCart(cartId, () => client.post<OvhOrderPreview>('/order/cart/{cartId}/checkout', { params: { cartId }, body })))
  // OVH ordered: a failure from here on must not let a retry order again.
  if (order.orderId !== null) await afterOrdering(() => caller.stores.carts.update(cartId, { checkedOutAt: new Date(), orderId: BigInt(order.orderId as number) }))
  return order
}

/**
 * checkoutOnce within an idempotent attempt. `marker` (a progress field) records that the checkout
 * began, which is what lets a retry look for the order of a lost answer. When OVH refuses (it
 * ordered nothing), the marker is cleared: a cart checked out meanwhile by another key (or by hand)
 * must not be taken by this key's retry for its own order.
 */
export async function checkoutAttempt (caller: Caller, ctx: RunContext, cartId: string, body: CheckoutBody, marker: string, progress: Progress = {}): Promise<OvhOrderPreview> {
  await ctx.save({ ...progress, [marker]: new Date().toISOString() })
  try {
    return await checkoutOnce(caller, cartId, body)
  } catch (err) {
    if (!(err instanceof AmbiguousOutcome)) await ctx.save({ [marker]: null })
    throw err
  }
}

export async function checkoutCart (caller: Caller, cartId: string, input: CheckoutInput) {
  caller.require('write')
  const key = checkIdempotencyKey(input.idempotencyKey)
  const body = {
    autoPayWithPreferredPaymentMethod: input.autoPayWithPreferredPaymentMethod ?? false,
    // Domains are delivered at once: OVH asks to waive the withdrawal period for them.
    waiveRetractationPeriod: input.waiveRetractationPeriod ?? true
  }
  // An expired cart may still have a stored checkout to replay; OVH refuses the rest.
  await ownCart(caller, cartId, { allowExpired: true })
  const { result, replayed } = await runIdempotent<OvhOrderPreview>(caller, {
    key,
    operation: 'checkout',
    args: { cartId, ...body },
    async run (ctx) {
      // The cart's domains are recorded first: if OVH purges the cart before a retry, they find the order.
      const domains = domainSetOf((await cartReads(caller).summary.load(cartId)).details).split(',')
      return checkoutAttempt(caller, ctx, cartId, body, 'startedAt', { cartId, domains })
    },
    recover: ctx => typeof ctx.progress.startedAt !== 'string'
      ? Promise.resolve(null)
      : recoverCheckout(caller, cartId, new Date(ctx.progress.startedAt), Array.isArray(ctx.progress.domains) ? ctx.progress.domains.map(String) : [])
  })
  return { replayed, order: await pricePreview(caller, result) }
}
