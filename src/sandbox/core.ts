// What the sandbox's models, routes, seeds and admin controls work on: its state, clock, scheduled
// events and task handlers. createSandbox (sandbox.ts) builds the whole Sandbox on top of it; the
// others take this rather than the Sandbox, so none imports the module that imports it (no cycle).
import type { SandboxClock } from './clock.js'
import type { Scheduler } from './scheduler.js'
import type { DomainTaskState, SandboxState, TaskArgumentSpec } from './state/types.js'

export interface SandboxCore {
  // Replaced by admin.reset(): read it through the sandbox each time, do not keep it.
  readonly state: SandboxState
  readonly clock: SandboxClock
  readonly scheduler: Scheduler
  readonly pace: number
  // Domain task handlers of every area, by function name (SandboxArea.taskHandlers).
  readonly taskHandlers: DomainTaskHandlers
  // Schedules an event after a realistic duration scaled by `pace`.
  after (realisticMs: number, kind: string, payload: unknown): number
  // Marks the state as changed (persistence).
  touch (): void
}

export interface DemoCredentials {
  account: string
  applicationKey: string
  applicationSecret: string
  // Validated, unlimited, rules GET/POST/PUT/DELETE '/*', bound to `account`.
  consumerKey: string
}

export interface DomainTaskOutcome {
  comment: string
  // What the customer must fix (PUT /me/task/domain/{id}/argument/{key}) before a relaunch.
  arguments?: TaskArgumentSpec[]
}

export interface DomainTaskHandler {
  // Decides each run's outcome (first run and every relaunch): null for success. It can read the
  // task's current argument values (task.arguments[key].value) and its payload.
  run? (sandbox: SandboxCore, task: DomainTaskState): null | DomainTaskOutcome
  // Side effects of success (e.g. the domain appears in GET /domain).
  done? (sandbox: SandboxCore, task: DomainTaskState): void
  // Side effects of a cancellation.
  cancelled? (sandbox: SandboxCore, task: DomainTaskState): void
}

export type DomainTaskHandlers = Readonly<Record<string, DomainTaskHandler>>
