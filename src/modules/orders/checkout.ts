// Checkout of a cart with an idempotency key: the key is stored before OVH is called, a retry
// replays the first result, and a retry after a lost answer looks for the order OVH may have made
// (the cart is frozen once checked out; the order is the one whose lines are the cart's domains).
import type { Caller } from '../../upstream/caller.js'
import { onCart, ownCart } from './cart-reads.js'
import { checkIdempotencyKey, decisive, runIdempotent } from './idempotency.js'
import { pricePreview } from './order-prices.js'
import { findOrderFor } from './orders.js'
import type { OvhCart, OvhOrderPreview } from './schemas.js'

export interface CheckoutInput {
  idempotencyKey: string | null | undefined
  autoPayWithPreferredPaymentMethod?: boolean | null
  waiveRetractationPeriod?: boolean | null
}

/** What OVH did with a cart whose checkout answer was lost: its order, or null if none. */
export async function recoverCheckout (caller: Caller, cartId: string, startedAt: Date): Promise<OvhOrderPreview | null> {
  const client = await caller.ovh()
  const cart = await onCart(cartId, () => client.get<OvhCart>('/order/cart/{cartId}', { params: { cartId } }))
  if (!cart.readOnly) return null
  const summary = await onCart(cartId, () => client.get<OvhOrderPreview>('/order/cart/{cartId}/summary', { params: { cartId } }))
  const order = await findOrderFor(caller, summary.details.map(line => line.domain), startedAt)
  if (order === null) return null
  // The contracts of the lost answer are gone; the lines and prices are the cart's.
  return { ...summary, orderId: order.orderId, url: order.url, contracts: [] }
}

/** POST /order/cart/{cartId}/checkout once per idempotency key. */
export async function checkoutOnce (caller: Caller, cartId: string, body: { autoPayWithPreferredPaymentMethod: boolean, waiveRetractationPeriod: boolean }): Promise<OvhOrderPreview> {
  const client = await caller.ovh()
  const order = await decisive(() => onCart(cartId, () => client.post<OvhOrderPreview>('/order/cart/{cartId}/checkout', { params: { cartId }, body })))
  if (order.orderId !== null) await caller.stores.carts.update(cartId, { checkedOutAt: new Date(), orderId: BigInt(order.orderId) })
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
  // An expired cart may still have a stored checkout to replay; OVH refuses the rest.
  await ownCart(caller, cartId, { allowExpired: true })
  const { result, replayed } = await runIdempotent<OvhOrderPreview>(caller, {
    key,
    operation: 'checkout',
    args: { cartId, ...body },
    async run (ctx) {
      await ctx.save({ cartId, startedAt: new Date().toISOString() })
      return checkoutOnce(caller, cartId, body)
    },
    recover: ctx => recoverCheckout(caller, cartId, new Date(String(ctx.progress.startedAt ?? Date.now())))
  })
  return { replayed, order: await pricePreview(caller, result) }
}
