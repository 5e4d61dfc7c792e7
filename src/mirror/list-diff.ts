// The list diff: GET /domain (one call) against the mirror's rows. New names become rows without
// detail (what the first sync, and later passes, read next); rows OVH no longer lists are deleted.
// The account's count of known domains and the time of the list are updated with them.
import { Prisma } from '../generated/prisma/client.js'
import { TX_OPTIONS } from './context.js'
import type { SyncContext } from './context.js'
import type { DomainChange } from './diff.js'
import { tldOf } from './ovh-shapes.js'

// A row listed but not read yet: its syncedAt is the epoch, older than any list.
export const NEVER = new Date(0)
export const ANALYZE_AFTER_ADDED = 1_000

export async function listDiff (ctx: SyncContext): Promise<{ added: number, removed: number, known: number }> {
  const { account } = ctx
  const listed = [...new Set((await ctx.client.get<string[]>('/domain')).map(name => name.toLowerCase()))]
  const tlds = listed.map(tldOf)
  const now = ctx.now()
  let added: string[] = []
  let removed: string[] = []
  // In SQL, the list one array parameter: at 100,000 domains, loading every stored name and
  // writing the new ones through Prisma's createMany (a query of 5,000 rows of objects) held over
  // 128 MB of heap at once and stopped the gateway (node --max-old-space-size=128, `npm run serve`).
  const updated = await ctx.db.$transaction(async tx => {
    added = (await tx.$queryRaw<Array<{ name: string }>>`
      INSERT INTO "MirrorDomain" ("accountId", "tenantId", "name", "tld", "nameServers", "syncedAt")
      SELECT ${account.id}::uuid, ${account.tenantId}::uuid, l.name, l.tld, '{}'::text[], ${NEVER}
        FROM unnest(${listed}::text[], ${tlds}::text[]) AS l(name, tld)
      ON CONFLICT ("accountId", "name") DO NOTHING
      RETURNING "name"`).map(row => row.name)
    removed = (await tx.$queryRaw<Array<{ name: string }>>`
      DELETE FROM "MirrorDomain" d
       WHERE d."accountId" = ${account.id}::uuid
         AND NOT EXISTS (SELECT 1 FROM unnest(${listed}::text[]) AS l(name) WHERE l.name = d.name)
      RETURNING d."name"`).map(row => row.name)
    // Before the first full sync every domain is new: no change to report.
    if (account.lastFullSyncAt !== null && (added.length > 0 || removed.length > 0)) {
      const changes: DomainChange[] = [...added.map(domain => ({ kind: 'created' as const, domain })), ...removed.map(domain => ({ kind: 'removed' as const, domain }))]
      await ctx.recordChanges(tx, account, changes)
    }
    const domainsSynced = await tx.mirrorDomain.count({ where: { accountId: account.id, detail: { not: Prisma.DbNull } } })
    return tx.mirrorAccount.update({ where: { id: account.id }, data: { domainsKnown: listed.length, domainsSynced, lastListAt: now } })
  }, TX_OPTIONS)
  ctx.account = updated
  // A list that added many rows (a first sync) leaves the planner's statistics behind until
  // autovacuum's next look: it then took the 100,000 rows still to read for a few and scanned
  // them all at each batch instead of walking the pending index (migration 20261207200000).
  if (added.length >= ANALYZE_AFTER_ADDED) await ctx.db.$executeRawUnsafe('ANALYZE "MirrorDomain"')
  if (added.length > 0 || removed.length > 0) ctx.log.info({ accountId: account.id, added: added.length, removed: removed.length, known: listed.length }, 'mirror: domain list diffed')
  return { added: added.length, removed: removed.length, known: listed.length }
}
