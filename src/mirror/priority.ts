// Which mirrored domains reconciliation reads again, most urgent first: domains with an open task
// (their state moves), domains expiring soon, then the oldest data. Each class is due after its
// own age, so a quiet portfolio costs few calls.
import { Prisma } from '../generated/prisma/client.js'
import type { SyncContext } from './context.js'

export const OPEN_TASK_STATUSES = ['todo', 'doing', 'error', 'problem']
const EXPIRING_WITHIN_MS = 30 * 86_400_000

export async function domainsDue (ctx: SyncContext, limit: number): Promise<string[]> {
  const now = ctx.now().getTime()
  const { detailMaxAgeMs, activityIntervalMs } = ctx.config
  const oldBefore = new Date(now - detailMaxAgeMs)
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
     ORDER BY CASE WHEN ${openTask} THEN 0 WHEN d."expiresAt" < ${soon} THEN 1 ELSE 2 END, d."syncedAt", d.name
     LIMIT ${limit}`
  return rows.map(row => row.name)
}
