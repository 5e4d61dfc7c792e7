// /domain/zone/{zoneName}/task*: list (by function and status), read (batch), accelerate, cancel,
// relaunch; refused as OVH does when canAccelerate/canCancel/canRelaunch is false.
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, OvhRoute } from '../http/route.js'
import { accelerateZoneTask, cancelZoneTask, findZoneTask, relaunchZoneTask, toZoneTask } from '../model/zone-tasks.js'
import { findZone } from '../model/zones.js'

function target ({ account, params }: OvhCallContext) {
  const zone = findZone(account, String(params.zoneName))
  return { zone, task: findZoneTask(zone, Number(params.id)) }
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

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/task/{id}/accelerate',
    handler (context) {
      const { zone, task } = target(context)
      accelerateZoneTask(context.sandbox, context.account, zone, task)
      context.sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/task/{id}/cancel',
    handler (context) {
      const { zone, task } = target(context)
      cancelZoneTask(context.sandbox, zone, task)
      context.sandbox.touch()
      return null
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/zone/{zoneName}/task/{id}/relaunch',
    handler (context) {
      const { zone, task } = target(context)
      relaunchZoneTask(context.sandbox, context.account, zone, task)
      context.sandbox.touch()
      return null
    }
  })
]
