// Zone tasks, per zone (/domain/zone/{zoneName}/task*) and account-wide (/me/task/dns*, the same
// tasks with their zone, filtered by zone too): list (by function and status), read (batch),
// accelerate, cancel, relaunch; refused as OVH does when canAccelerate/canCancel/canRelaunch is false.
// @see docs/OVH-API.md 4, 13.4
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, OvhRoute } from '../http/route.js'
import {
  accelerateZoneTask, cancelZoneTask, findAccountZoneTask, findZoneTask, listAccountZoneTasks, relaunchZoneTask, toAccountZoneTask, toZoneTask
} from '../model/zone-tasks.js'
import { findZone } from '../model/zones.js'

function target ({ account, params }: OvhCallContext) {
  const zone = findZone(account, String(params.zoneName))
  return { zone, task: findZoneTask(zone, Number(params.id)) }
}

function accountTarget ({ account, params }: OvhCallContext) {
  return findAccountZoneTask(account, Number(params.id))
}

type TaskTarget = ReturnType<typeof target>
type Target = (context: OvhCallContext) => TaskTarget

// The same actions whichever family of routes names the task.
const ACTIONS = {
  accelerate: (context: OvhCallContext, { zone, task }: TaskTarget) => accelerateZoneTask(context.sandbox, context.account, zone, task),
  cancel: (context: OvhCallContext, { zone, task }: TaskTarget) => cancelZoneTask(context.sandbox, zone, task),
  relaunch: (context: OvhCallContext, { zone, task }: TaskTarget) => relaunchZoneTask(context.sandbox, context.account, zone, task)
}

function actionRoutes (prefix: string, targetOf: Target): OvhRoute[] {
  return (['accelerate', 'cancel', 'relaunch'] as const).map(name => defineRoute({
    method: 'POST',
    path: `${prefix}/{id}/${name}`,
    handler (context) {
      ACTIONS[name](context, targetOf(context))
      context.sandbox.touch()
      return null
    }
  }))
}

export const zoneTaskRoutes: OvhRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/task',
    handler ({ account, params, query }) {
      const zone = findZone(account, String(params.zoneName))
      return Object.values(zone.tasks)
        .filter(task => (query.function === undefined || task.function === query.function) && (query.status === undefined || task.status === query.status))
        .map(task => task.id)
        .sort((a, b) => a - b)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/zone/{zoneName}/task/{id}',
    batch: true,
    handler: context => toZoneTask(target(context).task)
  }),

  ...actionRoutes('/domain/zone/{zoneName}/task', target),

  defineRoute({
    method: 'GET',
    path: '/me/task/dns',
    handler: ({ account, query }) => listAccountZoneTasks(account, {
      function: query.function as string | undefined,
      status: query.status as string | undefined,
      zone: query.zone as string | undefined
    })
  }),

  defineRoute({
    method: 'GET',
    path: '/me/task/dns/{id}',
    batch: true,
    handler (context) {
      const { zone, task } = accountTarget(context)
      return toAccountZoneTask(zone, task)
    }
  }),

  ...actionRoutes('/me/task/dns', accountTarget)
]
