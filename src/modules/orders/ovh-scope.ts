// Where an order happens: the tenant's OVH endpoint and the OVH account (NIC) of the caller's consumer
// key. OVH's cart and order ids are unique only within one endpoint and account, so everything the
// gateway records about carts, idempotency keys and held domains names both, and recovery compares
// ids within them only (issue 11: another tenant's ids on another endpoint were taken for this one's).
import { resolveEndpoint } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { accountNic } from './account-nic.js'
import type { OvhScope } from './ovh-scope-shape.js'

export type { OvhScope }

/**
 * The endpoint as one string whatever alias named it ('ovh-eu' and its URL are one endpoint). The
 * in-process sandbox is 'sandbox': its URL changes with the port. The migration that added the
 * column resolves the recorded carts' endpoints the same way.
 */
export function endpointIdentity (endpoint: string): string {
  return endpoint === 'sandbox' ? 'sandbox' : resolveEndpoint(endpoint)
}

export function callerEndpoint (caller: Caller): string {
  return endpointIdentity(caller.tenant.ovhEndpoint)
}

/** The NIC handle as OVH's ids are scoped by it: one spelling (OVH accepts any case). */
export function accountIdentity (nic: string): string {
  return nic.toLowerCase()
}

/**
 * The caller's endpoint and account. The account is the consumer key's, stored on the credential
 * once read: GET /me at most once per consumer key (an order's check reads it anyway, and the
 * credential's validation stores it beforehand), not once per request.
 */
export function ovhScope (caller: Caller): Promise<OvhScope> {
  return caller.memo('orders.ovhScope', async () => {
    const credential = await caller.credential()
    const stored = credential?.ovhAccount
    const account = stored ?? accountIdentity((await accountNic(caller)).nichandle)
    if (stored == null && credential !== null) await caller.stores.credentials.setAccount(credential, account)
    return { endpoint: callerEndpoint(caller), account }
  })
}

export function sameScope (a: OvhScope, b: { ovhEndpoint: string | null, ovhAccount: string | null }): boolean {
  return a.endpoint === b.ovhEndpoint && a.account === b.ovhAccount
}
