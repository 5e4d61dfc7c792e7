// REST: /v1/dns/zones/{zone}/tasks*: list (newest first, by function and status), read, and
// accelerate/cancel/relaunch (409 CONFLICT when OVH's canX is false).
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { callerOf } from '../../plugins/authenticate.js'
import { PageQuery, ZoneIdParams, ZoneParams } from './rest-shapes.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { TaskStatusEnum, ZoneTaskFunctionEnum, ZoneTaskSchema } from './schemas.js'
import { actOnZoneTask, getZoneTask, listZoneTasks } from './zone-task-service.js'

const tags = ['dns']

export const zoneTaskRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/tasks', {
    schema: {
      tags,
      summary: 'Zone tasks, newest first',
      params: ZoneParams,
      querystring: PageQuery.extend({ function: ZoneTaskFunctionEnum.optional(), status: TaskStatusEnum.optional() }),
      response: { 200: restPageSchema(ZoneTaskSchema) }
    }
  }, async request => {
    const { first, after, function: fn, status } = request.query
    return restPageOf(await listZoneTasks(callerOf(request), request.params.zone, { first, after, filter: { function: fn, status } }))
  })

  app.get('/dns/zones/:zone/tasks/:id', {
    schema: { tags, summary: 'One zone task', params: ZoneIdParams, response: { 200: ZoneTaskSchema } }
  }, async request => {
    const task = await getZoneTask(callerOf(request), request.params.zone, request.params.id)
    if (!task) throw notFound(`task ${request.params.id} of the DNS zone ${request.params.zone}`)
    return task
  })

  for (const action of ['accelerate', 'cancel', 'relaunch'] as const) {
    app.post(`/dns/zones/:zone/tasks/:id/${action}`, {
      schema: { tags, summary: `${action[0].toUpperCase()}${action.slice(1)} a zone task (409 when OVH says it cannot be done)`, params: ZoneIdParams, response: { 200: ZoneTaskSchema } }
    }, async request => actOnZoneTask(callerOf(request), request.params.zone, request.params.id, action))
  }
}
