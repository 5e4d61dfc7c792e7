// The account's orders (/me/order*): list newest first, detail, status, lines with resale prices,
// what each line ordered (plan, pricing mode), and finding the order a checkout created.
import { badUserInput, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { seesCost } from '../catalog/pricing.js'
import { checkPageSize, nodePageOf, pageOf } from '../shared/pagination.js'
import { priceLines, totals } from './order-prices.js'
import type { PricedTotals } from './order-prices.js'
import { orderReads } from './order-reads.js'
import { redactConfiguration } from './secret-configurations.js'
import { OutcomeNotYetKnown } from './idempotency.js'
import { ovhScope } from './ovh-scope.js'
import type { OrderStatus, OvhBillingDetail, OvhBillingOrder, OvhItemDetail } from './schemas.js'
import { freshnessOf } from '../../mirror/freshness.js'
import type { DataSource, FreshnessArgs } from '../../mirror/freshness.js'
import { mirrorViewOf } from '../../mirror/view.js'
import { mirroredOrderIds } from '../../mirror/order-reads.js'
import { orderListView, primeMirroredOrders } from './mirror-orders.js'
import { checkDomainFilter, checkReferenceFilter, withDomain, withReference } from './order-filters.js'

export function orderIdOf (value: string | number, field = 'orderId'): number {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) throw badUserInput(`"${value}" is not an order id`, [{ field, message: 'must be a positive integer' }])
  return id
}

// Keys that sort ascending as the ids sort descending, so pages go newest first.
const SPAN = 10 ** 15
const keyOf = (id: number) => String(SPAN - id).padStart(16, '0')
const idOfKey = (key: string) => SPAN - Number(key)

function dateArg (value: Date | string | null | undefined, field: string): string | undefined {
  if (value === undefined || value === null) return undefined
  const date = value instanceof Date ? value : new Date(value)
  if (Number.isNaN(date.getTime())) throw badUserInput(`${field} is not a date`, [{ field, message: 'must be an ISO-8601 date-time' }])
  return date.toISOString()
}

export interface OrderFilter {
  from?: Date | string | null
  to?: Date | string | null
  status?: readonly OrderStatus[] | null
  // The tenant's reference given when the gateway placed it, and a domain its lines name.
  clientReference?: string | null
  domain?: string | null
}

export interface OrderListArgs extends FreshnessArgs { first?: number | null, after?: string | null, filter?: OrderFilter | null }

/**
 * The account's orders, newest first: from the mirror once the account's first sync is complete
 * and the range starts inside the mirrored window (mirror/order-reads.ts), else from OVH.
 */
export async function listOrders (caller: Caller, args: OrderListArgs) {
  caller.require('read')
  const first = checkPageSize(args.first)
  const clientReference = checkReferenceFilter(args.filter?.clientReference)
  const domain = checkDomainFilter(args.filter?.domain)
  const query = { 'date.from': dateArg(args.filter?.from, 'filter.from'), 'date.to': dateArg(args.filter?.to, 'filter.to') }
  const freshness = freshnessOf(args, caller.mirror?.maxAgeSeconds ?? 0)
  const view = await orderListView(caller, freshness, query['date.from'])
  const listed = view !== null
    ? await mirroredOrderIds(view, { from: query['date.from']!, to: query['date.to'] })
    : await (await caller.ovh()).get<number[]>('/me/order', { query })
  // Cheapest first: the references are the gateway's own, statuses one call each at most, lines two.
  const referenced = clientReference === null ? listed : await withReference(caller, listed, clientReference)
  const inStatus = await withStatus(caller, view, referenced, args.filter?.status, freshness)
  // The mirror's lines answer the domain filter; only orders it has none for are read from OVH.
  if (domain !== null) await primeMirroredOrders(caller, view, inStatus, freshness)
  const ids = domain === null ? inStatus : await withDomain(caller, inStatus, domain)
  const page = pageOf(ids.map(keyOf).sort(), first, args.after)
  const pageIds = page.items.map(idOfKey)
  await primeMirroredOrders(caller, view, pageIds, freshness)
  const source: DataSource = view === null ? 'LIVE' : 'MIRROR'
  return { ...nodePageOf(page, await orderReads(caller).order.loadMany(pageIds.map(String))), source }
}

/**
 * The orders among `ids` whose status is one of `statuses` (all of them without): OVH filters
 * orders by date only, so every listed order's status is read, from the mirror when it holds it,
 * else from OVH in one fan-out whose calls are reserved at once (a range with more orders than the
 * consumer key's budget is refused with BAD_USER_INPUT before any status read; narrow the dates).
 */
async function withStatus (caller: Caller, view: Awaited<ReturnType<typeof orderListView>>, ids: number[], statuses: readonly OrderStatus[] | null | undefined, freshness: ReturnType<typeof freshnessOf>): Promise<number[]> {
  if (statuses === undefined || statuses === null || statuses.length === 0) return ids
  const wanted = new Set(statuses)
  await primeMirroredOrders(caller, view, ids, freshness)
  const read = await orderReads(caller).status.loadMany(ids.map(String))
  return ids.filter((_id, index) => {
    const status = read[index]
    if (status instanceof Error) throw status
    return status !== null && wanted.has(status)
  })
}

/** One order as the request's loaders hold it: OVH's, or the mirror's when a read primed them. */
export async function getOrder (caller: Caller, orderId: string | number): Promise<OvhBillingOrder | null> {
  caller.require('read')
  return orderReads(caller).order.load(String(orderIdOf(orderId)))
}

/**
 * A client's read of one order (and its status): primed from the mirror when it holds the order
 * and the key may read it, else OVH's. Writes use getOrder/orderStatus, which the read primes.
 */
export async function readOrder (caller: Caller, orderId: string | number, args: FreshnessArgs = {}): Promise<OvhBillingOrder | null> {
  caller.require('read')
  const id = orderIdOf(orderId)
  const freshness = freshnessOf(args, caller.mirror?.maxAgeSeconds ?? 0)
  await primeMirroredOrders(caller, await mirrorViewOf(caller), [id], freshness)
  return getOrder(caller, id)
}

export async function requireOrder (caller: Caller, orderId: string | number): Promise<OvhBillingOrder> {
  const order = await getOrder(caller, orderId)
  if (order === null) throw notFound(`order ${orderId}`)
  return order
}

/** A client's read of an order's status: the mirror's when it holds it (readOrder), else OVH's. */
export async function readOrderStatus (caller: Caller, orderId: string | number, args: FreshnessArgs = {}): Promise<OrderStatus> {
  const order = await readOrder(caller, orderId, args)
  if (order === null) throw notFound(`order ${orderId}`)
  return orderStatus(caller, orderId)
}

export async function orderStatus (caller: Caller, orderId: string | number): Promise<OrderStatus> {
  caller.require('read')
  const status = await orderReads(caller).status.load(String(orderIdOf(orderId)))
  if (status === null) throw notFound(`order ${orderId}`)
  return status
}

/** OVH's own lines of an order (billing.OrderDetail), unpriced. */
export async function rawOrderDetails (caller: Caller, orderId: string | number): Promise<OvhBillingDetail[]> {
  caller.require('read')
  const id = String(orderIdOf(orderId))
  const reads = orderReads(caller)
  const ids = await reads.detailIds.load(id)
  if (ids === null) throw notFound(`order ${orderId}`)
  return (await reads.detail.loadMany(ids.map(detailId => `${id}/${detailId}`))).map(detail => {
    if (detail instanceof Error) throw detail
    return detail
  }).filter((detail): detail is OvhBillingDetail => detail !== null)
}

export async function orderDetails (caller: Caller, orderId: string | number) {
  const details = await rawOrderDetails(caller, orderId)
  const priced = await priceLines(caller, details)
  return priced.map(detail => ({ ...detail, orderId: Number(orderIdOf(orderId)), quantity: Number(detail.quantity) }))
}

export type PricedDetail = Awaited<ReturnType<typeof orderDetails>>[number]

/**
 * OVH's links to the order (its page and PDF), for those who may see OVH's prices: both show them,
 * so viewers, who never see the cost (catalog/pricing.ts seesCost), get null (issue 14, item 7).
 */
export function orderLinks (caller: Caller, order: Pick<OvhBillingOrder, 'url' | 'pdfUrl'>): { url: string | null, pdfUrl: string | null } {
  return seesCost(caller) ? { url: order.url, pdfUrl: order.pdfUrl } : { url: null, pdfUrl: null }
}

/** Resale totals of an order: the sum of its lines at their TLD's rule. */
export async function orderPrices (caller: Caller, order: OvhBillingOrder): Promise<PricedTotals> {
  const details = await orderDetails(caller, order.orderId)
  return totals(caller, details, { withoutTax: order.priceWithoutTax, tax: order.tax, withTax: order.priceWithTax })
}

/** What an order line ordered (OVH's extension), secret configuration values redacted for every caller. */
export async function detailExtension (caller: Caller, orderId: number, orderDetailId: number): Promise<OvhItemDetail | null> {
  caller.require('read')
  const extension = await orderReads(caller).extension.load(`${orderId}/${orderDetailId}`)
  if (extension === null) return null
  const configurations = (extension.order.configurations ?? []).map(({ label, value }) => redactConfiguration({ label, value }))
  return { ...extension, order: { ...extension.order, configurations } }
}

// How many orders since the checkout began are searched, oldest first (the lost one was made as
// the checkout began, so later orders do not push it out), two calls each (the detail ids, one
// batch read): 10 stay within a third of the default budget of 60 calls a minute.
const SEARCHED_ORDERS = 10

/** The set of domain names an order's (or a cart's) lines are about, sorted and joined. */
export function domainSetOf (lines: Array<{ domain: string }>): string {
  return [...new Set(lines.map(line => line.domain).filter(domain => domain !== ''))].sort().join(',')
}

/**
 * The order OVH made from cart `cartId` whose checkout answer was lost: among the orders since
 * `since`, oldest first, the one whose lines are about exactly `domains`. Compared as sets: OVH adds
 * a DNS zone line for each domain (OVH-API.md 5.1 step 5), so a domain has several lines. Orders the
 * gateway recorded for another cart of the same OVH endpoint and account are someone else's (ids
 * recorded elsewhere are other orders that share the number). Null when none matches; when there are
 * more orders than it searches, it cannot say "none" and throws OutcomeNotYetKnown instead.
 */
export async function findOrderFor (caller: Caller, cartId: string, domains: string[], since: Date): Promise<{ order: OvhBillingOrder, lines: OvhBillingDetail[] } | null> {
  const wanted = domainSetOf(domains.map(domain => ({ domain })))
  if (wanted === '') return null
  const client = await caller.ovh()
  // OVH's clock and ours may differ a little: orders from a minute before still count.
  const ids = await client.get<number[]>('/me/order', { query: { 'date.from': new Date(since.getTime() - 60_000).toISOString() } })
  const othersCarts = await caller.stores.carts.ordersOfOtherCarts(await ovhScope(caller), caller.tenant.id, cartId, ids)
  const candidates = [...ids].filter(id => !othersCarts.has(id)).sort((a, b) => a - b)
  for (const id of candidates.slice(0, SEARCHED_ORDERS)) {
    const lines = await rawOrderDetails(caller, id)
    if (domainSetOf(lines) === wanted) return { order: await requireOrder(caller, id), lines }
  }
  if (candidates.length > SEARCHED_ORDERS) throw new OutcomeNotYetKnown(`OVH lists more orders since cart ${cartId} was checked out than the gateway searches`)
  return null
}
