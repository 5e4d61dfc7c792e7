// createSandbox: the simulator's state, clock, scheduler, persistence, admin controls and call log,
// independent of HTTP (sandboxPlugin serves it).
import { createAdmin } from './admin/controls.js'
import type { SandboxAdmin } from './admin/controls.js'
import { createCallLog } from './admin/call-log.js'
import type { CallLog } from './admin/call-log.js'
import { createFaultRegistry } from './admin/faults.js'
import type { FaultRegistry } from './admin/faults.js'
import { createClock } from './clock.js'
import type { DemoCredentials, DomainTaskHandlers, SandboxCore } from './core.js'
import { DEMO_ACCOUNT, DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET, DEMO_CONSUMER_KEY, MAX_EXTRA_DOMAINS } from './constants.js'
import type { OvhRoute } from './http/route.js'
import { credentialEvents } from './model/credential-events.js'
import { domainTaskEvents } from './model/domain-tasks.js'
import { createPersistence } from './persistence.js'
import { SANDBOX_AREAS } from './routes/index.js'
import { createScheduler } from './scheduler.js'
import type { EventHandler } from './scheduler.js'
import { sharedOvhSchema } from './schema/load.js'
import type { OvhSchema } from './schema/load.js'
import type { SeedKind } from './seed/accounts.js'
import { applyExtraDomains } from './seed/portfolio-snapshot.js'
import { createState, upgradeState } from './state/create.js'
import type { SandboxState } from './state/types.js'

export type { DemoCredentials }

export interface SandboxOptions {
  seed?: SeedKind
  // Generated domains on the demo account (SANDBOX_EXTRA_DOMAINS, 0 to MAX_EXTRA_DOMAINS). A kept
  // snapshot with another number gets this many afresh; absent, a snapshot keeps what it has.
  extraDomains?: number
  // Multiplier of realistic durations for asynchronous work (tasks, orders...): 1 is OVH's pace,
  // 0.01 a hundred times faster. Tests rather advance the clock.
  pace?: number
  // JSON snapshot: loaded at start if present, saved (debounced) after changes and on close.
  persistPath?: string
  // Base time source (epoch ms); the sandbox clock adds its own offset. Default Date.now.
  now?: () => number
  warn?: (message: string) => void
}

export interface ServedRoute {
  method: string
  // Schema template: '/domain/{serviceName}'.
  path: string
}

// The whole simulator: the core its models work on, plus what HTTP and the admin controls use.
export interface Sandbox extends SandboxCore {
  readonly demo: DemoCredentials
  readonly schema: OvhSchema
  // Every route the areas define, and the ones a mounted plugin actually registered (onRoute).
  readonly routes: readonly OvhRoute[]
  readonly servedRoutes: ServedRoute[]
  readonly calls: CallLog
  readonly faults: FaultRegistry
  readonly admin: SandboxAdmin
  flush (): Promise<void>
  close (): Promise<void>
}

export function createSandbox (options: SandboxOptions = {}): Sandbox {
  const base = options.now ?? Date.now
  const pace = options.pace ?? 1
  if (!(pace > 0)) throw new RangeError('pace must be > 0')
  const requestedExtra = options.extraDomains
  if (requestedExtra !== undefined && (!Number.isSafeInteger(requestedExtra) || requestedExtra < 0 || requestedExtra > MAX_EXTRA_DOMAINS)) {
    throw new RangeError(`extraDomains must be an integer from 0 to ${MAX_EXTRA_DOMAINS}`)
  }
  const warn = options.warn ?? ((message: string) => process.emitWarning(message))
  const schema = sharedOvhSchema()
  const routes = SANDBOX_AREAS.flatMap(area => area.routes)
  for (const route of routes) {
    if (schema.operation(route.method, route.path) === undefined) {
      throw new Error(`sandbox route ${route.method} ${route.path} is not in ovh-api/v1-eu`)
    }
    if (route.batch === true && (route.method !== 'GET' || !/\{[^}]+\}$/.test(route.path))) {
      throw new Error(`sandbox route ${route.method} ${route.path}: batch reads need a GET whose last segment is an id`)
    }
  }

  let state: SandboxState
  const getState = (): SandboxState => state
  const persistence = createPersistence(options.persistPath, getState, error => warn(`sandbox snapshot not saved: ${String(error)}`))
  const loaded = persistence.load()
  state = loaded === null ? createState(options.seed ?? 'demo', base(), requestedExtra) : upgradeState(loaded)
  const demoAccount = state.accounts[DEMO_ACCOUNT]
  if (loaded !== null && requestedExtra !== undefined && demoAccount !== undefined) {
    if (applyExtraDomains(state, demoAccount, requestedExtra, base() + state.clockOffsetMs)) persistence.touch()
  }
  // What a reset seeds: the number asked for, else what the snapshot had.
  const extraDomains = requestedExtra ?? demoAccount?.portfolio?.count ?? 0

  const handlers: Record<string, EventHandler> = {}
  const clock = createClock(getState, base, () => {
    if (scheduler.runDue() > 0) persistence.touch()
  })
  const scheduler = createScheduler(getState, () => clock.now(), handlers, warn)

  const sandbox: Sandbox = {
    get state () { return state },
    clock,
    scheduler,
    pace,
    demo: { account: DEMO_ACCOUNT, applicationKey: DEMO_APPLICATION_KEY, applicationSecret: DEMO_APPLICATION_SECRET, consumerKey: DEMO_CONSUMER_KEY },
    schema,
    routes,
    servedRoutes: [],
    calls: createCallLog(),
    faults: createFaultRegistry(),
    get admin () { return admin },
    taskHandlers: collectTaskHandlers(),
    after (realisticMs, kind, payload) {
      return scheduler.schedule(clock.now() + realisticMs * pace, kind, payload)
    },
    touch () {
      persistence.touch()
    },
    flush () {
      return persistence.flush()
    },
    close () {
      return persistence.flush()
    }
  }
  // The admin controls need the finished sandbox object; the getter above reads this binding.
  // A reset drops the clock offset too: sandbox time is real time again.
  const admin = createAdmin(sandbox, (seed, extra) => { state = createState(seed, base(), extra ?? extraDomains) })

  Object.assign(handlers, credentialEvents(getState))
  Object.assign(handlers, domainTaskEvents(sandbox))
  for (const area of SANDBOX_AREAS) Object.assign(handlers, area.events?.(sandbox) ?? {})
  return sandbox
}

// Two areas handling one task function would silently override each other: refuse it.
function collectTaskHandlers (): DomainTaskHandlers {
  const merged: Record<string, DomainTaskHandlers[string]> = {}
  for (const area of SANDBOX_AREAS) {
    for (const [name, handler] of Object.entries(area.taskHandlers ?? {})) {
      if (merged[name] !== undefined) throw new Error(`sandbox task function ${name} has handlers in two areas`)
      merged[name] = handler
    }
  }
  return merged
}
