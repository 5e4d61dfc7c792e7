// The account's domain tasks: GET /me/task/domain (ids, one call), then batch reads of the ids the
// mirror does not have and of those still open (their status moves). Finished tasks are not read
// again. Also used for a refresh request naming tasks.
import type { SyncContext } from './context.js'
import { diffTask } from './diff.js'
import type { TaskChange } from './diff.js'
import { dateOrNull } from './ovh-shapes.js'
import type { OvhDomainTask } from './ovh-shapes.js'
import { OPEN_TASK_STATUSES } from './priority.js'
import { applyObjects, readDueInBatches } from './apply-objects.js'

/** A task's columns as the mirror stores them, from OVH's object (the sync's and the live reads'). */
export function taskRow (task: Omit<OvhDomainTask, 'id' | 'domain'> & { domain: string | null }, syncedAt: Date) {
  return {
    domain: (task.domain ?? '').toLowerCase(),
    function: task.function,
    status: task.status,
    todoDate: dateOrNull(task.todoDate),
    lastUpdate: dateOrNull(task.lastUpdate),
    doneDate: dateOrNull(task.doneDate),
    detail: task as object,
    syncedAt
  }
}

/** Reads these task ids (at most 50) and applies them. */
export async function refreshTasks (ctx: SyncContext, ids: string[]): Promise<TaskChange[]> {
  const { account } = ctx
  const results = await ctx.client.getBatch<OvhDomainTask>('/me/task/domain/{id}', ids)
  const stored = new Map((await ctx.db.mirrorTask.findMany({ where: { accountId: account.id, id: { in: ids.map(BigInt) } }, select: { id: true, status: true } })).map(row => [String(row.id), row]))
  const now = ctx.now()
  return applyObjects(ctx, ids, results, async (tx, id, task) => {
    const data = taskRow(task, now)
    await tx.mirrorTask.upsert({
      where: { accountId_id: { accountId: account.id, id: BigInt(id) } },
      create: { accountId: account.id, tenantId: account.tenantId, id: BigInt(id), ...data },
      update: data
    })
    return diffTask(stored.get(id) ?? null, { id, domain: task.domain, function: task.function, status: task.status })
  })
}

/** The list, then every new or open task, newest first, at most `maxBatches` batch calls. */
export async function syncTasks (ctx: SyncContext, maxBatches: number): Promise<{ more: boolean }> {
  const listed = (await ctx.client.get<number[]>('/me/task/domain')).map(String)
  const stored = new Map((await ctx.db.mirrorTask.findMany({ where: { accountId: ctx.account.id }, select: { id: true, status: true } })).map(row => [String(row.id), row.status]))
  const due = listed.filter(id => !stored.has(id) || OPEN_TASK_STATUSES.includes(stored.get(id)!))
  return readDueInBatches(ctx, due, maxBatches, ids => refreshTasks(ctx, ids))
}
