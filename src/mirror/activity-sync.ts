// Tasks, orders and contact changes of an account, on their own cadence (MIRROR_ACTIVITY_INTERVAL):
// their lists are one call each, and only new or unfinished objects are read.
import type { SyncContext } from './context.js'
import { syncTasks } from './tasks-sync.js'
import { syncOrders } from './orders-sync.js'
import { syncContactChanges } from './contact-changes-sync.js'

export async function syncAccountActivity (ctx: SyncContext): Promise<'done' | 'more'> {
  const tasks = await syncTasks(ctx, 4)
  const orders = await syncOrders(ctx, 2)
  const contactChanges = await syncContactChanges(ctx, 1)
  return tasks.more || orders.more || contactChanges.more ? 'more' : 'done'
}
