// Filters of the orders list OVH does not have (it filters by date only): the tenant's client
// reference (from the gateway's own records, no OVH call) and a domain (from the orders' lines,
// which name the domain each line is about). Applied cheapest first by listOrders.
import { badUserInput } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { ClientReferenceSchema, ordersWithReference } from './client-reference.js'
import { problemOf } from './input-formats.js'
import { orderReads } from './order-reads.js'

export function checkReferenceFilter (value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null
  const problem = problemOf(ClientReferenceSchema, value)
  if (problem !== null) throw badUserInput('filter.clientReference is not a client reference', [{ field: 'filter.clientReference', message: problem }])
  return value
}

export function checkDomainFilter (value: string | null | undefined): string | null {
  return value === undefined || value === null ? null : normalizeDomainName(value, 'filter.domain')
}

/** The orders among `ids` recorded with this client reference. */
export async function withReference (caller: Caller, ids: number[], clientReference: string): Promise<number[]> {
  const recorded = await ordersWithReference(caller, clientReference)
  return ids.filter(id => recorded.has(id))
}

/**
 * The orders among `ids` with a line about `domain`: each order's line ids (one call each, the
 * whole fan-out reserved at once: more orders than the budget is BAD_USER_INPUT, narrow the dates)
 * then its lines (one batch read each, reserved likewise).
 */
export async function withDomain (caller: Caller, ids: number[], domain: string): Promise<number[]> {
  const reads = orderReads(caller)
  const lineIds = await reads.detailIds.loadMany(ids.map(String))
  const keys = ids.flatMap((id, index) => {
    const found = lineIds[index]
    if (found instanceof Error) throw found
    return (found ?? []).map(lineId => `${id}/${lineId}`)
  })
  const lines = await reads.detail.loadMany(keys)
  const matching = new Set<number>()
  lines.forEach((line, index) => {
    if (line instanceof Error) throw line
    if (line !== null && line.domain.toLowerCase() === domain) matching.add(Number(keys[index].split('/')[0]))
  })
  return ids.filter(id => matching.has(id))
}
