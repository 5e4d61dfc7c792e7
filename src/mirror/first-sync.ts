// Reading the details of listed domains not read yet (the first sync, and domains the list diff
// found since), 50 per batch call. Progress is the rows themselves: a row with a detail is done,
// so a worker stopped mid-way resumes with the rows still without one.
import { Prisma } from '../generated/prisma/client.js'
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import { checkInterrupted } from './context.js'
import type { SyncContext } from './context.js'
import { refreshDomains } from './apply-domains.js'
import { recordBatchPace } from './detail-pass.js'

const DETAIL_MISSING = { detail: { equals: Prisma.DbNull } }

/** Listed rows still to read in this pass (a row that failed this pass waits for the next list). */
function pendingWhere (ctx: SyncContext) {
  return { accountId: ctx.account.id, ...DETAIL_MISSING, syncedAt: { lt: ctx.account.lastListAt ?? new Date(0) } }
}

export async function pendingDetails (ctx: SyncContext): Promise<number> {
  return ctx.db.mirrorDomain.count({ where: pendingWhere(ctx) })
}

/** Reads batches until none is left (or the budget share, the run's bound, or a stop ends it). */
export async function readPendingDetails (ctx: SyncContext): Promise<void> {
  for (let started = performance.now(); ; started = performance.now()) {
    checkInterrupted(ctx)
    const rows = await ctx.db.mirrorDomain.findMany({ where: pendingWhere(ctx), select: { name: true }, orderBy: { name: 'asc' }, take: MAX_BATCH_CHUNK })
    if (rows.length === 0) return
    const applied = await refreshDomains(ctx, rows.map(row => row.name))
    // Rows without details that now have them; the list diff counts them all again (a count here
    // read every row of the account at each batch: O(n^2) over a first sync).
    ctx.account = await ctx.db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { domainsSynced: { increment: applied.read } } })
    ctx.onProgress?.(ctx.account)
    // The first pass's pace is reconciliation's first estimate of a pass (detail-pass.ts).
    if (rows.length === MAX_BATCH_CHUNK) recordBatchPace(ctx.account.id, performance.now() - started)
  }
}
