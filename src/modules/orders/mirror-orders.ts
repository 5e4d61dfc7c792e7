// Order reads answered from the portfolio mirror (src/mirror/order-reads.ts) under the domain
// reads' contract (docs/mirror-reads.md): the list once the account's first sync is complete and
// for a range inside the mirrored window, single orders and statuses whenever the mirror holds
// them; stale rows answered and their refresh queued; `live` reads OVH. Mirrored orders prime the
// request's loaders (order-reads.ts), so what builds an answer (status, REST bodies) reads them
// there and OVH is called only for what the mirror lacks (lines, prices, a status not read yet).
import type { Caller } from '../../upstream/caller.js'
import { mirrorViewOf, activityReady } from '../../mirror/view.js'
import type { MirrorView } from '../../mirror/view.js'
import { isStale } from '../../mirror/freshness.js'
import type { DataSource, Freshness } from '../../mirror/freshness.js'
import { findMirroredOrders, insideOrderWindow, orderListVisible } from '../../mirror/order-reads.js'
import type { MirroredOrder } from '../../mirror/order-reads.js'
import { billReads } from '../bills/reads.js'
import { orderReads } from './order-reads.js'
import type { OrderStatus } from './schemas.js'

export interface OrderOrigin { source: DataSource, syncedAt: string }

/** Where each order of this request's answers came from (Order.source, REST X-Data-Source). */
export function orderOrigins (caller: Caller): Map<number, OrderOrigin> {
  return caller.memo('orders.origins', () => new Map<number, OrderOrigin>())
}

export function originOf (caller: Caller, orderId: number): OrderOrigin {
  return orderOrigins(caller).get(orderId) ?? { source: 'LIVE', syncedAt: new Date().toISOString() }
}

/** The caller's mirror when it answers this order list, else null (the list is read live). */
export async function orderListView (caller: Caller, freshness: Freshness, from: string | undefined) {
  if (freshness.live || !insideOrderWindow(from)) return null
  const view = await mirrorViewOf(caller)
  if (!activityReady(view) || !orderListVisible(view)) return null
  return view
}

/**
 * Mirrored orders among `ids`, primed in this request's loaders; stale ones queued for a refresh.
 * Answers the ids found (the others are for OVH).
 */
export async function primeMirroredOrders (caller: Caller, view: MirrorView | null, ids: readonly number[], freshness: Freshness): Promise<Map<number, MirroredOrder>> {
  if (view === null || freshness.live) return new Map()
  const rows = await findMirroredOrders(view, ids)
  const reads = orderReads(caller)
  const bills = billReads(caller)
  const origins = orderOrigins(caller)
  const stale: string[] = []
  for (const [id, row] of rows) {
    reads.order.prime(String(id), row.order)
    // A status the sync has not read yet (a few per run) is read from OVH when asked for.
    if (row.status !== null) reads.status.prime(String(id), row.status)
    // Lines never change once ordered: the ones the sync read answer the domain filter, prices,
    // the CSV and REST's details with no call.
    if (row.lines !== null) {
      reads.detailIds.prime(String(id), row.lines.map(line => line.orderDetailId))
      for (const line of row.lines) reads.detail.prime(`${id}/${line.orderDetailId}`, line)
    }
    // The bill once the sync found it; none while the order is unpaid (only if that is fresh:
    // an order paid since has one).
    if (row.billId !== null) bills.ofOrder.prime(String(id), [row.billId])
    else if (row.status === 'notPaid' && !isStale(row.syncedAt, freshness)) bills.ofOrder.prime(String(id), [])
    origins.set(id, { source: 'MIRROR', syncedAt: row.syncedAt.toISOString() })
    if (isStale(row.syncedAt, freshness)) stale.push(String(id))
  }
  if (stale.length > 0) await view.reads.refresh(view.scope, { orders: stale }, 'stale', caller.log)
  return rows
}

/**
 * Keeps a status just read from OVH after a write (a payment): a read that follows answers it
 * rather than the sync's older copy. Only an order the mirror holds is updated; never fails.
 */
export async function keepOrderStatus (caller: Caller, orderId: number, status: OrderStatus): Promise<void> {
  try {
    const view = await mirrorViewOf(caller)
    if (view?.account == null) return
    await view.reads.db.mirrorOrder.updateMany({
      where: { accountId: view.account.id, tenantId: view.scope.tenantId, id: BigInt(orderId) },
      data: { status }
    })
  } catch (err) {
    caller.log.warn({ err }, 'could not keep a live order status in the mirror')
  }
}
