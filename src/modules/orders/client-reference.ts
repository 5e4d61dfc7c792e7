// The tenant's own reference for a sale (its order or invoice id, `clientReference`): given with
// orderDomain or a renewal, stored by the gateway with the order OVH made (OVH has no field for
// it), answered with the order and searchable among orders. @see docs/ordering.md "Orders"
import DataLoader from 'dataloader'
import { z } from 'zod'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { problemOf } from './input-formats.js'
import { ovhScope } from './ovh-scope.js'

// Printable text without surrounding spaces, so a reference found in a CSV is the one searched.
export const ClientReferenceSchema = z.string().max(100, 'at most 100 characters')
  // eslint-disable-next-line no-control-regex -- control characters are what the pattern refuses
  .regex(/^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/, 'printable text of 1 to 100 characters, without spaces around it')

/** The reference, checked with the input's other fields (its problem pushed on `field`). */
export function checkClientReference (value: string | null | undefined, field: string, errors: FieldError[]): string | null {
  if (value === undefined || value === null) return null
  const problem = problemOf(ClientReferenceSchema, value)
  if (problem !== null) errors.push({ field, message: problem })
  return value
}

/**
 * Records the reference of an order just made. The order is OVH's whatever happens here: a
 * failure is logged, never turned into the order's error (a replay with the key records it again).
 */
export async function recordClientReference (caller: Caller, orderId: number, clientReference: string | null | undefined): Promise<void> {
  if (clientReference === undefined || clientReference === null) return
  try {
    await caller.stores.orderReferences.set(await ovhScope(caller), caller.tenant.id, orderId, clientReference)
  } catch (err) {
    caller.log.warn({ err, orderId }, `order ${orderId} was made; its client reference could not be recorded`)
  }
}

/** One order's reference (null: none recorded), read with the request's other orders at once. */
export function clientReferenceOf (caller: Caller, orderId: number): Promise<string | null> {
  const loader = caller.memo('clientReferences', () => new DataLoader<number, string | null>(async ids => {
    const found = await caller.stores.orderReferences.of(await ovhScope(caller), caller.tenant.id, [...ids])
    return ids.map(id => found.get(id) ?? null)
  }))
  return loader.load(orderId)
}

/** The orders recorded with this reference, for the orders filter. */
export async function ordersWithReference (caller: Caller, clientReference: string): Promise<Set<number>> {
  return caller.stores.orderReferences.ordersWith(await ovhScope(caller), caller.tenant.id, clientReference)
}
