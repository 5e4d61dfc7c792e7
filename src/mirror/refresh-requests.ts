// The write side of the contract in refresh.ts: a refresh request becomes a job of the account's
// queue (deduplicated by job key and by name when it runs), read in batches by refresh runs.
import type { Task } from 'graphile-worker'
import { LRUCache } from 'lru-cache'
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import type { MirrorDeps } from './deps.js'
import type { ChangeOrigin, MirrorRefresh, RefreshReason, RefreshTargets } from './refresh.js'
import { JOB, refreshJob } from './job-names.js'
import { runWithAccount } from './run.js'
import type { RunOptions } from './run.js'
import { refreshDomains } from './apply-domains.js'
import { refreshTasks } from './tasks-sync.js'
import { refreshOrders } from './orders-sync.js'
import { refreshContactChanges } from './contact-changes-sync.js'
import { checkInterrupted } from './context.js'

// Objects one request may name: bounds the work any caller can cause.
const MAX_PER_KIND = 500
const DOMAIN = /^[a-z0-9.-]{1,253}$/
const ID = /^\d{1,19}$/
// A popular stale domain is read hundreds of times a second until its refresh has run, and each read
// asked again: a lookup and an addJob on the same job key (a row lock in graphile-worker's table)
// per read, which capped domain(name) from the mirror far below a live read. A domain asked for as
// stale within this window is already in the waiting job (payloads merge by job key): it is not
// asked again. Writes and unknown objects always ask. Bounded (lru-cache): memory stays flat.
const STALE_AGAIN_AFTER_MS = 10_000
const STALE_REMEMBERED = 10_000

export interface RefreshPayload extends Required<Omit<RefreshTargets, 'origin'>> {
  accountId: string
  reason: RefreshReason
  // The request that asked, by object ('domain:a.com', 'task:42', 'order:7', 'contact_change:9'):
  // the cause of the events of what the refresh finds
  origins?: Record<string, ChangeOrigin>
}

type Targets = Required<Omit<RefreshTargets, 'origin'>>
type Kind = keyof Targets
const KINDS: readonly Kind[] = ['domains', 'tasks', 'orders', 'contactChanges']

function originsOf (origin: ChangeOrigin | undefined, targets: Targets): Record<string, ChangeOrigin> | undefined {
  if (origin === undefined) return undefined
  const keys = [
    ...targets.domains.map(name => `domain:${name}`), ...targets.tasks.map(id => `task:${id}`),
    ...targets.orders.map(id => `order:${id}`), ...targets.contactChanges.map(id => `contact_change:${id}`)
  ]
  return Object.fromEntries(keys.map(key => [key, { requestId: String(origin.requestId).slice(0, 128), userId: String(origin.userId).slice(0, 64) }]))
}

function clean (values: string[] | undefined, pattern: RegExp, lower = false): string[] {
  return [...new Set((values ?? []).map(value => lower ? String(value).toLowerCase() : String(value)).filter(value => pattern.test(value)))].slice(0, MAX_PER_KIND)
}

export function createRefreshRequests (deps: MirrorDeps): MirrorRefresh {
  const staleAsked = new LRUCache<string, true>({ max: STALE_REMEMBERED, ttl: STALE_AGAIN_AFTER_MS })
  return {
    async request (scope, targets, reason) {
      let remembered: string[] = []
      try {
        let domains = clean(targets.domains, DOMAIN, true)
        const tasks = clean(targets.tasks, ID)
        const orders = clean(targets.orders, ID)
        const contactChanges = clean(targets.contactChanges, ID)
        if (reason === 'stale') {
          const keyOf = (domain: string): string => `${scope.tenantId}\n${scope.ovhEndpoint}\n${scope.ovhAccount}\n${domain}`
          domains = domains.filter(domain => !staleAsked.has(keyOf(domain)))
          // Remembered before the await: concurrent reads of one domain queue it once.
          remembered = domains.map(keyOf)
          for (const key of remembered) staleAsked.set(key, true)
        }
        if (domains.length + tasks.length + orders.length + contactChanges.length === 0) return
        const account = await deps.db.mirrorAccount.findUnique({ where: { tenantId_ovhEndpoint_ovhAccount: scope }, select: { id: true } })
        // Without a sync key for that account nothing is mirrored: nothing to refresh.
        if (!account) return
        const origins = originsOf(targets.origin, { domains, tasks, orders, contactChanges })
        const payload: RefreshPayload = { accountId: account.id, reason, domains, tasks, orders, contactChanges, ...(origins === undefined ? {} : { origins }) }
        await deps.queue.addJob(JOB.refresh, [payload], refreshJob(account.id, reason))
      } catch (err) {
        // Not queued: the next stale read may ask again.
        for (const key of remembered) staleAsked.delete(key)
        // Asking never fails the caller: the object is refreshed by reconciliation anyway.
        deps.log.warn({ err, reason }, 'mirror: a refresh request could not be queued')
      }
    }
  }
}

/** Merges the payloads of a batch job: every object once (with the latest request that asked). */
export function mergeRefreshes (payloads: RefreshPayload[]): Map<string, { reason: RefreshReason, origins: Map<string, ChangeOrigin> } & Targets> {
  const byAccount = new Map<string, { reason: RefreshReason, origins: Map<string, ChangeOrigin> } & Record<Kind, Set<string>>>()
  for (const payload of payloads) {
    const entry = byAccount.get(payload.accountId) ?? { reason: payload.reason, domains: new Set(), tasks: new Set(), orders: new Set(), contactChanges: new Set(), origins: new Map() }
    // A job queued before contactChanges existed has none.
    for (const kind of KINDS) (payload[kind] ?? []).forEach(value => entry[kind].add(value))
    for (const [key, origin] of Object.entries(payload.origins ?? {})) entry.origins.set(key, origin)
    byAccount.set(payload.accountId, entry)
  }
  return new Map([...byAccount].map(([id, entry]) => [id, {
    reason: entry.reason, domains: [...entry.domains], tasks: [...entry.tasks], orders: [...entry.orders], contactChanges: [...entry.contactChanges], origins: entry.origins
  }]))
}

/** The refresh job: reads what was asked, 50 per call; what the budget leaves is queued again. */
export function refreshTask (deps: MirrorDeps, options: RunOptions = {}): Task {
  return async (payload, helpers) => {
    const payloads = (Array.isArray(payload) ? payload : [payload]) as RefreshPayload[]
    for (const [accountId, targets] of mergeRefreshes(payloads)) {
      const left: Targets = { domains: targets.domains, tasks: targets.tasks, orders: targets.orders, contactChanges: targets.contactChanges }
      const outcome = await runWithAccount(deps, accountId, { ...options, signal: helpers.abortSignal, maxCalls: Infinity, origins: targets.origins }, async ctx => {
        const steps: Array<[Kind, (ids: string[]) => Promise<unknown>]> = [
          ['domains', ids => refreshDomains(ctx, ids)],
          ['tasks', ids => refreshTasks(ctx, ids)],
          ['orders', ids => refreshOrders(ctx, ids)],
          ['contactChanges', ids => refreshContactChanges(ctx, ids)]
        ]
        for (const [kind, read] of steps) {
          while (left[kind].length > 0) {
            checkInterrupted(ctx)
            await read(left[kind].slice(0, MAX_BATCH_CHUNK))
            left[kind] = left[kind].slice(MAX_BATCH_CHUNK)
          }
        }
        return 'done'
      })
      if (outcome && outcome.result !== 'done' && outcome.result !== 'failed' && KINDS.some(kind => left[kind].length > 0)) {
        const rest: RefreshPayload = { accountId, reason: targets.reason, ...left, origins: Object.fromEntries(targets.origins) }
        await deps.queue.addJob(JOB.refresh, [rest], refreshJob(accountId, targets.reason, outcome.retryAt ?? undefined))
      }
    }
  }
}
