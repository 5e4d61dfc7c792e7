// The audit trail: every upstream call that changes something, and every denied attempt.
// Writes never fail the request they describe: a lost audit line is logged instead.
import type { Db } from '../db/client.js'
import type { AuditOutcome, Prisma } from '../generated/prisma/client.js'

export interface AuditRecord {
  tenantId: string
  userId?: string | null
  apiKeyId?: string | null
  requestId?: string | null
  operation: string
  outcome: AuditOutcome
  ovhMethod?: string
  ovhRoute?: string
  ovhStatus?: number
  ovhQueryId?: string
  durationMs?: number
  detail?: Prisma.InputJsonValue
}

interface WarnLogger { warn (obj: object, msg: string): void }

export function createAuditLog (db: Db) {
  return {
    async record (entry: AuditRecord, log?: WarnLogger): Promise<void> {
      try {
        await db.auditEntry.create({ data: { ...entry, durationMs: entry.durationMs === undefined ? undefined : Math.round(entry.durationMs) } })
      } catch (err) {
        log?.warn({ err, operation: entry.operation }, 'audit entry could not be written')
      }
    },

    list (tenantId: string, options: { limit?: number, userId?: string } = {}) {
      return db.auditEntry.findMany({
        where: { tenantId, ...(options.userId ? { userId: options.userId } : {}) },
        orderBy: { id: 'desc' },
        take: Math.min(options.limit ?? 100, 1000)
      })
    }
  }
}

export type AuditLog = ReturnType<typeof createAuditLog>
