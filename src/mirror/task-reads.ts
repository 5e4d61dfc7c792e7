// Domain tasks from the mirror (MirrorTask), and live task reads kept in it: the pieces the tasks
// service puts together (src/modules/tasks/service.ts). A task follows its domain's visibility
// (access.ts): a key sees the tasks of the domains it may read, as the domain reads do.
import { Prisma } from '../generated/prisma/client.js'
import type { DomainTask, TaskFilter } from '../modules/tasks/schemas.js'
import type { Caller } from '../upstream/caller.js'
import { domainAccessSql, domainVisible } from './access.js'
import { ensureAccount } from './view.js'
import type { MirrorAccountRow, MirrorView } from './view.js'
import { taskRow } from './tasks-sync.js'

export interface MirroredTask { task: DomainTask, syncedAt: Date }

/**
 * The ids of the account's mirrored tasks matching the filter (the live API's: domain, function,
 * any of the statuses) that the key's rules show, newest first: the page is cut from them as the
 * live path cuts it from OVH's list, so cursors are the same.
 */
export async function mirroredTaskIds (view: MirrorView & { account: MirrorAccountRow }, filter: TaskFilter): Promise<number[]> {
  return (await mirroredTaskRows(view, filter)).map(row => Number(row.id))
}

/** The same for several domains in one query (Domain.tasks on a page of domains), by domain. */
export async function mirroredTaskIdsOfDomains (view: MirrorView & { account: MirrorAccountRow }, domains: readonly string[], filter: TaskFilter): Promise<Map<string, number[]>> {
  const byDomain = new Map<string, number[]>(domains.map(domain => [domain, []]))
  for (const row of await mirroredTaskRows(view, filter, domains)) byDomain.get(row.domain)?.push(Number(row.id))
  return byDomain
}

async function mirroredTaskRows (view: MirrorView & { account: MirrorAccountRow }, filter: TaskFilter, domains?: readonly string[]): Promise<Array<{ id: bigint, domain: string }>> {
  const conditions: Prisma.Sql[] = [
    Prisma.sql`"accountId" = ${view.account.id}::uuid`,
    Prisma.sql`"tenantId" = ${view.scope.tenantId}::uuid`,
    domainAccessSql(view.access, Prisma.raw('"domain"'))
  ]
  if (filter.domain) conditions.push(Prisma.sql`"domain" = ${filter.domain}`)
  if (domains !== undefined) conditions.push(Prisma.sql`"domain" = ANY(${[...domains]}::text[])`)
  if (filter.function) conditions.push(Prisma.sql`"function" = ${filter.function}`)
  if (filter.status && filter.status.length > 0) conditions.push(Prisma.sql`"status" = ANY(${[...new Set(filter.status)]}::text[])`)
  return view.reads.db.$queryRaw<Array<{ id: bigint, domain: string }>>`
    SELECT "id", "domain" FROM "MirrorTask" WHERE ${Prisma.join(conditions, ' AND ')} ORDER BY "id" DESC`
}

/** Mirrored tasks by id (those the key's rules show), keyed by id. */
export async function findMirroredTasks (view: MirrorView, ids: readonly number[]): Promise<Map<number, MirroredTask>> {
  if (view.account === null || ids.length === 0) return new Map()
  const rows = await view.reads.db.mirrorTask.findMany({
    where: { accountId: view.account.id, tenantId: view.scope.tenantId, id: { in: ids.map(BigInt) } },
    select: { id: true, domain: true, detail: true, syncedAt: true }
  })
  return new Map(rows
    .filter(row => domainVisible(view.access, row.domain))
    .map(row => [Number(row.id), { task: row.detail as unknown as DomainTask, syncedAt: row.syncedAt }]))
}

/**
 * Keeps tasks the caller just read live (after an action, its new status): a read that follows is
 * then answered with what OVH said last, not the sync's older copy. Never fails the read.
 */
export async function keepLiveTasks (caller: Caller, view: MirrorView, tasks: readonly DomainTask[], readAt: Date): Promise<void> {
  if (tasks.length === 0) return
  try {
    const account = await ensureAccount(view)
    await view.reads.db.$transaction(tasks.map(task => {
      const data = taskRow(task, readAt)
      return view.reads.db.mirrorTask.upsert({
        where: { accountId_id: { accountId: account.id, id: BigInt(task.id) } },
        create: { accountId: account.id, tenantId: account.tenantId, id: BigInt(task.id), ...data },
        update: data
      })
    }))
  } catch (err) {
    caller.log.warn({ err }, 'could not keep live task reads in the mirror')
  }
}
