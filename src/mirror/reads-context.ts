// What the read paths need of the mirror: whether it answers, how old an answer may be before a
// refresh is asked for, the database, and a way to ask the sync for a refresh that never fails
// the read (the sync's decorator is absent while it is not part of the app).
import type { OvhLogger } from '../ovh/index.js'
import type { Db } from '../db/client.js'
import type { MirrorRefresh, MirrorScope, RefreshReason, RefreshTargets } from './refresh.js'

export interface MirrorReads {
  enabled: boolean
  maxAgeSeconds: number
  db: Db
  /** Asks for a priority refresh when the sync runs; logs and forgets a failure. */
  refresh: (scope: MirrorScope, targets: RefreshTargets, reason: RefreshReason, log: OvhLogger) => Promise<void>
}

export function createMirrorReads (options: { enabled: boolean, maxAgeSeconds: number, db: Db, refresher: () => MirrorRefresh | undefined }): MirrorReads {
  return {
    enabled: options.enabled,
    maxAgeSeconds: options.maxAgeSeconds,
    db: options.db,
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
