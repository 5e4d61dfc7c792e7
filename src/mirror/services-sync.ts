// The domains' billing services (GET /services/{id}, batched): creation date and renewal period,
// which domain.DomainService lacks. Filled after the first pass (not needed for "first sync
// complete"), then kept as old as domain details at most.
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import { TX_OPTIONS } from './context.js'
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
  const now = ctx.now()
  await ctx.db.$transaction(async tx => {
    for (const row of rows) {
      const item = results.get(String(row.serviceId))
      const where = { accountId_name: { accountId: ctx.account.id, name: row.name } }
      if (item?.ok) {
        const billing = item.value.billing
        await tx.mirrorDomain.update({
          where,
          data: {
            service: item.value as object,
            creationDate: dateOrNull(billing?.lifecycle?.current?.creationDate),
            renewalPeriod: periodMonths(billing?.renew?.current?.period),
            serviceSyncedAt: now
          }
        })
      } else {
        // Not readable now: tried again after the usual age, not at every run.
        await tx.mirrorDomain.update({ where, data: { serviceSyncedAt: now } })
      }
    }
  }, TX_OPTIONS)
  return true
}
