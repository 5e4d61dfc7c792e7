// Domain tasks (domain.Task): created in `todo`, started by the scheduler (`doing`), then run by the
// handler of their function, which ends them `done` or in `error` with a comment and arguments to
// fix before a relaunch. Areas register handlers per function (SandboxArea.taskHandlers).
// @see docs/OVH-API.md 4, src/sandbox/README.md
import { badRequest, classError, notFound } from '../errors.js'
import type { EventHandler } from '../scheduler.js'
import type { DomainTaskOutcome, SandboxCore } from '../core.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainTaskState, DomainTaskStatus, SandboxState, TaskArgumentSpec } from '../state/types.js'
import { MINUTE, SECOND } from '../time.js'
import { flagsOf } from './task-flags.js'
import type { TaskFlags } from './task-flags.js'

export type { DomainTaskState, TaskArgumentSpec }

export const DOMAIN_TASK_START = 'domainTask.start'
export const DOMAIN_TASK_FINISH = 'domainTask.finish'
export const DOMAIN_TASK_SEQUENCE = 'domainTaskId'
export const FIRST_DOMAIN_TASK_ID = 300_000_001

// Realistic durations, scaled by the sandbox pace: OVH starts most tasks within about a minute and
// finishes them in 5 to 10 (docs/OVH-API.md 4).
export const TASK_START_DELAY_MS = MINUTE
export const TASK_RUN_MS = 5 * MINUTE
const RELAUNCH_DELAY_MS = 10 * SECOND
const ACCELERATED_RUN_MS = 30 * SECOND

export type { DomainTaskHandler, DomainTaskHandlers, DomainTaskOutcome } from '../core.js'

export interface NewDomainTask {
  account: AccountState | string
  domain: string
  // A domain.OperationFunctionEnum value.
  function: string
  payload?: unknown
}

function accountOf (state: SandboxState, account: AccountState | string): AccountState {
  if (typeof account !== 'string') return account
  const found = state.accounts[account]
  if (found === undefined) throw new Error(`no sandbox account ${account}`)
  return found
}

export function newTaskState (state: SandboxState, account: AccountState, input: Omit<NewDomainTask, 'account'>, now: number): DomainTaskState {
  const task: DomainTaskState = {
    id: nextId(state, DOMAIN_TASK_SEQUENCE, FIRST_DOMAIN_TASK_ID),
    account: account.nic,
    domain: input.domain.toLowerCase(),
    function: input.function,
    status: 'todo',
    comment: null,
    creation: now,
    todoDate: now,
    lastUpdate: now,
    doneDate: null,
    payload: input.payload ?? null,
    arguments: {},
    runs: 0,
    eventId: null
  }
  account.domainTasks[String(task.id)] = task
  return task
}

/** A task in `todo` that the scheduler starts, runs and ends (scaled by `sandbox.pace`). */
export function createDomainTask (sandbox: SandboxCore, input: NewDomainTask): DomainTaskState {
  const now = sandbox.clock.now()
  const task = newTaskState(sandbox.state, accountOf(sandbox.state, input.account), input, now)
  task.todoDate = now + TASK_START_DELAY_MS * sandbox.pace
  task.eventId = sandbox.scheduler.schedule(task.todoDate, DOMAIN_TASK_START, { account: task.account, id: task.id })
  sandbox.touch()
  return task
}

export function findDomainTask (account: AccountState, id: number | string, domain?: string): DomainTaskState {
  const task = account.domainTasks[String(id)]
  if (task === undefined || (domain !== undefined && task.domain !== domain.toLowerCase())) {
    throw notFound(`The requested object (id = ${String(id)}) does not exist`)
  }
  return task
}

export interface TaskFilter {
  domain?: string
  function?: string
  status?: DomainTaskStatus
}

export function listDomainTasks (account: AccountState, filter: TaskFilter): number[] {
  const domain = filter.domain?.toLowerCase()
  return Object.values(account.domainTasks)
    .filter(task => (domain === undefined || task.domain === domain) &&
      (filter.function === undefined || task.function === filter.function) &&
      (filter.status === undefined || task.status === filter.status))
    .map(task => task.id)
    .sort((a, b) => a - b)
}

// The rule both task families share (model/task-flags.ts).
export function taskFlags (task: DomainTaskState): TaskFlags {
  return flagsOf(task.status)
}

// domain.Task
export function toDomainTask (task: DomainTaskState, format: (ms: number) => string) {
  return {
    ...taskFlags(task),
    comment: task.comment,
    creationDate: format(task.creation),
    domain: task.domain,
    doneDate: task.doneDate === null ? null : format(task.doneDate),
    function: task.function,
    id: task.id,
    lastUpdate: format(task.lastUpdate),
    status: task.status,
    todoDate: format(task.todoDate)
  }
}

// nichandle.DomainTaskArgument
export function toTaskArgument (argument: TaskArgumentSpec) {
  return {
    acceptedFormats: argument.acceptedFormats ?? null,
    acceptedValues: argument.acceptedValues ?? null,
    description: argument.description ?? null,
    fields: argument.fields ?? null,
    key: argument.key,
    maximumSize: argument.maximumSize ?? null,
    minimumSize: argument.minimumSize ?? null,
    readOnly: argument.readOnly ?? false,
    template: argument.template ?? null,
    type: argument.type,
    value: argument.value ?? null
  }
}

const STEPS = [
  { step: 'initialisation', description: 'The request is checked and queued', executionDuration: TASK_START_DELAY_MS / SECOND },
  { step: 'registryRequest', description: 'The request is sent to the registry', executionDuration: TASK_RUN_MS / SECOND },
  { step: 'finalisation', description: 'The result is applied to the service', executionDuration: 0 }
]

// nichandle.DomainTaskProgressBar
export function toProgressBar (task: DomainTaskState, format: (ms: number) => string) {
  const stepIndex = task.status === 'todo' || task.status === 'cancelled' ? 0 : task.status === 'done' ? 2 : 1
  const progress = task.status === 'done' ? 100 : stepIndex === 1 ? 50 : 0
  const flags = taskFlags(task)
  const actions: Array<'canCancel' | 'canCorrect' | 'canRelaunch' | 'canReset'> = []
  if (flags.canCancel) actions.push('canCancel')
  if (task.status === 'error' && Object.values(task.arguments).some(argument => argument.readOnly !== true)) actions.push('canCorrect')
  if (flags.canRelaunch) actions.push('canRelaunch')
  const expected = task.status === 'done'
    ? task.doneDate
    : task.status === 'todo' || task.status === 'doing' ? Math.max(task.todoDate, task.lastUpdate) + TASK_RUN_MS : null
  return {
    currentStep: STEPS[stepIndex],
    expectedDoneDate: expected === null ? null : format(expected),
    followUpSteps: STEPS.slice(stepIndex + 1),
    lastUpdateDate: format(task.lastUpdate),
    progress,
    taskActions: actions,
    taskStatus: task.status
  }
}

// The same answer as zone tasks (model/zone-tasks.ts), from the same flags (model/task-flags.ts),
// so both task families refuse alike.
function refuse (task: DomainTaskState, action: string): never {
  throw classError(403, 'Client::Forbidden', `This task can't be ${action} (task ${task.id} is ${task.status})`)
}

function unschedule (sandbox: SandboxCore, task: DomainTaskState): void {
  if (task.eventId !== null) sandbox.scheduler.cancel(task.eventId)
  task.eventId = null
}

/** Starts a waiting task now, and lets it finish sooner. */
export function accelerateTask (sandbox: SandboxCore, task: DomainTaskState): void {
  if (!taskFlags(task).canAccelerate) refuse(task, 'accelerated')
  unschedule(sandbox, task)
  const now = sandbox.clock.now()
  task.status = 'doing'
  task.todoDate = now
  task.lastUpdate = now
  task.eventId = sandbox.scheduler.schedule(now + ACCELERATED_RUN_MS * sandbox.pace, DOMAIN_TASK_FINISH, { account: task.account, id: task.id })
}

export function cancelTask (sandbox: SandboxCore, task: DomainTaskState): void {
  if (!taskFlags(task).canCancel) refuse(task, 'cancelled')
  unschedule(sandbox, task)
  task.status = 'cancelled'
  task.lastUpdate = sandbox.clock.now()
  sandbox.taskHandlers[task.function]?.cancelled?.(sandbox, task)
}

/** Queues a task in error again; its handler runs with the arguments as they now are. */
export function relaunchTask (sandbox: SandboxCore, task: DomainTaskState): void {
  if (!taskFlags(task).canRelaunch) refuse(task, 'relaunched')
  const now = sandbox.clock.now()
  task.status = 'todo'
  task.comment = null
  task.todoDate = now + RELAUNCH_DELAY_MS * sandbox.pace
  task.lastUpdate = now
  task.eventId = sandbox.scheduler.schedule(task.todoDate, DOMAIN_TASK_START, { account: task.account, id: task.id })
}

/** PUT /me/task/domain/{id}/argument/{key}: checked as OVH describes the argument. */
export function setTaskArgument (task: DomainTaskState, key: string, value: string | null | undefined, now: number): void {
  const argument = task.arguments[key]
  if (argument === undefined) throw notFound(`The requested object (key = ${key}) does not exist`)
  if (task.status !== 'error') throw badRequest(`Task ${task.id} does not wait for a correction (it is ${task.status})`)
  if (argument.readOnly === true) throw badRequest(`Argument ${key} is read-only`)
  if (value === undefined || value === null) throw badRequest('Missing parameter(s): value')
  if (argument.acceptedValues != null && argument.acceptedValues.length > 0 && !argument.acceptedValues.includes(value)) {
    throw badRequest(`Invalid value for argument ${key}: expected one of ${argument.acceptedValues.join(', ')}`)
  }
  if (argument.minimumSize != null && value.length < argument.minimumSize) throw badRequest(`Argument ${key} must be at least ${argument.minimumSize} characters long`)
  if (argument.maximumSize != null && value.length > argument.maximumSize) throw badRequest(`Argument ${key} must be at most ${argument.maximumSize} characters long`)
  argument.value = value
  task.lastUpdate = now
}

function applyOutcome (sandbox: SandboxCore, task: DomainTaskState, outcome: DomainTaskOutcome | null, at: number): void {
  task.lastUpdate = at
  task.eventId = null
  if (outcome === null) {
    task.status = 'done'
    task.doneDate = at
    task.comment = null
    sandbox.taskHandlers[task.function]?.done?.(sandbox, task)
    return
  }
  task.status = 'error'
  task.comment = outcome.comment
  for (const spec of outcome.arguments ?? []) {
    // A value the customer already set stays, so they see what was refused.
    const previous = task.arguments[spec.key]?.value
    task.arguments[spec.key] = { ...spec, value: spec.value ?? previous ?? null }
  }
}

// Scheduler handlers; a stale event (the task was cancelled, accelerated or relaunched since)
// is ignored.
export function domainTaskEvents (sandbox: SandboxCore): Record<string, EventHandler> {
  const taskOf = (payload: { account: string, id: number }, eventId: number): DomainTaskState | null => {
    const task = sandbox.state.accounts[payload.account]?.domainTasks[String(payload.id)]
    return task !== undefined && task.eventId === eventId ? task : null
  }
  return {
    [DOMAIN_TASK_START] (payload: { account: string, id: number }, { event }) {
      const task = taskOf(payload, event.id)
      if (task === null || task.status !== 'todo') return
      task.status = 'doing'
      task.lastUpdate = event.at
      task.eventId = sandbox.scheduler.schedule(event.at + TASK_RUN_MS * sandbox.pace, DOMAIN_TASK_FINISH, payload)
    },
    [DOMAIN_TASK_FINISH] (payload: { account: string, id: number }, { event }) {
      const task = taskOf(payload, event.id)
      if (task === null || task.status !== 'doing') return
      task.runs += 1
      applyOutcome(sandbox, task, sandbox.taskHandlers[task.function]?.run?.(sandbox, task) ?? null, event.at)
    }
  }
}
