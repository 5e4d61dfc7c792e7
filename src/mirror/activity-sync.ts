// Tasks, orders and contact changes of an account, on their own cadence (MIRROR_ACTIVITY_INTERVAL):
// their lists are one call each, and only new or unfinished objects are read.
import type { SyncContext } from './context.js'
import { syncTasks } from './tasks-sync.js'
import { syncOrders } from './orders-sync.js'
import { syncOrderExtras } from './order-extras-sync.js'
import { syncContactChanges } from './contact-changes-sync.js'

export async function syncAccountActivity (ctx: SyncContext): Promise<'done' | 'more'> {
  const tasks = await syncTasks(ctx, 4)
  const orders = await syncOrders(ctx, 2)
  await syncOrderExtras(ctx)
  const contactChanges = await syncContactChanges(ctx, 1)
  // Task and order lists answer from the mirror once it holds them whole (view.ts activityReady):
  // a run that left some unread (the batch bound) does not say so.
  if (!tasks.more && !orders.more) {
    ctx.account = await ctx.db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { lastActivityAt: ctx.now() } })
  }
  return tasks.more || orders.more || contactChanges.more ? 'more' : 'done'
}
