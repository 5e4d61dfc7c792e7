// What the reads of orders need beyond the order itself, read once per order by the sync so that
// the orders list's domain filter, the orders CSV and Order.bill are answered from the mirror
// (docs/mirror-reads.md): the order's lines (GET .../details, then one batch read; they never
// change once ordered) and its bill's id once OVH billed it (GET /me/bill?orderId=). A few orders
// per run, newest first; a refusal (a key without the /me/bill rule) leaves the column null, and
// the reads go to OVH for what is missing, as before.
import { Prisma } from '../generated/prisma/client.js'
import { checkInterrupted } from './context.js'
import type { SyncContext } from './context.js'

// Orders per run whose lines (two calls each) and bill (one call each) are read.
export const LINE_READS_PER_RUN = 10
export const BILL_READS_PER_RUN = 10
// An order OVH has not been paid for has no bill yet.
const BILLED_STATUSES = ['checking', 'delivering', 'delivered']

async function readLines (ctx: SyncContext, id: bigint): Promise<unknown[]> {
  const lineIds = await ctx.client.get<number[]>('/me/order/{orderId}/details', { params: { orderId: String(id) } })
  if (lineIds.length === 0) return []
  const results = await ctx.client.getBatch<unknown>('/me/order/{orderId}/details/{orderDetailId}', lineIds.map(String), { params: { orderId: String(id) } })
  return lineIds.flatMap(lineId => {
    const item = results.get(String(lineId))
    if (!item?.ok) throw item?.error ?? new Error(`OVH gave no answer for line ${lineId}`)
    return [item.value]
  })
}

export async function syncOrderExtras (ctx: SyncContext): Promise<void> {
  const { account } = ctx
  const withoutLines = await ctx.db.mirrorOrder.findMany({
    where: { accountId: account.id, lines: { equals: Prisma.DbNull } },
    select: { id: true },
    orderBy: { id: 'desc' },
    take: LINE_READS_PER_RUN
  })
  for (const { id } of withoutLines) {
    checkInterrupted(ctx)
    try {
      const lines = await readLines(ctx, id)
      await ctx.db.mirrorOrder.updateMany({ where: { accountId: account.id, id }, data: { lines: lines as Prisma.InputJsonValue } })
    } catch (err) {
      ctx.log.warn({ err, orderId: String(id) }, 'could not read an order\'s lines for the mirror')
    }
  }
  const unbilled = await ctx.db.mirrorOrder.findMany({
    where: { accountId: account.id, billId: null, status: { in: BILLED_STATUSES } },
    select: { id: true },
    orderBy: { id: 'desc' },
    take: BILL_READS_PER_RUN
  })
  for (const { id } of unbilled) {
    checkInterrupted(ctx)
    try {
      const bills = await ctx.client.get<string[]>('/me/bill', { query: { orderId: String(id) } })
      // The newest bill of the order, as the live read answers (bills/service.ts orderBillId).
      const billId = [...bills].map(String).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }))[0]
      if (billId !== undefined) await ctx.db.mirrorOrder.updateMany({ where: { accountId: account.id, id }, data: { billId } })
    } catch (err) {
      ctx.log.warn({ err, orderId: String(id) }, 'could not read an order\'s bill for the mirror')
      // A key without the /me/bill rule is refused for every order: no need to ask for the others.
      break
    }
  }
}
