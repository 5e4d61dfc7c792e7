// The domain tasks service (one implementation behind REST and GraphQL): lists filtered by domain,
// function and status as pages, details, progress bars, accelerate/cancel/relaunch checked against
// the task's own flags before OVH, and the arguments of a task in error. @see docs/OVH-API.md 4
import { badUserInput, gatewayError, notFound } from '../../errors.js'
import { MAX_BATCH_CHUNK } from '../../ovh/index.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkIdCursor, checkPageSize, nodePageOf, pageOfIds } from '../shared/pagination.js'
import { validateInput } from '../shared/validate.js'
import { refusalOf } from './argument-value.js'
import { redactedValue } from '../shared/secret-values.js'
import { taskReads } from './reads.js'
import type { TaskReads } from './reads.js'
import { TaskFilterSchema } from './schemas.js'
import { freshnessOf } from '../../mirror/freshness.js'
import type { Freshness, FreshnessArgs } from '../../mirror/freshness.js'
import { mirrorViewOf } from '../../mirror/view.js'
import { checkDomainVisible } from '../../mirror/domain-reads.js'
import { answeredLive, mirroredTask, mirrorPageOfIds, mirrorTaskPage, taskListView } from './mirror-tasks.js'
import { mirroredTaskIdsOfDomains } from '../../mirror/task-reads.js'
import type { AnsweredTask, TaskAnswerPage } from './mirror-tasks.js'
import type { ProgressBar, TaskAction, TaskArgument, TaskFilter } from './schemas.js'

export interface TaskPageArgs extends FreshnessArgs {
  first?: number | null
  after?: string | null
  filter?: TaskFilter | null
}

// The cursor kind of domain task connections (shared/pagination.ts), whichever list they page.
const DOMAIN_TASKS = 'domain-tasks'

// Calls Domain.tasks may spend grouping a page of domains' tasks, past the account-wide lists: a
// third of OVH's fair use (60 calls a minute), so the rest of the query still fits in the budget.
export const MAX_GROUPING_CALLS = 20

/** A filter checked and normalized (domain name in ASCII lower case). */
export function parseTaskFilter (raw: TaskFilter | null | undefined): TaskFilter {
  const filter = validateInput(TaskFilterSchema, raw ?? {}, 'filter')
  return { ...filter, domain: filter.domain ? normalizeDomainName(filter.domain, 'filter.domain') : undefined }
}

// One OVH list call per status asked for (OVH filters on one), merged.
async function idsOf (reads: TaskReads, filter: TaskFilter, scope: { domain?: string }): Promise<number[]> {
  const statuses = filter.status && filter.status.length > 0 ? [...new Set(filter.status)] : [undefined]
  const lists = await Promise.all(statuses.map(status => {
    const query: Record<string, string> = {}
    if (filter.function) query.function = filter.function
    if (status) query.status = status
    if (scope.domain !== undefined) return reads.list('/domain/{serviceName}/task', { serviceName: scope.domain }, query)
    if (filter.domain) query.domain = filter.domain
    return reads.list('/me/task/domain', {}, query)
  }))
  return [...new Set(lists.flat())]
}

async function loadPage (caller: Caller, loader: TaskReads['task'], ids: number[], args: TaskPageArgs): Promise<TaskAnswerPage> {
  const page = pageOfIds(ids, checkPageSize(args.first), args.after, 'desc', DOMAIN_TASKS)
  return { ...nodePageOf(page, await answeredLive(caller, await loader.loadMany(page.items.map(String)))), source: 'LIVE' }
}

const freshnessArgs = (caller: Caller, args: FreshnessArgs): Freshness => freshnessOf(args, caller.mirror?.maxAgeSeconds ?? 0)

/** Checks a page's size and cursor before any upstream call is made for it. */
export function checkPaging (args: TaskPageArgs): void {
  checkPageSize(args.first)
  if (args.after) checkIdCursor(args.after, 'after', DOMAIN_TASKS)
}

/**
 * The account's domain tasks, newest first: from the mirror once the account's first sync is
 * complete, else OVH (GET /me/task/domain, then batch reads).
 */
export async function listTasks (caller: Caller, args: TaskPageArgs): Promise<TaskAnswerPage> {
  caller.require('read')
  checkPaging(args)
  const filter = parseTaskFilter(args.filter)
  const freshness = freshnessArgs(caller, args)
  const view = await taskListView(caller, freshness)
  if (view !== null) return mirrorTaskPage(caller, view, filter, { first: checkPageSize(args.first), after: args.after, kind: DOMAIN_TASKS }, freshness)
  const reads = taskReads(caller)
  return loadPage(caller, reads.task, await idsOf(reads, filter, {}), args)
}

/** The tasks of one domain (the mirror's, else GET /domain/{serviceName}/task), newest first. */
export async function listDomainTasks (caller: Caller, domain: string, args: TaskPageArgs): Promise<TaskAnswerPage> {
  caller.require('read')
  checkPaging(args)
  const name = normalizeDomainName(domain)
  const filter = parseTaskFilter({ ...args.filter, domain: undefined })
  const freshness = freshnessArgs(caller, args)
  const known = await mirrorViewOf(caller)
  // A domain the key's rules do not show: FORBIDDEN before any OVH call, as domain(name) answers.
  if (known !== null) checkDomainVisible(known, name)
  const view = await taskListView(caller, freshness)
  if (view !== null) return mirrorTaskPage(caller, view, { ...filter, domain: name }, { first: checkPageSize(args.first), after: args.after, kind: DOMAIN_TASKS }, freshness)
  const reads = taskReads(caller)
  return loadPage(caller, reads.domainTask(name), await idsOf(reads, filter, { domain: name }), args)
}

/**
 * Task ids of many domains at once (Domain.tasks on a page of domains), grouped by domain the
 * cheaper way: the account-wide list for the filter, then either batch reads of its tasks (one per
 * 50) or one list per domain (and status). Past MAX_GROUPING_CALLS either way, BAD_USER_INPUT asks
 * for a status filter or fewer domains, before any of those calls is made.
 */
export async function taskIdsByDomain (caller: Caller, domains: readonly string[], filter: TaskFilter): Promise<Map<string, number[]>> {
  caller.require('read')
  // From the mirror: one query, no OVH call, so no grouping cost to bound.
  const view = await taskListView(caller, freshnessArgs(caller, {}))
  if (view !== null) return mirroredTaskIdsOfDomains(view, domains, filter)
  const reads = taskReads(caller)
  const byDomain = new Map<string, number[]>(domains.map(domain => [domain, []]))
  const perDomain = async () => {
    await Promise.all(domains.map(async domain => byDomain.set(domain, await idsOf(reads, filter, { domain }))))
    return byDomain
  }
  if (domains.length === 1) return perDomain()
  const ids = await idsOf(reads, filter, {})
  const readCalls = Math.ceil(ids.length / MAX_BATCH_CHUNK)
  const listCalls = domains.length * (filter.status && filter.status.length > 0 ? new Set(filter.status).size : 1)
  const cost = Math.min(readCalls, listCalls)
  if (cost > MAX_GROUPING_CALLS) {
    const message = `tasks of ${domains.length} domains would cost ${cost} more OVH calls (${ids.length} tasks match; at most ${MAX_GROUPING_CALLS}): filter by status, e.g. [todo, doing], or ask for fewer domains`
    throw badUserInput(message, [{ field: 'filter.status', message }])
  }
  if (listCalls < readCalls) return perDomain()
  const tasks = await reads.task.loadMany(ids.map(String))
  tasks.forEach(task => {
    if (task instanceof Error) throw task
    if (task?.domain) byDomain.get(task.domain)?.push(task.id)
  })
  return byDomain
}

/** A page of tasks among ids already known (Domain.tasks after taskIdsByDomain). */
export async function taskPage (caller: Caller, ids: number[], args: TaskPageArgs): Promise<TaskAnswerPage> {
  const freshness = freshnessArgs(caller, args)
  const view = await taskListView(caller, freshness)
  if (view !== null) return mirrorPageOfIds(caller, view, ids, { first: checkPageSize(args.first), after: args.after, kind: DOMAIN_TASKS }, freshness)
  return loadPage(caller, taskReads(caller).task, ids, args)
}

/**
 * One task: from the mirror when it holds it and the key's rules show its domain, else read from
 * OVH (GET /me/task/domain/{id}, or GET /domain/{serviceName}/task/{id} given its domain) and kept.
 */
export async function getTask (caller: Caller, id: number | string, domain?: string, args: FreshnessArgs = {}): Promise<AnsweredTask | null> {
  caller.require('read')
  const number = taskId(id)
  const name = domain === undefined ? undefined : normalizeDomainName(domain)
  const freshness = freshnessArgs(caller, args)
  const view = await mirrorViewOf(caller)
  if (view !== null && name !== undefined) checkDomainVisible(view, name)
  const mirrored = await mirroredTask(caller, view, number, name, freshness)
  if (mirrored !== null) return mirrored
  const reads = taskReads(caller)
  const task = await (name === undefined ? reads.task : reads.domainTask(name)).load(String(number))
  const [answer] = await answeredLive(caller, [task])
  return answer as AnsweredTask | null
}

function taskId (id: number | string, field = 'id'): number {
  const value = typeof id === 'number' ? id : Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw gatewayError('BAD_USER_INPUT', 'invalid task id', { fields: [{ field, message: 'must be a task id' }] })
  return value
}

const FLAGS: Record<TaskAction, { flag: 'canAccelerate' | 'canCancel' | 'canRelaunch', done: string }> = {
  accelerate: { flag: 'canAccelerate', done: 'accelerated' },
  cancel: { flag: 'canCancel', done: 'cancelled' },
  relaunch: { flag: 'canRelaunch', done: 'relaunched' }
}

/**
 * Accelerates, cancels or relaunches a task. The task's own flag is read first: when OVH says no,
 * the answer is CONFLICT without calling OVH. `domain` uses the per-domain routes.
 */
export async function runTaskAction (caller: Caller, action: TaskAction, input: { id: number | string, domain?: string }): Promise<AnsweredTask> {
  caller.require('write')
  const id = taskId(input.id)
  const domain = input.domain === undefined ? undefined : normalizeDomainName(input.domain)
  const reads = taskReads(caller)
  const task = await (domain === undefined ? reads.task : reads.domainTask(domain)).load(String(id))
  if (!task) throw notFound(`task ${id}`)
  const { flag, done } = FLAGS[action]
  if (!task[flag]) {
    throw gatewayError('CONFLICT', `task ${id} (${task.function}, ${task.status}) cannot be ${done}: OVH does not allow it now`, {
      // As zone tasks answer (dns/zone-task-service.ts): TASK_NOT_CANCELABLE...
      reason: `TASK_NOT_${action.toUpperCase()}ABLE`,
      task: { id, status: task.status, canAccelerate: task.canAccelerate, canCancel: task.canCancel, canRelaunch: task.canRelaunch }
    })
  }
  const client = await caller.ovh()
  if (domain === undefined) await client.post(`/me/task/domain/{id}/${action}`, { params: { id } })
  else await client.post(`/domain/{serviceName}/task/{id}/${action}`, { params: { serviceName: domain, id } })
  reads.forget(id)
  const fresh = await (domain === undefined ? reads.task : reads.domainTask(domain)).load(String(id))
  if (!fresh) throw notFound(`task ${id}`)
  // Kept in the mirror: a read right after the action answers the new status, not the old copy.
  const [answer] = await answeredLive(caller, [fresh])
  return answer as AnsweredTask
}

export async function getProgressBar (caller: Caller, id: number | string): Promise<ProgressBar | null> {
  caller.require('read')
  return taskReads(caller).progress.load(String(taskId(id)))
}

// An argument holding a secret (`authInfo`: the auth code a transfer was given) is shown redacted,
// as cart and order configurations are; it can still be set.
function shown (argument: TaskArgument): TaskArgument {
  const value = redactedValue(argument.key, argument.value)
  return value === argument.value ? argument : { ...argument, value }
}

/** Every argument of a task (keys, then one batch read), e.g. `authInfo` of a failed transfer. */
export async function listTaskArguments (caller: Caller, id: number | string): Promise<TaskArgument[]> {
  caller.require('read')
  const taskNumber = taskId(id)
  const reads = taskReads(caller)
  const keys = await reads.argumentKeys(taskNumber)
  const values = await reads.argument(taskNumber).loadMany(keys)
  return values.flatMap(value => {
    if (value instanceof Error) throw value
    return value ? [shown(value)] : []
  })
}

export async function getTaskArgument (caller: Caller, id: number | string, key: string): Promise<TaskArgument | null> {
  caller.require('read')
  const argument = await taskReads(caller).argument(taskId(id)).load(key)
  return argument ? shown(argument) : null
}

/**
 * Sets an argument of a task in error, so a relaunch can succeed. Checked first against what OVH
 * says of the argument (read-only, accepted values, sizes: argument-value.ts) and of the task
 * (waiting for a correction): a value OVH would refuse never reaches it.
 */
export async function setTaskArgument (caller: Caller, input: { id: number | string, key: string, value: string }): Promise<TaskArgument> {
  caller.require('write')
  const id = taskId(input.id)
  const reads = taskReads(caller)
  const [task, argument] = await Promise.all([reads.task.load(String(id)), reads.argument(id).load(input.key)])
  if (!task) throw notFound(`task ${id}`)
  if (!argument) throw notFound(`argument ${input.key} of task ${id}`)
  if (task.status !== 'error') {
    throw gatewayError('CONFLICT', `task ${id} is ${task.status}: it does not wait for a correction`, { reason: 'TASK_NOT_IN_ERROR', task: { id, status: task.status } })
  }
  const { value } = input
  const refusal = refusalOf(argument, value)
  if (refusal !== null) throw gatewayError('BAD_USER_INPUT', `${input.key}: ${refusal}`, { fields: [{ field: 'value', message: refusal }] })
  const client = await caller.ovh()
  await client.put('/me/task/domain/{id}/argument/{key}', { params: { id, key: input.key }, body: { value } })
  reads.forget(id)
  const fresh = await reads.argument(id).load(input.key)
  if (!fresh) throw notFound(`argument ${input.key} of task ${id}`)
  return shown(fresh)
}
