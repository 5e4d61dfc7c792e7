// REST: the account's domain tasks (/v1/tasks...) and one domain's (/v1/domains/{name}/tasks...),
// over the same service as GraphQL.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import { notFound } from '../../errors.js'
import { restPageOf } from '../shared/pagination.js'
import { AnsweredTaskSchema, ProgressBarSchema, TaskActionEnum, TaskArgumentSchema, TaskFunctionEnum, TaskStatusEnum } from './schemas.js'
import {
  getProgressBar, getTask, getTaskArgument, listDomainTasks, listTaskArguments, listTasks, runTaskAction, setTaskArgument
} from './service.js'
import { restPageSchema } from '../shared/rest-page.js'
import { commaSeparated, listQuery } from '../shared/comma-separated.js'
import { freshnessQuery, sendFreshness } from '../domains/freshness-query.js'

const TaskList = restPageSchema(AnsweredTaskSchema)

const paging = {
  first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
  after: z.string().optional().describe('endCursor of the previous page'),
  function: TaskFunctionEnum.optional(),
  status: commaSeparated(TaskStatusEnum).optional().describe('Task statuses, comma-separated (status=todo,doing) or repeated; OVH filters on one, so each costs a list call'),
  ...freshnessQuery
}
const TaskId = z.object({ id: z.coerce.number().int().positive() })
const DomainTaskId = z.object({ name: DomainNameSchema, id: z.coerce.number().int().positive() })
const ActionParams = TaskId.extend({ action: TaskActionEnum })
const tags = ['tasks']

const tasksRoutes: FastifyPluginAsyncZod = async function (app) {
  app.get('/tasks', {
    schema: {
      operationId: 'listTasks',
      tags,
      summary: 'The domain tasks of your OVH account, newest first',
      querystring: listQuery({ ...paging, domain: DomainNameSchema.optional() }),
      response: { 200: TaskList }
    }
  }, async (request, reply) => {
    const { first, after, domain, status, maxAge, live } = request.query
    const page = await listTasks(request.caller, { first, after, filter: { domain, function: request.query.function, status }, maxAge, live })
    sendFreshness(reply, page.source, page.nodes.map(node => node.syncedAt))
    return restPageOf(page)
  })

  app.get('/tasks/:id', {
    schema: { operationId: 'getTask', tags, summary: 'One domain task', params: TaskId, querystring: z.object(freshnessQuery), response: { 200: AnsweredTaskSchema } }
  }, async (request, reply) => {
    const task = await getTask(request.caller, request.params.id, undefined, request.query)
    if (!task) throw notFound(`task ${request.params.id}`)
    sendFreshness(reply, task.source, [task.syncedAt])
    return task
  })

  app.post('/tasks/:id/:action', {
    schema: {
      operationId: 'runTaskAction',
      tags,
      summary: 'Accelerates, cancels or relaunches a task; CONFLICT when the task\'s own flag says no (OVH is not called)',
      params: ActionParams,
      response: { 200: AnsweredTaskSchema }
    }
  }, async request => runTaskAction(request.caller, request.params.action, { id: request.params.id }))

  app.get('/tasks/:id/progress', {
    schema: { operationId: 'getTaskProgress', tags, summary: 'The progress bar of a task', params: TaskId, response: { 200: ProgressBarSchema } }
  }, async request => {
    const bar = await getProgressBar(request.caller, request.params.id)
    if (!bar) throw notFound(`task ${request.params.id}`)
    return bar
  })

  app.get('/tasks/:id/arguments', {
    schema: { operationId: 'listTaskArguments', tags, summary: 'The arguments of a task, with their accepted values and formats', params: TaskId, response: { 200: z.array(TaskArgumentSchema) } }
  }, async request => listTaskArguments(request.caller, request.params.id))

  app.get('/tasks/:id/arguments/:key', {
    schema: { operationId: 'getTaskArgument', tags, summary: 'One argument of a task', params: TaskId.extend({ key: z.string().min(1).max(100) }), response: { 200: TaskArgumentSchema } }
  }, async request => {
    const argument = await getTaskArgument(request.caller, request.params.id, request.params.key)
    if (!argument) throw notFound(`argument ${request.params.key} of task ${request.params.id}`)
    return argument
  })

  app.put('/tasks/:id/arguments/:key', {
    schema: {
      operationId: 'setTaskArgument',
      tags,
      summary: 'Sets an argument of a task in error (checked against its accepted values first), before a relaunch',
      params: TaskId.extend({ key: z.string().min(1).max(100) }),
      body: z.object({ value: z.string().max(10_000) }).strict(),
      response: { 200: TaskArgumentSchema }
    }
  }, async request => setTaskArgument(request.caller, { ...request.params, value: request.body.value }))

  app.get('/domains/:name/tasks', {
    schema: {
      operationId: 'listDomainTasks',
      tags,
      summary: 'The tasks of one domain, newest first',
      params: z.object({ name: DomainNameSchema }),
      querystring: listQuery(paging),
      response: { 200: TaskList }
    }
  }, async (request, reply) => {
    const { first, after, status, maxAge, live } = request.query
    const page = await listDomainTasks(request.caller, request.params.name, { first, after, filter: { function: request.query.function, status }, maxAge, live })
    sendFreshness(reply, page.source, page.nodes.map(node => node.syncedAt))
    return restPageOf(page)
  })

  app.get('/domains/:name/tasks/:id', {
    schema: { operationId: 'getDomainTask', tags, summary: 'One task of a domain', params: DomainTaskId, querystring: z.object(freshnessQuery), response: { 200: AnsweredTaskSchema } }
  }, async (request, reply) => {
    const task = await getTask(request.caller, request.params.id, request.params.name, request.query)
    if (!task) throw notFound(`task ${request.params.id} of ${request.params.name}`)
    sendFreshness(reply, task.source, [task.syncedAt])
    return task
  })

  app.post('/domains/:name/tasks/:id/:action', {
    schema: { operationId: 'runDomainTaskAction', tags, summary: 'Accelerates, cancels or relaunches a task of a domain', params: DomainTaskId.extend({ action: TaskActionEnum }), response: { 200: AnsweredTaskSchema } }
  }, async request => runTaskAction(request.caller, request.params.action, { id: request.params.id, domain: request.params.name }))
}

export default tasksRoutes
