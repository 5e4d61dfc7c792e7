// What the read paths need of the mirror: whether it answers, how old an answer may be before a
// refresh is asked for, the database, and a way to ask the sync for a refresh that never fails
// the read (the sync's decorator is absent while it is not part of the app).
import type { OvhLogger } from '../ovh/index.js'
import type { Db } from '../db/client.js'
import { identityCache } from '../tenancy/identity-cache.js'
import type { MirrorRefresh, MirrorScope, RefreshReason, RefreshTargets } from './refresh.js'
import { ACCOUNT_COLUMNS } from './view.js'
import type { MirrorAccountRow } from './view.js'

export interface MirrorReads {
  enabled: boolean
  maxAgeSeconds: number
  db: Db
  /**
   * The account's mirror row; null while it has none. Every mirrored read needs it: with
   * `accountCacheTtlMs` > 0 it is kept that long (AUTH_CACHE_TTL_MS, as the caller's key and
   * credential are), so a read of one domain is one query. Its sync state and last list or
   * activity times are then at most that old; a row not there yet is never kept.
   */
  account: (scope: MirrorScope) => Promise<MirrorAccountRow | null>
  /**
   * How long a mirrored domain row read by this process may answer again (domain-reads.ts): at
   * most a second, and never longer than AUTH_CACHE_TTL_MS (0: not kept).
   */
  domainCacheTtlMs: number
  /** Asks for a priority refresh when the sync runs; logs and forgets a failure. */
  refresh: (scope: MirrorScope, targets: RefreshTargets, reason: RefreshReason, log: OvhLogger) => Promise<void>
}

// A mirrored row kept longer would hide a write-through refresh (or the sync's next read) from
// this process's readers for as long; a second is what the hottest read gains from (a PostgreSQL
// round trip saved per read of a popular domain) without an answer older than the mirror's.
const DOMAIN_CACHE_MAX_MS = 1_000

export function createMirrorReads (options: { enabled: boolean, maxAgeSeconds: number, db: Db, refresher: () => MirrorRefresh | undefined, accountCacheTtlMs?: number }): MirrorReads {
  const read = async (scope: MirrorScope): Promise<MirrorAccountRow | null> =>
    await options.db.mirrorAccount.findUnique({ where: { tenantId_ovhEndpoint_ovhAccount: scope }, select: ACCOUNT_COLUMNS })
  const ttl = options.accountCacheTtlMs ?? 0
  const keyOf = (scope: MirrorScope): string => `${scope.tenantId}\n${scope.ovhEndpoint}\n${scope.ovhAccount}`
  const cache = ttl > 0
    ? identityCache<MirrorAccountRow>(ttl, async key => {
      const [tenantId, ovhEndpoint, ovhAccount] = key.split('\n') as [string, string, string]
      return await read({ tenantId, ovhEndpoint, ovhAccount }) ?? undefined
    })
    : null
  return {
    enabled: options.enabled,
    maxAgeSeconds: options.maxAgeSeconds,
    db: options.db,
    domainCacheTtlMs: Math.min(DOMAIN_CACHE_MAX_MS, ttl),
    account: async scope => cache === null ? await read(scope) : await cache.fetch(keyOf(scope)) ?? null,
    async refresh (scope, targets, reason, log) {
      const refresher = options.refresher()
      if (refresher === undefined) return
      try {
        await refresher.request(scope, targets, reason)
      } catch (err) {
        log.warn({ err, reason }, 'could not queue a mirror refresh')
      }
    }
  }
}
