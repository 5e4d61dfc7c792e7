// Applies a batch read of domains (GET /domain/{a,b,...}) to the mirror in one transaction: each
// row updated with OVH's object and its columns, the changes diffed against the stored row; a
// domain OVH no longer knows (404) is removed. Another per-domain error leaves the row for a later
// pass (its syncedAt moves so the pass goes on to the next ones). A row written after the read
// began (a write's outcome, write-outcome.ts) is newer than the read and is left as it is.
import { Prisma } from '../generated/prisma/client.js'
import type { BatchResult } from '../ovh/index.js'
import { TX_OPTIONS } from './context.js'
import type { SyncContext } from './context.js'
import { diffDomain } from './diff.js'
import type { DomainChange, DomainColumns } from './diff.js'
import { domainColumns, tldOf } from './ovh-shapes.js'
import type { OvhDomainService } from './ovh-shapes.js'

export interface AppliedDomains {
  read: number
  removed: number
  failed: number
  changes: DomainChange[]
}

// What the diff compares, and whether the row was ever read (a row only listed has no detail).
type StoredDomain = DomainColumns & { name: string, syncedAt: Date, hasDetail: boolean }

/**
 * `readAt`: when the read began; the rows' syncedAt (what they hold is OVH's state as of then).
 * A constant number of statements per batch (lock and read, one upsert, one delete, one update):
 * a statement per domain (Prisma's upsert) made 50 round trips to PostgreSQL a batch.
 */
export async function applyDomainBatch (ctx: SyncContext, names: string[], results: BatchResult<OvhDomainService>, readAt: Date): Promise<AppliedDomains> {
  const { account } = ctx
  const at = readAt.toISOString()
  const applied: AppliedDomains = { read: 0, removed: 0, failed: 0, changes: [] }
  await ctx.db.$transaction(async tx => {
    // The rows are read under their lock: a write's outcome committed meanwhile is compared with,
    // not overwritten by a diff against the row as it was before (which would record it twice).
    // The compared columns only: OVH's object (detail) is not read back.
    const stored = new Map((await tx.$queryRaw<StoredDomain[]>`
      SELECT name, "syncedAt", detail IS NOT NULL AS "hasDetail", state, "expiresAt", "renewalState", "transferLock", "nameServers", "ownerContactId"
        FROM "MirrorDomain" WHERE "accountId" = ${account.id}::uuid AND name = ANY(${names}::text[]) ORDER BY name FOR UPDATE`).map(row => [row.name, row]))
    const upserts: Prisma.Sql[] = []
    const removed: string[] = []
    const failed: string[] = []
    for (const name of names) {
      const item = results.get(name)
      if (item === undefined) continue
      const previous = stored.get(name)
      // Written after this read began (a write's outcome): this read is older than the row.
      if (previous !== undefined && previous.syncedAt > readAt) continue
      if (item.ok) {
        const c = domainColumns(item.value)
        // A row only listed so far has nothing to compare with.
        applied.changes.push(...diffDomain(name, previous?.hasDetail === true ? previous : null, c))
        upserts.push(Prisma.sql`(${account.id}::uuid, ${name}, ${account.tenantId}::uuid, ${tldOf(name)}, ${c.serviceId === null ? null : c.serviceId.toString()}::bigint,
          ${c.state}, ${c.expiresAt?.toISOString() ?? null}::timestamp, ${c.renewalState}, ${c.transferLock}, ${c.nameServerType},
          ${c.nameServers}::text[], ${c.ownerContactId}, ${JSON.stringify(item.value)}::jsonb, ${at}::timestamp)`)
        applied.read++
      } else if (item.error.status === 404) {
        if (previous !== undefined) {
          removed.push(name)
          if (previous.hasDetail) applied.changes.push({ kind: 'removed', domain: name })
          applied.removed++
        }
      } else if (previous !== undefined) {
        failed.push(name)
        applied.failed++
      }
    }
    if (upserts.length > 0) {
      await tx.$executeRaw`
        INSERT INTO "MirrorDomain" ("accountId", "name", "tenantId", "tld", "serviceId", "state", "expiresAt", "renewalState",
          "transferLock", "nameServerType", "nameServers", "ownerContactId", "detail", "syncedAt")
        VALUES ${Prisma.join(upserts)}
        ON CONFLICT ("accountId", "name") DO UPDATE SET
          "serviceId" = EXCLUDED."serviceId", "state" = EXCLUDED."state", "expiresAt" = EXCLUDED."expiresAt",
          "renewalState" = EXCLUDED."renewalState", "transferLock" = EXCLUDED."transferLock", "nameServerType" = EXCLUDED."nameServerType",
          "nameServers" = EXCLUDED."nameServers", "ownerContactId" = EXCLUDED."ownerContactId", "detail" = EXCLUDED."detail",
          "syncedAt" = EXCLUDED."syncedAt"`
    }
    if (removed.length > 0) await tx.$executeRaw`DELETE FROM "MirrorDomain" WHERE "accountId" = ${account.id}::uuid AND name = ANY(${removed}::text[])`
    if (failed.length > 0) await tx.$executeRaw`UPDATE "MirrorDomain" SET "syncedAt" = ${at}::timestamp WHERE "accountId" = ${account.id}::uuid AND name = ANY(${failed}::text[])`
    if (applied.changes.length > 0) await ctx.recordChanges(tx, account, applied.changes)
  }, TX_OPTIONS)
  if (applied.failed > 0) ctx.log.warn({ accountId: account.id, failed: applied.failed }, 'mirror: some domains could not be read; tried again at the next pass')
  return applied
}

/** Reads these domains (at most 50: one batch call) and applies them. */
export async function refreshDomains (ctx: SyncContext, names: string[]): Promise<AppliedDomains> {
  const readAt = ctx.now()
  const results = await ctx.client.getBatch<OvhDomainService>('/domain/{serviceName}', names)
  return applyDomainBatch(ctx, names, results, readAt)
}
