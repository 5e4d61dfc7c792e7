// Orders from the mirror (MirrorOrder): the pieces the orders service puts together
// (src/modules/orders/mirror-orders.ts). The sync keeps the orders of the last ORDER_WINDOW_MS
// (orders-sync.ts), so only a date range starting inside that window can be answered from it.
// An order is shown when the key may GET it at OVH (/me/order/{id}), as a live read would be.
import { Prisma } from '../generated/prisma/client.js'
import type { OrderStatus, OvhBillingDetail, OvhBillingOrder } from '../modules/orders/schemas.js'
import { isGranted } from './access.js'
import { ORDER_WINDOW_MS } from './orders-sync.js'
import type { MirrorAccountRow, MirrorView } from './view.js'

// The sync lists orders since its own run's date minus the window: a range must start a day after
// the window's start, so the sync's last run (minutes ago, at worst hours) covers it.
const WINDOW_MARGIN_MS = 86_400_000

// lines and billId: null until the sync read them (order-extras-sync.ts).
export interface MirroredOrder { order: OvhBillingOrder, status: OrderStatus | null, lines: OvhBillingDetail[] | null, billId: string | null, syncedAt: Date }

/** Whether the mirror holds every order from `from` on (a range without a start asks for all time). */
export function insideOrderWindow (from: string | undefined, now = Date.now()): boolean {
  return from !== undefined && Date.parse(from) >= now - ORDER_WINDOW_MS + WINDOW_MARGIN_MS
}

const orderVisible = (view: MirrorView, id: bigint | number): boolean => isGranted(view.rules, 'GET', `/me/order/${id}`)

/** Whether the key may list orders at OVH (GET /me/order): otherwise the live read answers OVH's refusal. */
export const orderListVisible = (view: MirrorView): boolean => isGranted(view.rules, 'GET', '/me/order')

/** The ids of mirrored orders made in [from, to] that the key may read, newest first. */
export async function mirroredOrderIds (view: MirrorView & { account: MirrorAccountRow }, range: { from: string, to?: string }): Promise<number[]> {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`"accountId" = ${view.account.id}::uuid`,
    Prisma.sql`"tenantId" = ${view.scope.tenantId}::uuid`,
    Prisma.sql`"date" >= ${new Date(range.from)}`
  ]
  if (range.to !== undefined) conditions.push(Prisma.sql`"date" <= ${new Date(range.to)}`)
  const rows = await view.reads.db.$queryRaw<Array<{ id: bigint }>>`
    SELECT "id" FROM "MirrorOrder" WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY "id" DESC`
  return rows.filter(row => orderVisible(view, row.id)).map(row => Number(row.id))
}

/** Mirrored orders by id, those the key may read. */
export async function findMirroredOrders (view: MirrorView, ids: readonly number[]): Promise<Map<number, MirroredOrder>> {
  if (view.account === null || ids.length === 0) return new Map()
  const rows = await view.reads.db.mirrorOrder.findMany({
    where: { accountId: view.account.id, tenantId: view.scope.tenantId, id: { in: ids.map(BigInt) } },
    select: { id: true, status: true, detail: true, lines: true, billId: true, syncedAt: true }
  })
  return new Map(rows
    .filter(row => orderVisible(view, row.id))
    .map(row => [Number(row.id), {
      order: row.detail as unknown as OvhBillingOrder,
      status: row.status as OrderStatus | null,
      lines: row.lines as unknown as OvhBillingDetail[] | null,
      billId: row.billId,
      syncedAt: row.syncedAt
    }]))
}
