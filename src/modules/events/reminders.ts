// Reminders, recorded by a periodic job: domain.expiring when a mirrored domain's expiry comes
// within one of its tenant's thresholds (Tenant.expiryReminderDays, 30, 7 and 1 days by default),
// credential.expiring (7 and 1 days) and credential.expired for consumer keys. Each is recorded once
// per subject, date and threshold (Event.dedupeKey), however often the job runs.
import type { Db } from '../../db/client.js'
import { writeEvents } from './store.js'
import type { NewEvent } from './types.js'

const DAY_MS = 86_400_000
const CREDENTIAL_THRESHOLDS = [7, 1]
// Rows read per query: the job's memory stays flat whatever the portfolio's size.
const CHUNK = 1000

/** The smallest threshold the remaining time is within, or null (none yet, or already past). */
export function crossedThreshold (thresholds: readonly number[], expiresAt: Date, now: Date): number | null {
  const left = expiresAt.getTime() - now.getTime()
  if (left <= 0) return null
  const crossed = thresholds.filter(days => left <= days * DAY_MS)
  return crossed.length === 0 ? null : Math.min(...crossed)
}

interface ExpiringDomain {
  accountId: string
  tenantId: string
  name: string
  expiresAt: Date
  thresholds: number[]
}

export async function recordDomainReminders (db: Db, now = new Date()): Promise<number> {
  let recorded = 0
  let after = { accountId: '00000000-0000-0000-0000-000000000000', name: '' }
  for (;;) {
    const rows = await db.$queryRaw<ExpiringDomain[]>`
      SELECT d."accountId"::text AS "accountId", d."tenantId"::text AS "tenantId", d.name, d."expiresAt", t."expiryReminderDays" AS thresholds
        FROM "MirrorDomain" d JOIN "Tenant" t ON t.id = d."tenantId"
       WHERE d."expiresAt" > ${now}
         AND d."expiresAt" <= ${now}::timestamp + make_interval(days => COALESCE((SELECT max(x) FROM unnest(t."expiryReminderDays") x), 0))
         AND (d."accountId", d.name) > (${after.accountId}::uuid, ${after.name})
       ORDER BY d."accountId", d.name
       LIMIT ${CHUNK}`
    if (rows.length === 0) return recorded
    const events: NewEvent[] = []
    for (const row of rows) {
      const days = crossedThreshold(row.thresholds, row.expiresAt, now)
      if (days === null) continue
      const expiry = row.expiresAt.toISOString()
      events.push({
        tenantId: row.tenantId,
        type: 'domain.expiring',
        subject: row.name,
        domain: row.name,
        data: { expiresAt: expiry, daysLeft: Math.ceil((row.expiresAt.getTime() - now.getTime()) / DAY_MS), threshold: days },
        cause: { kind: 'schedule' },
        dedupeKey: `domain.expiring:${row.accountId}:${row.name}:${expiry}:${days}`
      })
    }
    await writeEvents(db, events)
    recorded += events.length
    const last = rows[rows.length - 1]
    after = { accountId: last.accountId, name: last.name }
  }
}

export async function recordCredentialReminders (db: Db, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + Math.max(...CREDENTIAL_THRESHOLDS) * DAY_MS)
  // Validated keys only: a key replaced or revoked is no longer anyone's concern.
  const credentials = await db.ovhCredential.findMany({
    where: { state: 'validated', expiresAt: { not: null, lte: horizon } },
    select: { id: true, tenantId: true, userId: true, purpose: true, expiresAt: true },
    take: 10_000
  })
  const events: NewEvent[] = credentials.flatMap((credential): NewEvent[] => {
    const expiresAt = credential.expiresAt!
    const data = { userId: credential.userId, purpose: credential.purpose, expiresAt: expiresAt.toISOString() }
    if (expiresAt <= now) {
      return [{ tenantId: credential.tenantId, type: 'credential.expired', subject: credential.id, data, cause: { kind: 'schedule' }, dedupeKey: `credential.expired:${credential.id}:${expiresAt.toISOString()}` }]
    }
    const days = crossedThreshold(CREDENTIAL_THRESHOLDS, expiresAt, now)
    if (days === null) return []
    return [{ tenantId: credential.tenantId, type: 'credential.expiring', subject: credential.id, data: { ...data, threshold: days }, cause: { kind: 'schedule' }, dedupeKey: `credential.expiring:${credential.id}:${expiresAt.toISOString()}:${days}` }]
  })
  await writeEvents(db, events)
  return events.length
}
