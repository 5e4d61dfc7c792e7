// Time-ordered events kept in the state ({at, kind, payload}, JSON only) and run by handlers per kind.
// Due events run before each request and after each clock advance, so asynchronous work (credential
// expiry now; tasks, orders and transfer locks later) progresses with sandbox time.
import type { SandboxState, ScheduledEvent } from './state/types.js'
import { nextId } from './state/types.js'

export interface EventContext {
  event: ScheduledEvent
  // Sandbox time when the handler runs (>= event.at).
  now: number
}

export type EventHandler = (payload: any, context: EventContext) => void

export interface Scheduler {
  schedule (at: number, kind: string, payload: unknown): number
  cancel (id: number): boolean
  // Runs every due event in time order, including events scheduled by handlers that are due too.
  runDue (): number
  pending (): readonly ScheduledEvent[]
}

// A handler that keeps rescheduling into the past would loop forever: stop and say so.
const MAX_EVENTS_PER_RUN = 10_000

export function createScheduler (getState: () => SandboxState, now: () => number, handlers: Readonly<Record<string, EventHandler>>, warn: (message: string) => void): Scheduler {
  return {
    schedule (at, kind, payload) {
      if (handlers[kind] === undefined) throw new Error(`no handler for sandbox event kind ${kind}`)
      return insertEvent(getState(), at, kind, payload)
    },
    cancel (id) {
      const state = getState()
      const index = state.events.findIndex(event => event.id === id)
      if (index === -1) return false
      state.events.splice(index, 1)
      return true
    },
    runDue () {
      let ran = 0
      for (;;) {
        const state = getState()
        const current = now()
        const event = state.events[0]
        if (event === undefined || event.at > current) return ran
        state.events.shift()
        if (++ran > MAX_EVENTS_PER_RUN) throw new Error('sandbox scheduler: too many events in one run (a handler keeps rescheduling?)')
        const handler = handlers[event.kind]
        // A snapshot from another version may hold kinds this one does not know: drop them loudly.
        if (handler === undefined) warn(`sandbox scheduler: dropped event ${event.id} of unknown kind ${event.kind}`)
        else handler(event.payload, { event, now: current })
      }
    },
    pending () {
      return getState().events
    }
  }
}

// Adds an event to the state without a scheduler at hand (seeding a fresh state); the kind must
// have a handler once the sandbox runs. Returns the event id.
export function insertEvent (state: SandboxState, at: number, kind: string, payload: unknown): number {
  const event: ScheduledEvent = { id: nextId(state, 'eventId'), at, kind, payload }
  // Keep the list sorted by time, then by id, so runDue and snapshots are deterministic.
  const index = state.events.findIndex(other => other.at > at)
  if (index === -1) state.events.push(event)
  else state.events.splice(index, 0, event)
  return event.id
}
