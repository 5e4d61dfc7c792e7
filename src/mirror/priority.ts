// Which mirrored domains reconciliation reads again, most urgent first: domains with an open task
// (their state moves), then those about to pass MIRROR_DETAIL_MAX_AGE (due one full pass before it,
// detail-pass.ts), oldest first, then domains expiring soon (read more often while there is room).
// Each class is due after its own age, so a quiet portfolio costs few calls.
import { Prisma } from '../generated/prisma/client.js'
import type { SyncContext } from './context.js'
import { passMs, refreshAgeMs } from './detail-pass.js'

export const OPEN_TASK_STATUSES = ['todo', 'doing', 'error', 'problem']
const EXPIRING_WITHIN_MS = 30 * 86_400_000

/** The age at which this account's domains are read again (the portfolio's size sets the lead). */
export function refreshAgeOf (ctx: SyncContext): number {
  return refreshAgeMs(ctx.config.detailMaxAgeMs, passMs(ctx.account.id, ctx.account.domainsKnown, ctx.pace))
}

export async function domainsDue (ctx: SyncContext, limit: number): Promise<string[]> {
  const now = ctx.now().getTime()
  const { detailMaxAgeMs, activityIntervalMs } = ctx.config
  const oldBefore = new Date(now - refreshAgeOf(ctx))
  const expiringBefore = new Date(now - detailMaxAgeMs / 4)
  const activeBefore = new Date(now - activityIntervalMs)
  const soon = new Date(now + EXPIRING_WITHIN_MS)
  const openTask = Prisma.sql`EXISTS (SELECT 1 FROM "MirrorTask" t WHERE t."accountId" = d."accountId" AND t.domain = d.name AND t.status IN (${Prisma.join(OPEN_TASK_STATUSES)}))`
  const rows = await ctx.db.$queryRaw<Array<{ name: string }>>`
    SELECT d.name FROM "MirrorDomain" d
     WHERE d."accountId" = ${ctx.account.id}::uuid AND d.detail IS NOT NULL
       AND (d."syncedAt" < ${oldBefore}
         OR (d."expiresAt" < ${soon} AND d."syncedAt" < ${expiringBefore})
         OR (d."syncedAt" < ${activeBefore} AND ${openTask}))
     ORDER BY CASE WHEN ${openTask} THEN 0 WHEN d."syncedAt" < ${oldBefore} THEN 1 ELSE 2 END, d."syncedAt", d.name
     LIMIT ${limit}`
  return rows.map(row => row.name)
}

/**
 * When the next domain falls due (its details by age or expiry, its billing service), once none
 * is: the next run starts then rather than at the idle cadence, which could add up to a minute.
 */
export async function nextDueAt (ctx: SyncContext): Promise<Date | undefined> {
  const now = ctx.now().getTime()
  const { detailMaxAgeMs } = ctx.config
  const soon = new Date(now + EXPIRING_WITHIN_MS)
  const [row] = await ctx.db.$queryRaw<Array<{ detail: Date | null, expiring: Date | null, service: Date | null }>>`
    SELECT (SELECT min(d."syncedAt") FROM "MirrorDomain" d WHERE d."accountId" = ${ctx.account.id}::uuid AND d.detail IS NOT NULL) AS detail,
           (SELECT min(d."syncedAt") FROM "MirrorDomain" d WHERE d."accountId" = ${ctx.account.id}::uuid AND d.detail IS NOT NULL AND d."expiresAt" < ${soon}) AS expiring,
           (SELECT min(d."serviceSyncedAt") FROM "MirrorDomain" d WHERE d."accountId" = ${ctx.account.id}::uuid AND d."serviceId" IS NOT NULL) AS service`
  const candidates = [
    row?.detail ? row.detail.getTime() + refreshAgeOf(ctx) : Infinity,
    row?.expiring ? row.expiring.getTime() + detailMaxAgeMs / 4 : Infinity,
    row?.service ? row.service.getTime() + detailMaxAgeMs : Infinity
  ]
  const next = Math.min(...candidates)
  return Number.isFinite(next) ? new Date(Math.max(now, next)) : undefined
}
