// REST: /v1/dns/zones/{zone}/tasks* (one zone) and /v1/dns/tasks* (every zone of the account, as
// /v1/tasks is for domain tasks): list (newest first, by function and status, and zone), read, and
// accelerate/cancel/relaunch (409 CONFLICT when OVH's canX is false).
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { PageQuery, ZoneIdParams, ZoneParams } from './rest-shapes.js'
import { restPageOf } from '../shared/pagination.js'
import { restPageSchema } from '../shared/rest-page.js'
import { AccountZoneTaskSchema, TaskStatusEnum, ZoneTaskFunctionEnum, ZoneTaskSchema } from './schemas.js'
import { actOnZoneTask, getAccountZoneTask, getZoneTask, listAccountZoneTasks, listZoneTasks } from './zone-task-service.js'

const TaskIdParams = z.object({ id: z.coerce.number().int().positive() })
const TaskQuery = PageQuery.extend({ function: ZoneTaskFunctionEnum.optional(), status: TaskStatusEnum.optional() })

const tags = ['dns']

// Spelt out, not built from the action: clients generate method names from them.
const ZONE_TASK_ACTIONS = { accelerate: 'accelerateDnsZoneTask', cancel: 'cancelDnsZoneTask', relaunch: 'relaunchDnsZoneTask' } as const
const ACCOUNT_ZONE_TASK_ACTIONS = { accelerate: 'accelerateAccountDnsZoneTask', cancel: 'cancelAccountDnsZoneTask', relaunch: 'relaunchAccountDnsZoneTask' } as const

export const zoneTaskRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/dns/zones/:zone/tasks', {
    schema: {
      operationId: 'listDnsZoneTasks',
      tags,
      summary: 'Zone tasks, newest first',
      params: ZoneParams,
      querystring: TaskQuery,
      response: { 200: restPageSchema(ZoneTaskSchema) }
    }
  }, async request => {
    const { first, after, function: fn, status } = request.query
    return restPageOf(await listZoneTasks(request.caller, request.params.zone, { first, after, filter: { function: fn, status } }))
  })

  app.get('/dns/zones/:zone/tasks/:id', {
    schema: { operationId: 'getDnsZoneTask', tags, summary: 'One zone task', params: ZoneIdParams, response: { 200: ZoneTaskSchema } }
  }, async request => {
    const task = await getZoneTask(request.caller, request.params.zone, request.params.id)
    if (!task) throw notFound(`task ${request.params.id} of the DNS zone ${request.params.zone}`)
    return task
  })

  for (const action of ['accelerate', 'cancel', 'relaunch'] as const) {
    app.post(`/dns/zones/:zone/tasks/:id/${action}`, {
      schema: { operationId: ZONE_TASK_ACTIONS[action], tags, summary: `${action[0].toUpperCase()}${action.slice(1)} a zone task (409 when OVH says it cannot be done)`, params: ZoneIdParams, response: { 200: ZoneTaskSchema } }
    }, async request => actOnZoneTask(request.caller, request.params.zone, request.params.id, action))
  }

  app.get('/dns/tasks', {
    schema: {
      operationId: 'listAccountDnsZoneTasks',
      tags,
      summary: 'The zone tasks of every zone of the account, newest first',
      querystring: TaskQuery.extend({ zone: DomainNameSchema.optional() }),
      response: { 200: restPageSchema(AccountZoneTaskSchema) }
    }
  }, async request => {
    const { first, after, zone, function: fn, status } = request.query
    return restPageOf(await listAccountZoneTasks(request.caller, { first, after, filter: { zone, function: fn, status } }))
  })

  app.get('/dns/tasks/:id', {
    schema: { operationId: 'getAccountDnsZoneTask', tags, summary: 'One zone task, whatever its zone', params: TaskIdParams, response: { 200: AccountZoneTaskSchema } }
  }, async request => {
    const task = await getAccountZoneTask(request.caller, request.params.id)
    if (!task) throw notFound(`zone task ${request.params.id}`)
    return task
  })

  for (const action of ['accelerate', 'cancel', 'relaunch'] as const) {
    app.post(`/dns/tasks/:id/${action}`, {
      schema: { operationId: ACCOUNT_ZONE_TASK_ACTIONS[action], tags, summary: `${action[0].toUpperCase()}${action.slice(1)} a zone task named by id alone (409 when OVH says it cannot be done)`, params: TaskIdParams, response: { 200: AccountZoneTaskSchema } }
    }, async request => actOnZoneTask(request.caller, undefined, request.params.id, action) as Promise<z.infer<typeof AccountZoneTaskSchema>>)
  }
}
