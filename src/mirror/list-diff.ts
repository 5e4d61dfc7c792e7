// The list diff: GET /domain (one call) against the mirror's rows. New names become rows without
// detail (what the first sync, and later passes, read next); rows OVH no longer lists are deleted.
// The account's count of known domains and the time of the list are updated with them.
import { Prisma } from '../generated/prisma/client.js'
import { TX_OPTIONS } from './context.js'
import type { SyncContext } from './context.js'
import { diffNames } from './diff.js'
import type { DomainChange } from './diff.js'
import { tldOf } from './ovh-shapes.js'

// A row listed but not read yet: its syncedAt is the epoch, older than any list.
export const NEVER = new Date(0)
// Rows written per statement, so a list of 100,000 names is a few statements, not one huge one.
const CHUNK = 5_000

export async function listDiff (ctx: SyncContext): Promise<{ added: number, removed: number, known: number }> {
  const { account } = ctx
  const listed = (await ctx.client.get<string[]>('/domain')).map(name => name.toLowerCase())
  const stored = await ctx.db.mirrorDomain.findMany({ where: { accountId: account.id }, select: { name: true } })
  const { added, removed } = diffNames(stored.map(row => row.name), listed)
  const now = ctx.now()
  // Before the first full sync every domain is new: no change to report.
  const changes: DomainChange[] = account.lastFullSyncAt === null
    ? []
    : [...added.map(domain => ({ kind: 'created' as const, domain })), ...removed.map(domain => ({ kind: 'removed' as const, domain }))]
  const updated = await ctx.db.$transaction(async tx => {
    for (let i = 0; i < added.length; i += CHUNK) {
      await tx.mirrorDomain.createMany({
        data: added.slice(i, i + CHUNK).map(name => ({ accountId: account.id, tenantId: account.tenantId, name, tld: tldOf(name), syncedAt: NEVER })),
        skipDuplicates: true
      })
    }
    for (let i = 0; i < removed.length; i += CHUNK) {
      await tx.mirrorDomain.deleteMany({ where: { accountId: account.id, name: { in: removed.slice(i, i + CHUNK) } } })
    }
    if (changes.length > 0) await ctx.recordChanges(tx, account, changes)
    const domainsSynced = await tx.mirrorDomain.count({ where: { accountId: account.id, detail: { not: Prisma.DbNull } } })
    return tx.mirrorAccount.update({ where: { id: account.id }, data: { domainsKnown: listed.length, domainsSynced, lastListAt: now } })
  }, TX_OPTIONS)
  ctx.account = updated
  if (added.length > 0 || removed.length > 0) ctx.log.info({ accountId: account.id, added: added.length, removed: removed.length, known: listed.length }, 'mirror: domain list diffed')
  return { added: added.length, removed: removed.length, known: listed.length }
}
