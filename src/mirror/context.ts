// What one sync run works with: the account, its sync key's client, the clock, the settings, and
// where changes go (issue 13 writes events there, in the transaction that applies them).
import type { Db } from '../db/client.js'
import type { MirrorAccount } from '../generated/prisma/client.js'
import type { OvhClient } from '../ovh/index.js'
import type { MirrorSyncConfig } from '../config.js'
import type { MirrorChange } from './diff.js'
import type { ChangeOrigin } from './refresh.js'
import type { PaceSettings } from './detail-pass.js'

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0]

export interface SyncLog {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
  debug (obj: object, msg?: string): void
}

/**
 * Called inside the transaction that applies them (the events area writes them as events).
 * `origins`: the gateway requests that asked for this refresh, by object ('domain:a.com',
 * 'task:42', 'order:7'); a change of another object was seen at OVH.
 */
export type RecordChanges = (tx: Tx, account: MirrorAccount, changes: MirrorChange[], origins?: ReadonlyMap<string, ChangeOrigin>) => Promise<void>

export interface SyncContext {
  db: Db
  account: MirrorAccount
  client: OvhClient
  config: MirrorSyncConfig
  log: SyncLog
  now: () => Date
  recordChanges: RecordChanges
  // Set when the worker stops: the run ends between two batches (its work so far is kept).
  signal?: AbortSignal
  // Each batch applied (first-sync progress, for `sync run`'s bar).
  onProgress?: (account: MirrorAccount) => void
  // The sync's share of its key's budget, for the time of a full detail pass (detail-pass.ts)
  pace: PaceSettings
  // Set by a run that found nothing left to do: when something next falls due (else the cadence).
  nextRunAt?: Date
}

export class SyncInterrupted extends Error {
  constructor () {
    super('the sync was interrupted (the worker is stopping)')
    this.name = 'SyncInterrupted'
  }
}

export function checkInterrupted (ctx: SyncContext): void {
  if (ctx.signal?.aborted) throw new SyncInterrupted()
}

// Bounded transactions: a batch is at most 50 objects.
export const TX_OPTIONS = { timeout: 30_000, maxWait: 10_000 }
