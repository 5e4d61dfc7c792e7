// The domains of an account: the first full sync (the list, then batch reads of 50), then
// reconciliation (the list diff every MIRROR_LIST_INTERVAL, domains due by priority, their
// services and owner contacts). Each step's progress is in the database, so a run ended by the
// budget share, its bound or a stopping worker is resumed by the next one.
import { checkInterrupted } from './context.js'
import type { SyncContext } from './context.js'
import { ANALYZE_AFTER_ADDED, listDiff } from './list-diff.js'
import { pendingDetails, readPendingDetails } from './first-sync.js'
import { domainsDue, nextDueAt } from './priority.js'
import { passMs, recordBatchPace } from './detail-pass.js'
import { refreshDomains } from './apply-domains.js'
import { refreshServices } from './services-sync.js'
import { refreshContacts } from './contacts-sync.js'
import { MAX_BATCH_CHUNK } from '../ovh/index.js'

function listDue (ctx: SyncContext): boolean {
  const last = ctx.account.lastListAt
  return last === null || ctx.now().getTime() - last.getTime() >= ctx.config.listIntervalMs
}

export async function syncAccountDomains (ctx: SyncContext): Promise<'done'> {
  const { db, log } = ctx
  if (ctx.account.state === 'pending' || (ctx.account.state === 'failed' && ctx.account.lastFullSyncAt === null)) {
    ctx.account = await db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { state: 'initial' } })
    log.info({ accountId: ctx.account.id, tenantId: ctx.account.tenantId, ovhAccount: ctx.account.ovhAccount }, 'mirror: first sync started')
  } else if (ctx.account.state === 'failed') {
    ctx.account = await db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { state: 'ready' } })
    log.info({ accountId: ctx.account.id }, 'mirror: sync resumed')
  }
  if (listDue(ctx)) await listDiff(ctx)
  await readPendingDetails(ctx)
  if (ctx.account.state === 'initial' && await pendingDetails(ctx) === 0) {
    const now = ctx.now()
    ctx.account = await db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { state: 'ready', lastFullSyncAt: now } })
    // The planner's statistics are the list's (ANALYZE after it): every row without details, state
    // or renewal mode. At 100,000 domains they sent `tld=fr, manual renew, by name` through every
    // row of the account (p50 487 ms) until the next ANALYZE, which autovacuum may be far from.
    if (ctx.account.domainsKnown >= ANALYZE_AFTER_ADDED) await db.$executeRawUnsafe('ANALYZE "MirrorDomain"')
    log.info({
      accountId: ctx.account.id,
      tenantId: ctx.account.tenantId,
      domains: ctx.account.domainsSynced,
      seconds: Math.round((now.getTime() - ctx.account.createdAt.getTime()) / 1000)
    }, 'mirror: first sync complete')
  } else if (ctx.account.state === 'ready' && ctx.account.lastFullSyncAt !== null && ctx.account.lastListAt !== null && ctx.account.lastListAt > ctx.account.lastFullSyncAt && await pendingDetails(ctx) === 0) {
    // A full pass: every listed domain read since the last list.
    ctx.account = await db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { lastFullSyncAt: ctx.now() } })
  }
  if (ctx.account.state !== 'ready') return 'done'
  // P, the pass this run's priorities lead by, for the status (the bound on an outside change).
  const pass = Math.round(passMs(ctx.account.id, ctx.account.domainsKnown, ctx.pace))
  if (ctx.account.detailPassMs !== pass) ctx.account = await db.mirrorAccount.update({ where: { id: ctx.account.id }, data: { detailPassMs: pass } })
  // The time from one full batch to the next is this process's pace (detail-pass.ts).
  let batchStarted = performance.now()
  for (let names = await domainsDue(ctx, MAX_BATCH_CHUNK); names.length > 0; names = await domainsDue(ctx, MAX_BATCH_CHUNK)) {
    checkInterrupted(ctx)
    await refreshDomains(ctx, names)
    const ended = performance.now()
    if (names.length === MAX_BATCH_CHUNK) recordBatchPace(ctx.account.id, ended - batchStarted)
    batchStarted = ended
  }
  // Between two batches a stopping worker ends the run (its work so far is kept), as in a pass.
  do checkInterrupted(ctx); while (await refreshServices(ctx))
  do checkInterrupted(ctx); while (await refreshContacts(ctx))
  ctx.nextRunAt = await nextDueAt(ctx)
  return 'done'
}
