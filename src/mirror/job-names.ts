// The mirror's jobs in graphile-worker: identifiers, keys (one waiting job per key: dedupe) and
// queues (one per account: its jobs run one at a time, on whichever process takes them, so two
// gateways never sync one account at once). Smaller priorities run first: refresh requests before
// the sync's own work.
import type { TaskSpec } from 'graphile-worker'
import type { RefreshReason } from './refresh.js'

export const JOB = {
  discover: 'mirror:discover',
  domains: 'mirror:sync-account',
  activity: 'mirror:sync-activity',
  refresh: 'mirror:refresh'
} as const

const REFRESH_PRIORITY: Record<RefreshReason, number> = { write: -30, unknown: -20, stale: -10 }

const queueOf = (accountId: string): string => `mirror:${accountId}`

export function domainsJob (accountId: string, runAt?: Date, mode: TaskSpec['jobKeyMode'] = 'replace'): TaskSpec {
  return { jobKey: `mirror:sync:${accountId}`, jobKeyMode: mode, queueName: queueOf(accountId), runAt, maxAttempts: 5 }
}

export function activityJob (accountId: string, runAt?: Date, mode: TaskSpec['jobKeyMode'] = 'replace'): TaskSpec {
  return { jobKey: `mirror:activity:${accountId}`, jobKeyMode: mode, queueName: queueOf(accountId), runAt, maxAttempts: 5 }
}

// Requests of one reason for one account merge into one job (array payloads are concatenated by
// graphile-worker's batch jobs), read together in batches of 50 rather than one call per object.
export function refreshJob (accountId: string, reason: RefreshReason, runAt?: Date): TaskSpec {
  return { jobKey: `mirror:refresh:${accountId}:${reason}`, queueName: queueOf(accountId), priority: REFRESH_PRIORITY[reason], runAt, maxAttempts: 5 }
}

export const DISCOVER_JOB: TaskSpec = { jobKey: JOB.discover, jobKeyMode: 'replace', maxAttempts: 3 }
