// Zone tasks, per zone (/domain/zone/{zone}/task*) and account-wide (/me/task/dns*, as domain tasks
// have /me/task/domain*): lists by function and status (and zone) newest first, read, and
// accelerate/cancel/relaunch, refused with a coded error when OVH's canX says no.
import { gatewayError, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { dnsReads } from './reads.js'
import type { AccountZoneTaskFilter, ZoneTaskFilter } from './reads.js'
import { recordId } from './record-service.js'
import type { OvhAccountZoneTask, OvhZoneTask } from './schemas.js'
import { zoneName } from './zone-service.js'

// Cursor kinds (shared/pagination.ts): a zone's task list and the account-wide one are apart.
const ZONE_TASKS = 'zone-tasks'
const ACCOUNT_ZONE_TASKS = 'dns-tasks'

export async function listZoneTasks (caller: Caller, name: string, args: { first?: number | null, after?: string | null, filter?: ZoneTaskFilter | null }): Promise<NodePage<OvhZoneTask>> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', ZONE_TASKS)
  const reads = dnsReads(caller)
  const ids = await reads.taskIds(zone, args.filter ?? {})
  if (ids === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOfIds(ids, first, args.after, 'desc', ZONE_TASKS)
  return nodePageOf(page, await reads.task(zone).loadMany(page.items.map(String)))
}

/** The zone tasks of every zone of the account (GET /me/task/dns), newest first. */
export async function listAccountZoneTasks (caller: Caller, args: { first?: number | null, after?: string | null, filter?: AccountZoneTaskFilter | null }): Promise<NodePage<OvhAccountZoneTask>> {
  caller.require('read')
  const first = checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', ACCOUNT_ZONE_TASKS)
  const filter = args.filter ?? {}
  const zone = filter.zone ? zoneName(filter.zone, 'filter.zone') : undefined
  const reads = dnsReads(caller)
  const page = pageOfIds(await reads.accountTaskIds({ ...filter, zone }), first, args.after, 'desc', ACCOUNT_ZONE_TASKS)
  return nodePageOf(page, await reads.accountTask.loadMany(page.items.map(String)))
}

/** One zone task by id, whatever its zone (GET /me/task/dns/{id}). */
export async function getAccountZoneTask (caller: Caller, id: string | number): Promise<OvhAccountZoneTask | null> {
  caller.require('read')
  return dnsReads(caller).accountTask.load(String(recordId(id)))
}

export async function getZoneTask (caller: Caller, name: string, id: string | number): Promise<OvhZoneTask | null> {
  caller.require('read')
  return dnsReads(caller).task(zoneName(name)).load(String(recordId(id)))
}

const ACTIONS = {
  accelerate: 'canAccelerate',
  cancel: 'canCancel',
  relaunch: 'canRelaunch'
} as const

export type ZoneTaskAction = keyof typeof ACTIONS

/**
 * Reads the task first: when OVH says the action is not possible (canX false) the caller gets
 * CONFLICT with the task's status, and OVH is not asked to do it. Without a zone name, the
 * account-wide routes (/me/task/dns/{id}*) name the task by id alone.
 */
export async function actOnZoneTask (caller: Caller, name: string | null | undefined, id: string | number, action: ZoneTaskAction): Promise<OvhZoneTask & { zone?: string }> {
  caller.require('write')
  const zone = name === undefined || name === null ? undefined : zoneName(name)
  const taskId = recordId(id)
  const reads = dnsReads(caller)
  const load = () => (zone === undefined ? reads.accountTask : reads.task(zone)).load(String(taskId))
  const task = await load()
  if (task === null) throw notFound(zone === undefined ? `zone task ${taskId}` : `task ${taskId} of the DNS zone ${zone}`)
  const flag = ACTIONS[action]
  if (!task[flag]) {
    throw gatewayError('CONFLICT', `task ${taskId} cannot be ${action === 'cancel' ? 'cancelled' : `${action}d`} while it is ${task.status} (OVH's ${flag} is false)`, {
      reason: `TASK_NOT_${action.toUpperCase()}ABLE`,
      task: { id: taskId, status: task.status, function: task.function, [flag]: false }
    })
  }
  const client = await caller.ovh()
  if (zone === undefined) await client.post(`/me/task/dns/{id}/${action}`, { params: { id: taskId } })
  else await client.post(`/domain/zone/{zoneName}/task/{id}/${action}`, { params: { zoneName: zone, id: taskId } })
  // An account-wide task names its zone: what the action changed there is read again.
  reads.forget(zone ?? (task as OvhAccountZoneTask).zone)
  return (await load()) ?? task
}
