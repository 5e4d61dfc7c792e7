// The account's contact-change requests: GET /me/task/contactChange (ids, one call), then batch
// reads of those the mirror does not have and of those not finished (their state moves until the
// contacts accept, refuse or let it expire). Finished ones are not read again.
import type { SyncContext } from './context.js'
import { applyObjects, readDueInBatches } from './apply-objects.js'
import { diffContactChange } from './diff.js'
import type { ContactChangeChange } from './diff.js'

// nichandle.changeContact.TaskStateEnum values a request does not leave.
const FINAL_STATES = new Set(['aborted', 'done', 'expired', 'refused'])

interface OvhContactChange {
  id: number
  state: string
  serviceDomain?: string | null
}

/** Reads these contact-change ids (at most 50) and applies them. */
export async function refreshContactChanges (ctx: SyncContext, ids: string[]): Promise<ContactChangeChange[]> {
  const { account } = ctx
  const results = await ctx.client.getBatch<OvhContactChange>('/me/task/contactChange/{id}', ids)
  const stored = new Map((await ctx.db.mirrorContactChange.findMany({ where: { accountId: account.id, id: { in: ids.map(BigInt) } }, select: { id: true, state: true } })).map(row => [String(row.id), row]))
  const now = ctx.now()
  return applyObjects(ctx, ids, results, async (tx, id, change) => {
    const domain = change.serviceDomain?.toLowerCase() ?? null
    const data = { domain, state: change.state, detail: change as object, syncedAt: now }
    await tx.mirrorContactChange.upsert({
      where: { accountId_id: { accountId: account.id, id: BigInt(id) } },
      create: { accountId: account.id, tenantId: account.tenantId, id: BigInt(id), ...data },
      update: data
    })
    return diffContactChange(stored.get(id) ?? null, { id, domain, state: change.state })
  })
}

/** The list, then every new or unfinished request, newest first, at most `maxBatches` batch calls. */
export async function syncContactChanges (ctx: SyncContext, maxBatches: number): Promise<{ more: boolean }> {
  const listed = (await ctx.client.get<number[]>('/me/task/contactChange')).map(String)
  const stored = new Map((await ctx.db.mirrorContactChange.findMany({ where: { accountId: ctx.account.id }, select: { id: true, state: true } })).map(row => [String(row.id), row.state]))
  const due = listed.filter(id => !stored.has(id) || !FINAL_STATES.has(stored.get(id)!))
  return readDueInBatches(ctx, due, maxBatches, ids => refreshContactChanges(ctx, ids))
}
