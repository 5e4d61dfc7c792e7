// Task reads answered from the portfolio mirror (src/mirror/task-reads.ts) under the domain reads'
// contract (docs/mirror-reads.md): lists once the account's first sync is complete, single tasks
// whenever the mirror holds them; stale rows answered and their refresh queued; `live` reads OVH.
import type { Caller } from '../../upstream/caller.js'
import { mirrorViewOf, activityReady } from '../../mirror/view.js'
import type { MirrorView } from '../../mirror/view.js'
import { isStale } from '../../mirror/freshness.js'
import type { DataSource, Freshness } from '../../mirror/freshness.js'
import { findMirroredTasks, keepLiveTasks, mirroredTaskIds } from '../../mirror/task-reads.js'
import type { MirroredTask } from '../../mirror/task-reads.js'
import { nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import type { DomainTask, TaskFilter } from './schemas.js'

/** A task as answered: OVH's object, when it was read from OVH, and where it comes from. */
export type AnsweredTask = DomainTask & { syncedAt: string, source: DataSource }

export interface TaskAnswerPage extends NodePage<AnsweredTask> { source: DataSource }

export function answeredTask (task: DomainTask, syncedAt: Date, source: DataSource): AnsweredTask {
  return { ...task, syncedAt: syncedAt.toISOString(), source }
}

/** The caller's mirror when it answers task lists (first sync complete, not `live`), else null. */
export async function taskListView (caller: Caller, freshness: Freshness) {
  if (freshness.live) return null
  const view = await mirrorViewOf(caller)
  return activityReady(view) ? view : null
}

// Rows older than maxAge are answered all the same; the sync is asked to read them again.
async function refreshStale (caller: Caller, view: MirrorView, rows: Iterable<[number, MirroredTask]>, freshness: Freshness): Promise<void> {
  const stale = [...rows].filter(([, row]) => isStale(row.syncedAt, freshness)).map(([id]) => String(id))
  if (stale.length > 0) await view.reads.refresh(view.scope, { tasks: stale }, 'stale', caller.log)
}

type ListView = NonNullable<Awaited<ReturnType<typeof taskListView>>>

interface PageArgs { first: number, after?: string | null, kind: string }

/** A page of the mirrored tasks matching `filter`, newest first, cut as the live list is. */
export async function mirrorTaskPage (caller: Caller, view: ListView, filter: TaskFilter, page: PageArgs, freshness: Freshness): Promise<TaskAnswerPage> {
  return mirrorPageOfIds(caller, view, await mirroredTaskIds(view, filter), page, freshness)
}

/** A page among mirrored task ids already known, newest first. */
export async function mirrorPageOfIds (caller: Caller, view: ListView, ids: number[], page: PageArgs, freshness: Freshness): Promise<TaskAnswerPage> {
  const cut = pageOfIds(ids, page.first, page.after, 'desc', page.kind)
  const rows = await findMirroredTasks(view, cut.items)
  await refreshStale(caller, view, rows, freshness)
  const loaded = cut.items.map(id => {
    const row = rows.get(id)
    return row === undefined ? null : answeredTask(row.task, row.syncedAt, 'MIRROR')
  })
  return { ...nodePageOf(cut, loaded), source: 'MIRROR' }
}

/** One mirrored task the key's rules show, or null (the caller then reads it live). */
export async function mirroredTask (caller: Caller, view: MirrorView | null, id: number, domain: string | undefined, freshness: Freshness): Promise<AnsweredTask | null> {
  if (view === null || freshness.live) return null
  const rows = await findMirroredTasks(view, [id])
  const row = rows.get(id)
  // Asked through a domain's route: a task of another domain is not this one's (OVH answers 404).
  if (row === undefined || (domain !== undefined && row.task.domain?.toLowerCase() !== domain)) return null
  await refreshStale(caller, view, rows, freshness)
  return answeredTask(row.task, row.syncedAt, 'MIRROR')
}

/** Tasks just read from OVH, answered as LIVE and kept in the caller's mirror when there is one. */
export async function answeredLive (caller: Caller, tasks: ReadonlyArray<DomainTask | null | Error>, readAt = new Date()): Promise<Array<AnsweredTask | null | Error>> {
  const view = await mirrorViewOf(caller)
  const read = tasks.filter((task): task is DomainTask => task !== null && !(task instanceof Error))
  if (view !== null) await keepLiveTasks(caller, view, read, readAt)
  return tasks.map(task => (task === null || task instanceof Error ? task : answeredTask(task, readAt, 'LIVE')))
}
