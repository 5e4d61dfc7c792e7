// The account's bills (/me/bill*): list newest first over a period, one bill with its lines and
// payment, the bill of an order, and the rows of the reconciliation CSV. A bill's prices are OVH's
// own, what the reseller pays: like a price's `cost`, they are for operators and admins only, and a
// viewer (or a read-only key) is refused with FORBIDDEN before any OVH call (docs/bills.md).
import { badUserInput, isGatewayError, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { money, seesCost } from '../catalog/pricing.js'
import type { Money } from '../catalog/schemas.js'
import type { OvhPrice } from '../catalog/schemas.js'
import { checkCursor, checkPageSize, nodePageOf, pageOf } from '../shared/pagination.js'
import { billReads } from './reads.js'
import type { OvhBill, OvhBillDetail, OvhBillPayment } from './schemas.js'

const CURSOR_KIND = 'bills'
const BILL_ID = /^[A-Za-z0-9_-]{1,64}$/

export interface BillFilter { from?: Date | string | null, to?: Date | string | null }
export interface BillListArgs { first?: number | null, after?: string | null, filter?: BillFilter | null }

export interface BillView {
  billId: string
  orderId: number
  category: string
  date: string
  priceWithoutTax: Money
  tax: Money
  priceWithTax: Money
  pdfUrl: string
  url: string
}

export interface BillLineView {
  billId: string
  billDetailId: string
  description: string
  domain: string | null
  quantity: number
  unitPrice: Money
  totalPrice: Money
  periodStart: string | null
  periodEnd: string | null
}

const moneyOf = (price: Pick<OvhPrice, 'value' | 'currencyCode'>): Money => money(price.value, price.currencyCode)

/** Bills show OVH's prices: operators and admins only (FORBIDDEN otherwise, audited). */
export function requireBilling (caller: Caller): void {
  caller.require('read')
  caller.require('write')
}

export function billIdOf (value: string, field = 'billId'): string {
  if (!BILL_ID.test(value)) throw badUserInput(`"${value}" is not a bill id`, [{ field, message: 'must be an OVH bill id (letters and digits, e.g. FR41000001)' }])
  return value
}

function dateOf (value: Date | string | null | undefined, field: string): Date | undefined {
  if (value === undefined || value === null) return undefined
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw badUserInput(`${field} is not a date`, [{ field, message: 'must be an ISO-8601 date-time' }])
  return date
}

export function periodOf (filter: BillFilter | null | undefined): { from?: Date, to?: Date } {
  const from = dateOf(filter?.from, 'filter.from')
  const to = dateOf(filter?.to, 'filter.to')
  if (from !== undefined && to !== undefined && from > to) throw badUserInput('the period ends before it starts', [{ field: 'filter.to', message: 'must not be before from' }])
  return { from, to }
}

// Newest first: OVH's bill ids are a prefix and a growing number ('FR41000012').
const newestFirst = (a: string, b: string) => b.localeCompare(a, 'en', { numeric: true })

export function toBillView (bill: OvhBill): BillView {
  return {
    billId: bill.billId,
    orderId: bill.orderId,
    category: bill.category,
    date: bill.date,
    priceWithoutTax: moneyOf(bill.priceWithoutTax),
    tax: moneyOf(bill.tax),
    priceWithTax: moneyOf(bill.priceWithTax),
    pdfUrl: bill.pdfUrl,
    url: bill.url
  }
}

/** The account's bill ids over a period (GET /me/bill?date.from=&date.to=), one call. */
export async function billIds (caller: Caller, period: { from?: Date, to?: Date }): Promise<string[]> {
  const query = { 'date.from': period.from?.toISOString(), 'date.to': period.to?.toISOString() }
  return (await (await caller.ovh()).get<string[]>('/me/bill', { query })).map(String)
}

/** The account's bills, newest first: the list, then one batch read of the page. */
export async function listBills (caller: Caller, args: BillListArgs) {
  requireBilling(caller)
  const first = checkPageSize(args.first)
  checkCursor(args.after, CURSOR_KIND, key => BILL_ID.test(key))
  const period = periodOf(args.filter)
  const ids = (await billIds(caller, period)).sort(newestFirst)
  const page = pageOf(ids, first, args.after, newestFirst, CURSOR_KIND)
  const loaded = await billReads(caller).bill.loadMany(page.items)
  return nodePageOf(page, loaded.map(bill => bill instanceof Error || bill === null ? bill : toBillView(bill)))
}

export async function getBill (caller: Caller, billId: string): Promise<BillView | null> {
  requireBilling(caller)
  const bill = await billReads(caller).bill.load(billIdOf(billId))
  return bill === null ? null : toBillView(bill)
}

export async function requireBill (caller: Caller, billId: string): Promise<BillView> {
  const bill = await getBill(caller, billId)
  if (bill === null) throw notFound(`bill ${billId}`)
  return bill
}

function lineView (billId: string, line: OvhBillDetail): BillLineView {
  return {
    billId,
    billDetailId: line.billDetailId,
    description: line.description,
    domain: line.domain === '' ? null : line.domain,
    quantity: Number(line.quantity),
    unitPrice: moneyOf(line.unitPrice),
    totalPrice: moneyOf(line.totalPrice),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd
  }
}

/** A bill's lines (GET .../details, then one batch read of them), in OVH's order. */
export async function billLines (caller: Caller, billId: string): Promise<BillLineView[]> {
  requireBilling(caller)
  const reads = billReads(caller)
  const ids = await reads.lineIds.load(billIdOf(billId))
  if (ids === null) throw notFound(`bill ${billId}`)
  const lines = await reads.line.loadMany(ids.map(id => `${billId}/${id}`))
  return lines.map(line => {
    if (line instanceof Error) throw line
    return line
  }).filter((line): line is OvhBillDetail => line !== null).map(line => lineView(billId, line))
}

/** How a bill was paid; null when OVH has no payment for it. */
export async function billPayment (caller: Caller, billId: string): Promise<OvhBillPayment | null> {
  requireBilling(caller)
  return billReads(caller).payment.load(billIdOf(billId))
}

/**
 * The id of the bill of an order (GET /me/bill?orderId=), null when OVH has not billed it yet, and
 * for callers who may not see bills (a field hidden like a price's cost, without any OVH call).
 */
export async function orderBillId (caller: Caller, orderId: number): Promise<string | null> {
  if (!seesCost(caller)) return null
  const ids = await billReads(caller).ofOrder.load(String(orderId))
  return [...ids].map(String).sort(newestFirst)[0] ?? null
}

export async function orderBill (caller: Caller, orderId: number): Promise<BillView | null> {
  const billId = await orderBillId(caller, orderId)
  return billId === null ? null : getBill(caller, billId)
}

// ---- The reconciliation CSV ----

// The longest period one export covers: a year (a leap one included).
export const EXPORT_MAX_DAYS = 366
const DAY_MS = 24 * 3600 * 1000
const CHUNK = 50

export interface ExportRow {
  billId: string
  date: string
  orderId: number
  domain: string | null
  description: string
  quantity: number
  unitPrice: number
  totalWithoutTax: number
  totalWithTax: number
  currency: string
}

/** The period of an export: `to` defaults to now, `from` to a year before `to`; a year at most. */
export function exportPeriodOf (filter: BillFilter | null | undefined, now = new Date()): { from: Date, to: Date } {
  const to = dateOf(filter?.to, 'to') ?? now
  const from = dateOf(filter?.from, 'from') ?? new Date(to.getTime() - 365 * DAY_MS)
  if (from > to) throw badUserInput('the period ends before it starts', [{ field: 'to', message: 'must not be before from' }])
  if (to.getTime() - from.getTime() > EXPORT_MAX_DAYS * DAY_MS) {
    throw badUserInput(`an export covers ${EXPORT_MAX_DAYS} days at most`, [{ field: 'from', message: `must be at most ${EXPORT_MAX_DAYS} days before to` }])
  }
  return { from, to }
}

/** OVH calls an export of `bills` bills makes after the list: their batch read, and two per bill (line ids, lines). */
export const exportCost = (bills: number): number => Math.ceil(bills / CHUNK) + 2 * bills

/**
 * Reserves an export's OVH calls before the first one, whole or not at all: more than the key's
 * whole budget is a period too long, said on the period's field.
 */
export async function reserveExport (caller: Caller, count: number, what: 'bills' | 'orders', cost: number): Promise<void> {
  try {
    await caller.reserveUpstream(cost)
  } catch (err) {
    if (isGatewayError(err) && err.code === 'BAD_USER_INPUT') {
      throw badUserInput(`the period has ${count} ${what}, whose export needs ${cost} OVH calls: more than your consumer key's budget allows; export a shorter period`, [{ field: 'from', message: 'the period is too long for one export' }])
    }
    throw err
  }
}

/**
 * The rows of the reconciliation CSV over a period, one per bill line, oldest bill first: read
 * whole before the answer starts. After the list (one call), the whole export's calls are reserved
 * at once: a period with more bills than the consumer key's budget can read is refused with
 * BAD_USER_INPUT before any other call, one the budget cannot pay now with RATE_LIMITED.
 */
export async function exportBillRows (caller: Caller, filter: BillFilter | null | undefined): Promise<ExportRow[]> {
  requireBilling(caller)
  const period = exportPeriodOf(filter)
  const ids = (await billIds(caller, period)).sort((a, b) => newestFirst(b, a))
  await reserveExport(caller, ids.length, 'bills', exportCost(ids.length))
  const bills = await billReads(caller).bill.loadMany(ids)
  const rows = await Promise.all(bills.map(async bill => {
    if (bill instanceof Error) throw bill
    if (bill === null) return []
    const lines = await billLines(caller, bill.billId)
    const rate = bill.priceWithoutTax.value === 0 ? 0 : bill.priceWithTax.value / bill.priceWithoutTax.value
    return lines.map(line => ({
      billId: bill.billId,
      date: bill.date,
      orderId: bill.orderId,
      domain: line.domain,
      description: line.description,
      quantity: line.quantity,
      unitPrice: line.unitPrice.value,
      totalWithoutTax: line.totalPrice.value,
      totalWithTax: Math.round(line.totalPrice.value * rate * 100) / 100,
      currency: line.totalPrice.currencyCode
    }))
  }))
  return rows.flat()
}
