// The account's recent orders: GET /me/order since a window (ids, one call), batch reads of new
// and unfinished ones, and the status (GET /me/order/{id}/status, not batchable) of those still
// moving, a few per run. Also used for a refresh request naming orders.
import { checkInterrupted } from './context.js'
import type { SyncContext } from './context.js'
import { diffOrder } from './diff.js'
import type { OrderChange } from './diff.js'
import { dateOrNull } from './ovh-shapes.js'
import type { OvhOrder } from './ovh-shapes.js'
import { applyObjects, readDueInBatches } from './apply-objects.js'

// Orders older than this are not mirrored (recent first; the reads read older ones live).
export const ORDER_WINDOW_MS = 90 * 86_400_000
// billing.order.OrderStatusEnum values an order does not leave.
const FINAL_STATUSES = new Set(['delivered', 'cancelled'])
// Status reads (one call each) per run.
const STATUS_READS_PER_RUN = 10

export async function refreshOrders (ctx: SyncContext, ids: string[], statusReads = STATUS_READS_PER_RUN): Promise<OrderChange[]> {
  const { account } = ctx
  const results = await ctx.client.getBatch<OvhOrder>('/me/order/{orderId}', ids)
  const stored = new Map((await ctx.db.mirrorOrder.findMany({ where: { accountId: account.id, id: { in: ids.map(BigInt) } }, select: { id: true, status: true } })).map(row => [String(row.id), row]))
  const statuses = new Map<string, string>()
  for (const id of ids.filter(id => results.get(id)?.ok && !FINAL_STATUSES.has(stored.get(id)?.status ?? '')).slice(0, statusReads)) {
    checkInterrupted(ctx)
    statuses.set(id, await ctx.client.get<string>('/me/order/{orderId}/status', { params: { orderId: id } }))
  }
  const now = ctx.now()
  return applyObjects(ctx, ids, results, async (tx, id, order) => {
    const status = statuses.get(id) ?? stored.get(id)?.status ?? null
    const data = { date: dateOrNull(order.date), status, detail: order as object, syncedAt: now }
    await tx.mirrorOrder.upsert({
      where: { accountId_id: { accountId: account.id, id: BigInt(id) } },
      create: { accountId: account.id, tenantId: account.tenantId, id: BigInt(id), ...data },
      update: data
    })
    return diffOrder(stored.get(id) ?? null, { id, status })
  })
}

export async function syncOrders (ctx: SyncContext, maxBatches: number): Promise<{ more: boolean }> {
  const since = new Date(ctx.now().getTime() - ORDER_WINDOW_MS)
  const listed = (await ctx.client.get<number[]>('/me/order', { query: { 'date.from': since.toISOString() } })).map(String)
  const stored = new Map((await ctx.db.mirrorOrder.findMany({ where: { accountId: ctx.account.id, id: { in: listed.map(BigInt) } }, select: { id: true, status: true } })).map(row => [String(row.id), row.status]))
  const due = listed.filter(id => !stored.has(id) || !FINAL_STATUSES.has(stored.get(id) ?? ''))
  return readDueInBatches(ctx, due, maxBatches, ids => refreshOrders(ctx, ids))
}
