// The orders of a period as CSV rows, for reconciliation with the tenant's own sales beside the
// bills' CSV: one row per order, oldest first, with the tenant's client reference, the domains its
// lines name, and its resale totals (OVH's own totals, the cost, for operators and admins only, as
// everywhere). Read whole before the answer starts; its calls reserved at once after the list.
import type { Caller } from '../../upstream/caller.js'
import { clientReferenceOf } from '../orders/client-reference.js'
import { orderReads } from '../orders/order-reads.js'
import { orderPrices, orderStatus, rawOrderDetails } from '../orders/orders.js'
import type { BillFilter } from './service.js'
import { freshnessOf } from '../../mirror/freshness.js'
import type { DataSource, FreshnessArgs } from '../../mirror/freshness.js'
import { mirroredOrderIds } from '../../mirror/order-reads.js'
import type { MirroredOrder } from '../../mirror/order-reads.js'
import { orderListView, primeMirroredOrders } from '../orders/mirror-orders.js'
import { exportPeriodOf, reserveExport } from './service.js'

export const ORDER_CSV_COLUMNS = ['orderId', 'date', 'status', 'clientReference', 'domains', 'totalWithoutTax', 'tax', 'totalWithTax',
  'costWithoutTax', 'costWithTax', 'currency'] as const

export type OrderExportRow = Record<typeof ORDER_CSV_COLUMNS[number], string | number | null>

const CHUNK = 50

/**
 * OVH calls the export still needs once the mirror has answered what it holds: a batch read per 50
 * orders it lacks, and per order its status and lines (two calls) where the mirror lacks them.
 */
function costBeyond (ids: readonly number[], mirrored: Map<number, MirroredOrder>): number {
  const missing = ids.filter(id => !mirrored.has(id)).length
  return Math.ceil(missing / CHUNK) + ids.reduce((sum, id) => {
    const row = mirrored.get(id)
    return sum + (row?.status == null ? 1 : 0) + (row?.lines == null ? 2 : 0)
  }, 0)
}

export async function exportOrderRows (caller: Caller, filter: (BillFilter & FreshnessArgs) | null | undefined): Promise<{ rows: OrderExportRow[], source: DataSource }> {
  caller.require('read')
  const period = exportPeriodOf(filter)
  const from = period.from.toISOString()
  const to = period.to.toISOString()
  // From the mirror when it holds the period whole (the orders list's rule, docs/mirror-reads.md),
  // `live` reads OVH; the mirror's orders, statuses and lines cost no call.
  const freshness = freshnessOf(filter ?? {}, caller.mirror?.maxAgeSeconds ?? 0)
  const view = await orderListView(caller, freshness, from)
  const listed = view !== null ? await mirroredOrderIds(view, { from, to }) : await (await caller.ovh()).get<number[]>('/me/order', { query: { 'date.from': from, 'date.to': to } })
  const ids = [...listed].sort((a, b) => a - b)
  const mirrored = await primeMirroredOrders(caller, view, ids, freshness)
  await reserveExport(caller, ids.length, 'orders', costBeyond(ids, mirrored))
  const orders = await orderReads(caller).order.loadMany(ids.map(String))
  const rows = await Promise.all(orders.map(async order => {
    if (order instanceof Error) throw order
    if (order === null) return []
    const [status, lines, prices, clientReference] = await Promise.all([
      orderStatus(caller, order.orderId), rawOrderDetails(caller, order.orderId), orderPrices(caller, order), clientReferenceOf(caller, order.orderId)
    ])
    return [{
      orderId: order.orderId,
      date: order.date,
      status,
      clientReference,
      domains: [...new Set(lines.map(line => line.domain).filter(domain => domain !== ''))].sort().join(' '),
      totalWithoutTax: prices.withoutTax.price.value,
      tax: prices.tax.price.value,
      totalWithTax: prices.withTax.price.value,
      costWithoutTax: prices.withoutTax.cost?.value ?? null,
      costWithTax: prices.withTax.cost?.value ?? null,
      currency: prices.withTax.price.currencyCode
    }]
  }))
  return { rows: rows.flat(), source: view === null ? 'LIVE' : 'MIRROR' }
}
