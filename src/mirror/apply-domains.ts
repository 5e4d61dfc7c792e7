// Applies a batch read of domains (GET /domain/{a,b,...}) to the mirror in one transaction: each
// row updated with OVH's object and its columns, the changes diffed against the stored row; a
// domain OVH no longer knows (404) is removed. Another per-domain error leaves the row for a later
// pass (its syncedAt moves so the pass goes on to the next ones). A row written after the read
// began (a write's outcome, write-outcome.ts) is newer than the read and is left as it is.
import type { BatchResult } from '../ovh/index.js'
import type { MirrorDomain } from '../generated/prisma/client.js'
import { TX_OPTIONS } from './context.js'
import type { SyncContext } from './context.js'
import { diffDomain } from './diff.js'
import type { DomainChange } from './diff.js'
import { domainColumns, tldOf } from './ovh-shapes.js'
import type { OvhDomainService } from './ovh-shapes.js'

export interface AppliedDomains {
  read: number
  removed: number
  failed: number
  changes: DomainChange[]
}

/** `readAt`: when the read began; the rows' syncedAt (what they hold is OVH's state as of then). */
export async function applyDomainBatch (ctx: SyncContext, names: string[], results: BatchResult<OvhDomainService>, readAt: Date): Promise<AppliedDomains> {
  const { account } = ctx
  const now = readAt
  const applied: AppliedDomains = { read: 0, removed: 0, failed: 0, changes: [] }
  await ctx.db.$transaction(async tx => {
    // The rows are read under their lock: a write's outcome committed meanwhile is compared with,
    // not overwritten by a diff against the row as it was before (which would record it twice).
    await tx.$queryRaw`SELECT 1 FROM "MirrorDomain" WHERE "accountId" = ${account.id}::uuid AND name = ANY(${names}::text[]) ORDER BY name FOR UPDATE`
    const stored = new Map<string, MirrorDomain>((await tx.mirrorDomain.findMany({ where: { accountId: account.id, name: { in: names } } })).map(row => [row.name, row]))
    for (const name of names) {
      const item = results.get(name)
      if (item === undefined) continue
      const previous = stored.get(name)
      // Written after this read began (a write's outcome): this read is older than the row.
      if (previous !== undefined && previous.syncedAt > readAt) continue
      if (item.ok) {
        const columns = domainColumns(item.value)
        // A row only listed so far has nothing to compare with.
        applied.changes.push(...diffDomain(name, previous?.detail != null ? previous : null, columns))
        const data = { ...columns, detail: item.value as object, syncedAt: now }
        await tx.mirrorDomain.upsert({
          where: { accountId_name: { accountId: account.id, name } },
          create: { accountId: account.id, tenantId: account.tenantId, name, tld: tldOf(name), ...data },
          update: data
        })
        applied.read++
      } else if (item.error.status === 404) {
        if (previous !== undefined) {
          await tx.mirrorDomain.delete({ where: { accountId_name: { accountId: account.id, name } } })
          if (previous.detail != null) applied.changes.push({ kind: 'removed', domain: name })
          applied.removed++
        }
      } else if (previous !== undefined) {
        await tx.mirrorDomain.update({ where: { accountId_name: { accountId: account.id, name } }, data: { syncedAt: now } })
        applied.failed++
      }
    }
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
