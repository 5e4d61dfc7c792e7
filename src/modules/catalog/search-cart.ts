// The cart a user's availability searches reuse: OVH answers offers one name per cart call
// (GET /order/cart/{cartId}/domain), so the gateway keeps one cart per user in the database
// instead of creating one per search or per name. It is never assigned or filled: searches only
// read offers (which also works for viewers, whose consumer key may not POST .../assign), and
// orders use carts of their own, since a checkout freezes a cart.
import type { Caller } from '../../upstream/caller.js'
import { callerEndpoint } from '../orders/ovh-scope.js'

// A cart closer than this to its expiry is replaced before use rather than during a search.
const RENEW_MARGIN_MS = 5 * 60_000
// OVH's default lifetime; the sandbox and OVH both answer the real expiry, which is stored.
const LIFETIME_MS = 24 * 3_600_000

export interface SearchCart {
  cartId: string
  created: boolean
}

/** The stored cart if it is still good, else null (no upstream call). */
export async function storedSearchCart (caller: Caller): Promise<string | null> {
  const row = await caller.stores.searchCarts.find(caller.user.id)
  // A cart id means nothing on another endpoint (and may be someone else's cart there).
  if (row === null || row.ovhSubsidiary !== caller.tenant.ovhSubsidiary || row.ovhEndpoint !== callerEndpoint(caller) || row.expiresAt.getTime() - Date.now() < RENEW_MARGIN_MS) return null
  return row.cartId
}

export async function newSearchCart (caller: Caller): Promise<string> {
  const client = await caller.ovh()
  const cart = await client.post<{ cartId: string, expire: string | null }>('/order/cart', {
    // No `expire`: OVH's default (a day) on OVH's clock, which is what the answer says.
    body: { ovhSubsidiary: caller.tenant.ovhSubsidiary, description: 'ovh-reseller-gateway availability' }
  })
  const expiresAt = cart.expire ? new Date(cart.expire) : new Date(Date.now() + LIFETIME_MS)
  await caller.stores.searchCarts.save(caller.tenant.id, caller.user.id, { cartId: cart.cartId, ovhSubsidiary: caller.tenant.ovhSubsidiary, ovhEndpoint: callerEndpoint(caller), expiresAt })
  return cart.cartId
}

/** Drops a cart OVH no longer knows, so the next search makes a new one. */
export async function forgetSearchCart (caller: Caller, cartId: string): Promise<void> {
  await caller.stores.searchCarts.forget(caller.user.id, cartId)
}
