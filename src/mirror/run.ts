// One sync run of an account, whatever its work (first sync and reconciliation, tasks and orders,
// a refresh request): the account's sync key and client, then the work, bounded by the budget
// share and a number of calls per run, then what the outcome means for the account (its calls,
// its state, its last error) and when to run next. Failures are recorded and logged, never thrown:
// a run that cannot work is rescheduled, not retried by the job engine in a loop.
import type { ChangeOrigin } from './refresh.js'
import type { MirrorAccount } from '../generated/prisma/client.js'
import { isAuthError, OvhApiError } from '../ovh/index.js'
import { SyncInterrupted } from './context.js'
import type { SyncContext } from './context.js'
import type { MirrorDeps } from './deps.js'
import { createSyncClient, SyncBudgetSpent, syncAllowance } from './sync-client.js'
import { syncKeyOf } from './sync-keys.js'

// One run's bound: a run then yields to refresh requests queued meanwhile (same queue, higher
// priority) and is rescheduled at once.
export const MAX_CALLS_PER_RUN = 20
// After an OVH or database failure (not a dead key), the next try.
const RETRY_AFTER_FAILURE_MS = 60_000

export type RunResult = 'done' | 'more' | 'budget' | 'interrupted' | 'failed' | 'error'

export interface RunOutcome {
  result: RunResult
  // When the work should run again (for 'done', the caller's cadence decides).
  retryAt: Date | null
}

export interface RunOptions {
  signal?: AbortSignal
  // The gateway requests behind a refresh, by object, for the events' cause (context.ts)
  origins?: ReadonlyMap<string, ChangeOrigin>
  onProgress?: (account: MirrorAccount) => void
  maxCalls?: number
}

/** What a failure may say: OVH's code or class and message, never a key or a signature. */
export function describeError (err: unknown): string {
  if (err instanceof OvhApiError) return [err.errorCode ?? err.errorClass ?? `HTTP ${err.status}`, err.message].filter(Boolean).join(': ')
  const kind = (err as { kind?: string }).kind
  return kind ? `OVH unreachable (${kind})` : (err as Error).message ?? String(err)
}

export async function runWithAccount (deps: MirrorDeps, accountId: string, options: RunOptions, work: (ctx: SyncContext) => Promise<'done' | 'more'>): Promise<RunOutcome | null> {
  const now = deps.now ?? (() => new Date())
  const account = await deps.db.mirrorAccount.findUnique({ where: { id: accountId } })
  if (!account) return null
  const key = await syncKeyOf(deps, account)
  if (key?.credential.state !== 'validated') {
    const reason = key ? `the sync key is ${key.credential.state}: request a new one (npm run cli -- sync key request)` : 'no sync key for this OVH account: request one (npm run cli -- sync key request)'
    await fail(deps, account, reason)
    return { result: 'failed', retryAt: new Date(now().getTime() + deps.config.listIntervalMs) }
  }
  const sync = createSyncClient({
    registry: deps.registry,
    application: deps.stores.tenants.application(key.tenant),
    key: { id: key.credential.id, consumerKey: deps.stores.credentials.consumerKey(key.credential) },
    share: deps.config.syncBudgetShare,
    maxCalls: options.maxCalls ?? MAX_CALLS_PER_RUN,
    log: deps.log
  })
  const { budget } = deps.registry
  const ctx: SyncContext = {
    db: deps.db,
    account,
    client: sync.client,
    config: deps.config,
    log: deps.log,
    now,
    recordChanges: async (tx, account, changes) => { await deps.recordChanges?.(tx, account, changes, options.origins) },
    signal: options.signal,
    onProgress: options.onProgress,
    pace: {
      callsPerMinute: budget.limit === 0 ? Infinity : syncAllowance(budget.limit, deps.config.syncBudgetShare) * 60_000 / budget.windowMs,
      listIntervalMs: deps.config.listIntervalMs,
      activityIntervalMs: deps.config.activityIntervalMs
    }
  }
  let outcome: RunOutcome
  try {
    const result = await work(ctx)
    outcome = { result, retryAt: result === 'more' ? now() : ctx.nextRunAt ?? null }
    if (ctx.account.state === 'failed') await deps.db.mirrorAccount.update({ where: { id: account.id }, data: { state: ctx.account.lastFullSyncAt ? 'ready' : 'initial' } })
  } catch (err) {
    outcome = await failed(deps, ctx, key.credential.id, err, now)
  } finally {
    const calls = sync.calls()
    if (calls > 0) await deps.db.mirrorAccount.update({ where: { id: account.id }, data: { callsUsed: { increment: calls } } })
  }
  return outcome
}

async function failed (deps: MirrorDeps, ctx: SyncContext, credentialId: string, err: unknown, now: () => Date): Promise<RunOutcome> {
  // Not failures: the share of the budget is spent, or the run reached its bound.
  if (err instanceof SyncBudgetSpent) return { result: err.retryAfterMs === 0 ? 'more' : 'budget', retryAt: new Date(now().getTime() + err.retryAfterMs) }
  if (err instanceof SyncInterrupted) return { result: 'interrupted', retryAt: now() }
  if (err instanceof OvhApiError && err.status === 429) return { result: 'budget', retryAt: new Date(now().getTime() + (err.retryAfter ?? 60) * 1000) }
  if (isAuthError(err)) {
    // OVH no longer accepts the key (expired, revoked) or refuses its rules: nothing to retry
    // until an admin gives a new one.
    const credential = await deps.db.ovhCredential.findUnique({ where: { id: credentialId } })
    const dead = (err as OvhApiError).errorCode === 'INVALID_CREDENTIAL' || (err as OvhApiError).errorCode === 'NOT_CREDENTIAL'
    if (credential && dead) await deps.stores.credentials.setState(credential, 'expired')
    await fail(deps, ctx.account, `OVH refused the sync key (${describeError(err)}): request a new one (npm run cli -- sync key request)`)
    return { result: 'failed', retryAt: new Date(now().getTime() + deps.config.listIntervalMs) }
  }
  const message = describeError(err)
  deps.log.warn({ accountId: ctx.account.id, tenantId: ctx.account.tenantId, error: message }, 'mirror: sync run failed; tried again later')
  await deps.db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { lastError: message, lastErrorAt: now() } })
  return { result: 'error', retryAt: new Date(now().getTime() + Math.min(RETRY_AFTER_FAILURE_MS, deps.config.listIntervalMs)) }
}

async function fail (deps: MirrorDeps, account: MirrorAccount, reason: string): Promise<void> {
  if (account.state !== 'failed' || account.lastError !== reason) {
    deps.log.warn({ accountId: account.id, tenantId: account.tenantId, ovhAccount: account.ovhAccount, reason }, 'mirror: sync failed')
  }
  await deps.db.mirrorAccount.update({ where: { id: account.id }, data: { state: 'failed', lastError: reason, lastErrorAt: (deps.now ?? (() => new Date()))() } })
}
