// The shared shape of the activity syncs (tasks, orders, contact changes): one batch read's objects
// applied in one transaction, each diffed against its row and stored, with the changes recorded as
// events in that same transaction; and the list's due ids read newest first, in batches.
import { MAX_BATCH_CHUNK } from '../ovh/index.js'
import type { BatchResult } from '../ovh/index.js'
import { checkInterrupted, TX_OPTIONS } from './context.js'
import type { SyncContext, Tx } from './context.js'
import type { MirrorChange } from './diff.js'

/** Applies each object read (`apply` diffs and stores one); ids OVH did not answer are left as they are. */
export async function applyObjects<T, C extends MirrorChange> (
  ctx: SyncContext,
  ids: readonly string[],
  results: BatchResult<T>,
  apply: (tx: Tx, id: string, value: T) => Promise<C[]>
): Promise<C[]> {
  const changes: C[] = []
  await ctx.db.$transaction(async tx => {
    for (const id of ids) {
      const item = results.get(id)
      if (!item?.ok) continue
      changes.push(...await apply(tx, id, item.value))
    }
    if (changes.length > 0) await ctx.recordChanges(tx, ctx.account, changes)
  }, TX_OPTIONS)
  return changes
}

/** Reads the due ids, newest first, at most `maxBatches` batches; `more` when some are left. */
export async function readDueInBatches (
  ctx: SyncContext,
  due: readonly string[],
  maxBatches: number,
  refresh: (ids: string[]) => Promise<unknown>
): Promise<{ more: boolean }> {
  const ordered = [...due].sort((a, b) => Number(b) - Number(a))
  for (let batch = 0; batch < maxBatches && batch * MAX_BATCH_CHUNK < ordered.length; batch++) {
    checkInterrupted(ctx)
    await refresh(ordered.slice(batch * MAX_BATCH_CHUNK, (batch + 1) * MAX_BATCH_CHUNK))
  }
  return { more: ordered.length > maxBatches * MAX_BATCH_CHUNK }
}
