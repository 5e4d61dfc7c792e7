// The owner contacts of mirrored domains (whoisOwner), batched reads of GET /me/contact/{id}:
// those never read, then those older than the details' age.
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import { TX_OPTIONS } from './context.js'
import type { SyncContext } from './context.js'

/** Reads one batch of owner contacts due; answers whether there was any. */
export async function refreshContacts (ctx: SyncContext): Promise<boolean> {
  const before = new Date(ctx.now().getTime() - ctx.config.detailMaxAgeMs)
  const rows = await ctx.db.$queryRaw<Array<{ id: string }>>`
    SELECT DISTINCT d."ownerContactId" AS id, c."syncedAt"
      FROM "MirrorDomain" d
      LEFT JOIN "MirrorContact" c ON c."accountId" = d."accountId" AND c.id = d."ownerContactId"
     WHERE d."accountId" = ${ctx.account.id}::uuid AND d."ownerContactId" IS NOT NULL
       AND (c.id IS NULL OR c."syncedAt" < ${before})
     ORDER BY c."syncedAt" NULLS FIRST, d."ownerContactId"
     LIMIT ${MAX_BATCH_CHUNK}`
  if (rows.length === 0) return false
  const results = await ctx.client.getBatch<object>('/me/contact/{contactId}', rows.map(row => row.id))
  const now = ctx.now()
  await ctx.db.$transaction(async tx => {
    for (const { id } of rows) {
      const item = results.get(id)
      // A contact OVH will not show now keeps its old copy (or none) until the next pass.
      const detail = item?.ok ? item.value : { unavailable: true }
      await tx.mirrorContact.upsert({
        where: { accountId_id: { accountId: ctx.account.id, id } },
        create: { accountId: ctx.account.id, tenantId: ctx.account.tenantId, id, detail, syncedAt: now },
        update: item?.ok ? { detail, syncedAt: now } : { syncedAt: now }
      })
    }
  }, TX_OPTIONS)
  return true
}
