// Zone tasks (domain.zone.Task): todo -> doing -> done | error, moved by scheduled events; what a
// task does when it runs depends on its function (ZoneImport, DnssecEnable, DnssecDisable). What
// can be done to a task follows the rule domain tasks follow (model/task-flags.ts).
// @see docs/OVH-API.md 4 (zone tasks use domain.TaskFunctionEnum)
import { classError, notFound } from '../errors.js'
import type { EventHandler } from '../scheduler.js'
import type { SandboxCore } from '../core.js'
import type { AccountState } from '../state/types.js'
import { nextId } from '../state/types.js'
import type { RecordState, ZoneState, ZoneTaskFunction, ZoneTaskState } from '../state/dns-types.js'
import { formatDateTime, MINUTE } from '../time.js'
import { flagsOf } from './task-flags.js'
import { parseZoneFile } from './zone-file.js'
import { dropOrphanRedirections, restoreRecords } from './zone-features.js'
import { deploy, FIRST_RECORD_ID, historyOf, RECORD_SEQUENCE, zonesOf } from './zones.js'

export const ZONE_TASK_START = 'dns.zoneTask.start'
export const ZONE_TASK_FINISH = 'dns.zoneTask.finish'

// OVH starts zone tasks within about a minute and runs them in a few more.
const START_DELAY_MS = MINUTE
const RUN_TIME_MS = 2 * MINUTE

interface TaskEvent { account: string, zone: string, id: number }

export function toZoneTask (task: ZoneTaskState) {
  return {
    ...flagsOf(task.status),
    comment: task.comment,
    creationDate: formatDateTime(task.creation),
    doneDate: task.doneDate === null ? null : formatDateTime(task.doneDate),
    function: task.function,
    id: task.id,
    lastUpdate: formatDateTime(task.lastUpdate),
    status: task.status,
    todoDate: formatDateTime(task.todoDate)
  }
}

// me.dns.Task: the zone task as the account-wide routes (/me/task/dns*) show it, with its zone.
export function toAccountZoneTask (zone: ZoneState, task: ZoneTaskState) {
  return { ...toZoneTask(task), zone: zone.name }
}

export interface ZoneTaskFilter {
  function?: string
  status?: string
  zone?: string
}

/** GET /me/task/dns: the ids of the account's zone tasks, every zone together, in id order. */
export function listAccountZoneTasks (account: AccountState, filter: ZoneTaskFilter): number[] {
  const zone = filter.zone?.toLowerCase()
  return Object.values(zonesOf(account))
    .filter(candidate => zone === undefined || candidate.name === zone)
    .flatMap(candidate => Object.values(candidate.tasks))
    .filter(task => (filter.function === undefined || task.function === filter.function) && (filter.status === undefined || task.status === filter.status))
    .map(task => task.id)
    .sort((a, b) => a - b)
}

/** A zone task of the account by id alone (ids are unique across zones), with its zone. */
export function findAccountZoneTask (account: AccountState, id: number): { zone: ZoneState, task: ZoneTaskState } {
  for (const zone of Object.values(zonesOf(account))) {
    const task = zone.tasks[String(id)]
    if (task !== undefined) return { zone, task }
  }
  throw notFound(`The requested object (id = ${id}) does not exist`)
}

export function findZoneTask (zone: ZoneState, id: number): ZoneTaskState {
  const task = zone.tasks[String(id)]
  if (task === undefined) throw notFound(`The requested object (id = ${id}) does not exist`)
  return task
}

export function createZoneTask (sandbox: SandboxCore, account: AccountState, zone: ZoneState, fn: ZoneTaskFunction, payload: Record<string, unknown> = {}): ZoneTaskState {
  const now = sandbox.clock.now()
  const task: ZoneTaskState = {
    id: nextId(sandbox.state, 'zoneTaskId', 700_000_001),
    function: fn,
    status: 'todo',
    comment: null,
    creation: now,
    todoDate: now + START_DELAY_MS * sandbox.pace,
    lastUpdate: now,
    doneDate: null,
    payload,
    eventId: null
  }
  zone.tasks[String(task.id)] = task
  schedule(sandbox, account, zone, task, ZONE_TASK_START, START_DELAY_MS)
  return task
}

// `from`: when the previous step was due, so one long clock advance runs every step it covers.
function schedule (sandbox: SandboxCore, account: AccountState, zone: ZoneState, task: ZoneTaskState, kind: string, realisticMs: number, from = sandbox.clock.now()): void {
  const event: TaskEvent = { account: account.nic, zone: zone.name, id: task.id }
  task.eventId = sandbox.scheduler.schedule(from + realisticMs * sandbox.pace, kind, event)
}

function refuse (action: string, task: ZoneTaskState) {
  return classError(403, 'Client::Forbidden', `This task can't be ${action} (task ${task.id} is ${task.status})`)
}

export function accelerateZoneTask (sandbox: SandboxCore, account: AccountState, zone: ZoneState, task: ZoneTaskState): void {
  if (!flagsOf(task.status).canAccelerate) throw refuse('accelerated', task)
  if (task.eventId !== null) sandbox.scheduler.cancel(task.eventId)
  const now = sandbox.clock.now()
  task.todoDate = now
  task.lastUpdate = now
  schedule(sandbox, account, zone, task, ZONE_TASK_START, 0)
}

export function cancelZoneTask (sandbox: SandboxCore, zone: ZoneState, task: ZoneTaskState): void {
  if (!flagsOf(task.status).canCancel) throw refuse('cancelled', task)
  if (task.eventId !== null) sandbox.scheduler.cancel(task.eventId)
  task.eventId = null
  task.status = 'cancelled'
  task.lastUpdate = sandbox.clock.now()
  // What the task was about to change goes back to where it was.
  if (task.function === 'DnssecEnable' && zone.dnssec === 'enableInProgress') zone.dnssec = 'disabled'
  if (task.function === 'DnssecDisable' && zone.dnssec === 'disableInProgress') zone.dnssec = 'enabled'
}

export function relaunchZoneTask (sandbox: SandboxCore, account: AccountState, zone: ZoneState, task: ZoneTaskState): void {
  if (!flagsOf(task.status).canRelaunch) throw refuse('relaunched', task)
  const now = sandbox.clock.now()
  task.status = 'todo'
  task.comment = null
  task.todoDate = now + START_DELAY_MS * sandbox.pace
  task.lastUpdate = now
  schedule(sandbox, account, zone, task, ZONE_TASK_START, START_DELAY_MS)
}

// Runs the task's work; returns an error comment, or null when it succeeded.
function run (sandbox: SandboxCore, account: AccountState, zone: ZoneState, task: ZoneTaskState, now: number): string | null {
  switch (task.function) {
    case 'ZoneImport': {
      const parsed = parseZoneFile(String(task.payload.zoneFile ?? ''), zone.name)
      if (!parsed.ok) return `Invalid zone file: ${parsed.error}`
      const records: Record<string, RecordState> = {}
      // New ids, as OVH gives the imported records.
      for (const record of parsed.records) {
        const id = nextId(sandbox.state, RECORD_SEQUENCE, FIRST_RECORD_ID)
        records[String(id)] = { ...record, id }
      }
      zone.records = records
      dropOrphanRedirections(zone)
      if (parsed.ttl !== null) zone.soa.ttl = parsed.ttl
      // The import is applied to the name servers by the task itself.
      deploy(zone, now)
      return null
    }
    case 'ZoneRestore': {
      const point = historyOf(zone).find(candidate => candidate.creation === task.payload.creation)
      if (point === undefined) return 'The restore point no longer exists'
      restoreRecords(sandbox.state, zone, point)
      deploy(zone, now)
      return null
    }
    case 'DnssecEnable':
    case 'DnssecDisable': {
      zone.dnssec = task.function === 'DnssecEnable' ? 'enabled' : 'disabled'
      const domain = account.domains[zone.name]
      if (domain !== undefined && domain.dnssecState !== 'not_supported') domain.dnssecState = zone.dnssec
      return null
    }
    default:
      return null
  }
}

export function zoneTaskEvents (sandbox: SandboxCore): Record<string, EventHandler> {
  const lookup = (event: TaskEvent): { account: AccountState, zone: ZoneState, task: ZoneTaskState } | null => {
    const account = sandbox.state.accounts[event.account]
    const zone = account === undefined ? undefined : zonesOf(account)[event.zone]
    const task = zone?.tasks[String(event.id)]
    return account === undefined || zone === undefined || task === undefined ? null : { account, zone, task }
  }
  return {
    [ZONE_TASK_START]: (event: TaskEvent, { now, event: scheduled }) => {
      const found = lookup(event)
      if (found === null || found.task.status !== 'todo') return
      found.task.status = 'doing'
      found.task.lastUpdate = now
      schedule(sandbox, found.account, found.zone, found.task, ZONE_TASK_FINISH, RUN_TIME_MS, scheduled.at)
    },
    [ZONE_TASK_FINISH]: (event: TaskEvent, { now }) => {
      const found = lookup(event)
      if (found === null || found.task.status !== 'doing') return
      const { task } = found
      const failure = run(sandbox, found.account, found.zone, task, now)
      task.eventId = null
      task.lastUpdate = now
      if (failure === null) {
        task.status = 'done'
        task.doneDate = now
      } else {
        task.status = 'error'
        task.comment = failure
      }
    }
  }
}
