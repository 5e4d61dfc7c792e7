// Idempotency records (IdempotencyRecord): claimed with a unique insert before OVH is called, so
// two requests with one key cannot both run; then moved to succeeded / failed / unknown.
import type { Db } from '../../db/client.js'
import type { IdempotencyRecord, IdempotencyState, Prisma } from '../../generated/prisma/client.js'

export type { IdempotencyRecord }

export interface ClaimInput {
  tenantId: string
  userId: string
  key: string
  operation: string
  fingerprint: string
}

export function createIdempotencyStore (db: Db) {
  return {
    /** Inserts a pending record; `claimed` is false when the key already had one (returned as is). */
    async claim (input: ClaimInput): Promise<{ claimed: boolean, record: IdempotencyRecord }> {
      // INSERT ... ON CONFLICT DO NOTHING: of concurrent requests with one key, exactly one inserts.
      const { count } = await db.idempotencyRecord.createMany({
        data: [{ ...input, state: 'pending' }],
        skipDuplicates: true
      })
      const record = await db.idempotencyRecord.findUniqueOrThrow({ where: { tenantId_key: { tenantId: input.tenantId, key: input.key } } })
      return { claimed: count === 1, record }
    },

    findByKey (tenantId: string, key: string): Promise<IdempotencyRecord | null> {
      return db.idempotencyRecord.findUnique({ where: { tenantId_key: { tenantId, key } } })
    },

    find (id: string): Promise<IdempotencyRecord | null> {
      return db.idempotencyRecord.findUnique({ where: { id } })
    },

    /**
     * Takes a finished or abandoned record back to pending (a retry runs it again), only if it is
     * still as `expected` saw it: of concurrent retries, one wins.
     */
    async reclaim (expected: IdempotencyRecord): Promise<boolean> {
      const { count } = await db.idempotencyRecord.updateMany({
        where: { id: expected.id, state: expected.state, updatedAt: expected.updatedAt },
        data: { state: 'pending', attempts: { increment: 1 } }
      })
      return count === 1
    },

    async progress (id: string, progress: Prisma.InputJsonValue): Promise<void> {
      await db.idempotencyRecord.update({ where: { id }, data: { progress } })
    },

    async finish (id: string, state: Exclude<IdempotencyState, 'pending'>, outcome: { response?: Prisma.InputJsonValue, error?: Prisma.InputJsonValue }): Promise<void> {
      await db.idempotencyRecord.update({ where: { id }, data: { state, ...outcome } })
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
