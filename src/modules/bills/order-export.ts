// The orders of a period as CSV rows, for reconciliation with the tenant's own sales beside the
// bills' CSV: one row per order, oldest first, with the tenant's client reference, the domains its
// lines name, and its resale totals (OVH's own totals, the cost, for operators and admins only, as
// everywhere). Read whole before the answer starts; its calls reserved at once after the list.
import type { Caller } from '../../upstream/caller.js'
import { clientReferenceOf } from '../orders/client-reference.js'
import { orderReads } from '../orders/order-reads.js'
import { orderPrices, orderStatus, rawOrderDetails } from '../orders/orders.js'
import type { BillFilter } from './service.js'
import { exportPeriodOf, reserveExport } from './service.js'

export const ORDER_CSV_COLUMNS = ['orderId', 'date', 'status', 'clientReference', 'domains', 'totalWithoutTax', 'tax', 'totalWithTax',
  'costWithoutTax', 'costWithTax', 'currency'] as const

export type OrderExportRow = Record<typeof ORDER_CSV_COLUMNS[number], string | number | null>

const CHUNK = 50

/** OVH calls after the list: the orders' batch reads, and per order its status, line ids and lines. */
export const orderExportCost = (orders: number): number => Math.ceil(orders / CHUNK) + 3 * orders

export async function exportOrderRows (caller: Caller, filter: BillFilter | null | undefined): Promise<OrderExportRow[]> {
  caller.require('read')
  const period = exportPeriodOf(filter)
  const client = await caller.ovh()
  const ids = (await client.get<number[]>('/me/order', { query: { 'date.from': period.from.toISOString(), 'date.to': period.to.toISOString() } })).sort((a, b) => a - b)
  await reserveExport(caller, ids.length, 'orders', orderExportCost(ids.length))
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
  return rows.flat()
}
