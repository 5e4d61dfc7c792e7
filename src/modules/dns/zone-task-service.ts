// Zone tasks (/domain/zone/{zone}/task*): list by function and status (newest first), read, and
// accelerate/cancel/relaunch, refused with a coded error when OVH's canX says no.
import { gatewayError, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import { dnsReads } from './reads.js'
import type { ZoneTaskFilter } from './reads.js'
import { recordId } from './record-service.js'
import type { OvhZoneTask } from './schemas.js'
import { zoneName } from './zone-service.js'

export interface ZoneTaskPage {
  nodes: OvhZoneTask[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

export async function listZoneTasks (caller: Caller, name: string, args: { first?: number | null, after?: string | null, filter?: ZoneTaskFilter | null }): Promise<ZoneTaskPage> {
  caller.require('read')
  const zone = zoneName(name)
  const first = checkPageSize(args.first)
  const reads = dnsReads(caller)
  const ids = await reads.taskIds(zone, args.filter ?? {})
  if (ids === null) throw notFound(`DNS zone ${zone}`)
  const page = pageOfIds(ids, first, args.after, 'desc')
  return nodePageOf(page, await reads.task(zone).loadMany(page.items.map(String)))
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
 * CONFLICT with the task's status, and OVH is not asked to do it.
 */
export async function actOnZoneTask (caller: Caller, name: string, id: string | number, action: ZoneTaskAction): Promise<OvhZoneTask> {
  caller.require('write')
  const zone = zoneName(name)
  const taskId = recordId(id)
  const reads = dnsReads(caller)
  const task = await reads.task(zone).load(String(taskId))
  if (task === null) throw notFound(`task ${taskId} of the DNS zone ${zone}`)
  const flag = ACTIONS[action]
  if (!task[flag]) {
    throw gatewayError('CONFLICT', `task ${taskId} cannot be ${action === 'cancel' ? 'cancelled' : `${action}d`} while it is ${task.status} (OVH's ${flag} is false)`, {
      reason: `TASK_NOT_${action.toUpperCase()}ABLE`,
      task: { id: taskId, status: task.status, function: task.function, [flag]: false }
    })
  }
  const client = await caller.ovh()
  await client.post(`/domain/zone/{zoneName}/task/{id}/${action}`, { params: { zoneName: zone, id: taskId } })
  reads.forget(zone)
  return (await reads.task(zone).load(String(taskId))) ?? task
}
