// The domains' billing services (GET /services/{id}, batched): creation date and renewal period,
// which domain.DomainService lacks. Filled after the first pass (not needed for "first sync
// complete"), then kept as old as domain details at most.
import { Prisma } from '../generated/prisma/client.js'
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import type { SyncContext } from './context.js'
import { dateOrNull, periodMonths } from './ovh-shapes.js'
import type { OvhExpandedService } from './ovh-shapes.js'

/** Reads one batch of services due; answers whether there was any. */
export async function refreshServices (ctx: SyncContext): Promise<boolean> {
  const before = new Date(ctx.now().getTime() - ctx.config.detailMaxAgeMs)
  const rows = await ctx.db.mirrorDomain.findMany({
    where: { accountId: ctx.account.id, serviceId: { not: null }, OR: [{ serviceSyncedAt: null }, { serviceSyncedAt: { lt: before } }] },
    select: { name: true, serviceId: true },
    orderBy: [{ serviceSyncedAt: { sort: 'asc', nulls: 'first' } }, { name: 'asc' }],
    take: MAX_BATCH_CHUNK
  })
  if (rows.length === 0) return false
  const ids = rows.map(row => String(row.serviceId))
  const results = await ctx.client.getBatch<OvhExpandedService>('/services/{serviceId}', ids)
  const at = ctx.now().toISOString()
  // One statement for the batch (a statement per row made 50 round trips to PostgreSQL a batch).
  // A service not readable now is tried again after the usual age, not at every run: only its
  // serviceSyncedAt moves (service IS NULL below keeps its old copy).
  const values = rows.map(row => {
    const item = results.get(String(row.serviceId))
    if (!item?.ok) return Prisma.sql`(${row.name}, NULL::jsonb, NULL::timestamp, NULL::int, false)`
    const billing = item.value.billing
    return Prisma.sql`(${row.name}, ${JSON.stringify(item.value)}::jsonb, ${dateOrNull(billing?.lifecycle?.current?.creationDate)?.toISOString() ?? null}::timestamp,
      ${periodMonths(billing?.renew?.current?.period)}::int, true)`
  })
  await ctx.db.$executeRaw`
    UPDATE "MirrorDomain" d SET
      "service" = CASE WHEN v.ok THEN v.service ELSE d."service" END,
      "creationDate" = CASE WHEN v.ok THEN v."creationDate" ELSE d."creationDate" END,
      "renewalPeriod" = CASE WHEN v.ok THEN v."renewalPeriod" ELSE d."renewalPeriod" END,
      "serviceSyncedAt" = ${at}::timestamp
      FROM (VALUES ${Prisma.join(values)}) AS v(name, service, "creationDate", "renewalPeriod", ok)
     WHERE d."accountId" = ${ctx.account.id}::uuid AND d.name = v.name`
  return true
}
