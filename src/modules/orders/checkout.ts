// Checkout of a cart with an idempotency key: the key is stored before OVH is called, a retry
// replays the first result, and a retry after a lost answer looks for the order OVH may have made
// (checkout-recovery.ts) instead of checking out again. The cart's domains are held while the
// checkout may order them (domain-holds.ts): a domain an open order holds is a CONFLICT unless the
// caller sets allowDuplicate.
import { refreshAfterWrite } from '../../mirror/write-through.js'
import type { Caller } from '../../upstream/caller.js'
import { cartReads, onCart, ownCart } from './cart-reads.js'
import { recoverCheckout } from './checkout-recovery.js'
import { recordHeldOrder, underHold } from './domain-holds.js'
import { AmbiguousOutcome, afterOrdering, checkIdempotencyKey, decisive, runIdempotent } from './idempotency.js'
import type { Progress, RunContext } from './idempotency.js'
import { CheckoutProgressSchema } from './progress.js'
import type { CheckoutProgress } from './progress.js'
import { pricePreview } from './order-prices.js'
import { domainSetOf } from './orders.js'
import { callerEndpoint } from './ovh-scope.js'
import type { OvhOrderPreview } from './schemas.js'

export { recoverCheckout }

export interface CheckoutInput {
  idempotencyKey: string | null | undefined
  autoPayWithPreferredPaymentMethod?: boolean | null
  waiveRetractationPeriod?: boolean | null
  // A second order of a domain an open order of the tenant holds, on purpose.
  allowDuplicate?: boolean | null
}

type CheckoutBody = { autoPayWithPreferredPaymentMethod: boolean, waiveRetractationPeriod: boolean }

/** POST /order/cart/{cartId}/checkout once per idempotency key. */
export async function checkoutOnce (caller: Caller, cartId: string, body: CheckoutBody): Promise<OvhOrderPreview> {
  const client = await caller.ovh()
  const order = await decisive(() => onCart(cartId, () => client.post<OvhOrderPreview>('/order/cart/{cartId}/checkout', { params: { cartId }, body })))
  // OVH ordered: a failure from here on must not let a retry order again.
  if (order.orderId !== null) await afterOrdering(() => caller.stores.carts.update(callerEndpoint(caller), cartId, { checkedOutAt: new Date(), orderId: BigInt(order.orderId as number) }))
  // The order is the mirror's to follow from now on (its id is in the answer, not in the path).
  const credential = await caller.credential()
  if (order.orderId !== null && credential !== null) refreshAfterWrite(caller, credential, { orders: [String(order.orderId)] })
  return order
}

/**
 * checkoutOnce within an idempotent attempt. `marker` (a progress field) records that the checkout
 * began, which is what lets a retry look for the order of a lost answer. When OVH refuses (it
 * ordered nothing), the marker is cleared: a cart checked out meanwhile by another key (or by hand)
 * must not be taken by this key's retry for its own order. The order's id goes on the domains the
 * key holds.
 */
export async function checkoutAttempt (caller: Caller, ctx: RunContext, cartId: string, body: CheckoutBody, marker: string, progress: Progress = {}): Promise<OvhOrderPreview> {
  await ctx.save({ ...progress, [marker]: new Date().toISOString() })
  let order: OvhOrderPreview
  try {
    order = await checkoutOnce(caller, cartId, body)
  } catch (err) {
    if (!(err instanceof AmbiguousOutcome)) await ctx.save({ [marker]: null })
    throw err
  }
  const orderId = order.orderId
  if (orderId !== null) await afterOrdering(() => recordHeldOrder(caller, ctx, orderId))
  return order
}

export async function checkoutCart (caller: Caller, cartId: string, input: CheckoutInput) {
  caller.require('write')
  const key = checkIdempotencyKey(input.idempotencyKey)
  const body = {
    autoPayWithPreferredPaymentMethod: input.autoPayWithPreferredPaymentMethod ?? false,
    // Domains are delivered at once: OVH asks to waive the withdrawal period for them.
    waiveRetractationPeriod: input.waiveRetractationPeriod ?? true
  }
  const allowDuplicate = input.allowDuplicate === true
  // An expired cart may still have a stored checkout to replay; OVH refuses the rest.
  await ownCart(caller, cartId, { allowExpired: true })
  const { result, replayed } = await runIdempotent<OvhOrderPreview, CheckoutProgress>(caller, {
    key,
    operation: 'checkout',
    progress: CheckoutProgressSchema,
    // allowDuplicate is not part of the request's fingerprint: a key refused for a held domain
    // can be sent again with it.
    args: { cartId, ...body },
    async run (ctx) {
      // The cart's domains are recorded first: if OVH purges the cart before a retry, they find the order.
      const domains = domainSetOf((await cartReads(caller).summary.load(cartId)).details).split(',').filter(domain => domain !== '')
      return underHold(caller, ctx, { domains, operation: 'checkout', allowDuplicate }, () => checkoutAttempt(caller, ctx, cartId, body, 'startedAt', { cartId, domains }))
    },
    async recover (ctx) {
      if (typeof ctx.progress.startedAt !== 'string') return null
      const found = await recoverCheckout(caller, cartId, new Date(ctx.progress.startedAt), ctx.progress.domains ?? [])
      if (found?.orderId != null) await recordHeldOrder(caller, ctx, found.orderId)
      return found
    }
  })
  return { replayed, order: await pricePreview(caller, result) }
}
