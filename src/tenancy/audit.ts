// The audit trail: every upstream call that changes something, every denied attempt, and the
// changes of a tenant's own settings (price rules). Admins read it through src/modules/audit.
// Writes never fail the request they describe: a lost audit line is logged instead.
import type { Db } from '../db/client.js'
import type { AuditEntry, AuditOutcome, Prisma } from '../generated/prisma/client.js'

export interface AuditRecord {
  tenantId: string
  userId?: string | null
  apiKeyId?: string | null
  requestId?: string | null
  operation: string
  outcome: AuditOutcome
  ovhMethod?: string
  ovhRoute?: string
  ovhPath?: string
  ovhStatus?: number
  ovhQueryId?: string
  durationMs?: number
  detail?: Prisma.InputJsonValue
}

interface WarnLogger { warn (obj: object, msg: string): void }

export function createAuditLog (db: Db) {
  // Writes in flight: callers record beside their work without awaiting it (never failing it), so
  // whoever closes the database first waits for them (settle), or a short-lived process (the CLI)
  // would exit before its own entries are written.
  const pending = new Set<Promise<void>>()
  const write = async (entry: AuditRecord, log?: WarnLogger): Promise<void> => {
    try {
      await db.auditEntry.create({ data: { ...entry, durationMs: entry.durationMs === undefined ? undefined : Math.round(entry.durationMs) } })
    } catch (err) {
      log?.warn({ err, operation: entry.operation }, 'audit entry could not be written')
    }
  }
  return {
    async record (entry: AuditRecord, log?: WarnLogger): Promise<void> {
      const written = write(entry, log)
      pending.add(written)
      try {
        await written
      } finally {
        pending.delete(written)
      }
    },

    /** Resolves once every entry recorded so far is written (or has failed and been logged). */
    async settle (): Promise<void> {
      await Promise.all([...pending])
    },

    /**
     * One page of a tenant's trail, newest first: entries older than `beforeId` (the last id of
     * the previous page), `first` of them, with whether more follow and how many match in all.
     */
    async page (tenantId: string, query: AuditQuery): Promise<{ entries: AuditRow[], hasNextPage: boolean, totalCount: number }> {
      const where: Prisma.AuditEntryWhereInput = {
        tenantId,
        ...(query.userId === undefined ? {} : { userId: query.userId }),
        ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
        ...(query.since === undefined && query.until === undefined ? {} : { createdAt: { gte: query.since, lt: query.until } }),
        ...(query.domain === undefined ? {} : { OR: pathsNaming(query.domain) })
      }
      const [rows, totalCount] = await Promise.all([
        db.auditEntry.findMany({
          where: query.beforeId === undefined ? where : { AND: [where, { id: { lt: query.beforeId } }] },
          orderBy: { id: 'desc' },
          take: query.first + 1
        }),
        db.auditEntry.count({ where })
      ])
      const entries = rows.slice(0, query.first)
      // Entries keep plain ids (a trail outlives what it names): who they were is looked up here.
      const [users, apiKeys] = await Promise.all([
        db.user.findMany({ where: { tenantId, id: { in: idsOf(entries, 'userId') } }, select: { id: true, email: true, name: true, role: true } }),
        db.apiKey.findMany({ where: { tenantId, id: { in: idsOf(entries, 'apiKeyId') } }, select: { id: true, prefix: true } })
      ])
      const userById = new Map(users.map(user => [user.id, user]))
      const prefixById = new Map(apiKeys.map(key => [key.id, key.prefix]))
      return {
        entries: entries.map(entry => ({
          ...entry,
          user: entry.userId === null ? null : userById.get(entry.userId) ?? null,
          apiKeyPrefix: entry.apiKeyId === null ? null : prefixById.get(entry.apiKeyId) ?? null
        })),
        hasNextPage: rows.length > query.first,
        totalCount
      }
    }
  }
}

export interface AuditRow extends AuditEntry {
  user: { id: string, email: string, name: string | null, role: string } | null
  apiKeyPrefix: string | null
}

function idsOf (entries: AuditEntry[], field: 'userId' | 'apiKeyId'): string[] {
  return [...new Set(entries.map(entry => entry[field]).filter((id): id is string => id !== null))]
}

export interface AuditQuery {
  first: number
  beforeId?: bigint
  userId?: string
  outcome?: AuditOutcome
  // A domain (or DNS zone) name, already checked: entries whose OVH path names it.
  domain?: string
  since?: Date
  until?: Date
}

// OVH's routes name a domain as /domain/{serviceName}... and a zone as /domain/zone/{zoneName}...
function pathsNaming (name: string): Prisma.AuditEntryWhereInput[] {
  return [`/domain/${name}`, `/domain/zone/${name}`].flatMap(path => [{ ovhPath: path }, { ovhPath: { startsWith: `${path}/` } }])
}

export type AuditLog = ReturnType<typeof createAuditLog>
