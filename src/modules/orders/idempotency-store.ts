// Idempotency records (IdempotencyRecord): claimed with a unique insert before OVH is called, so
// two requests with one key cannot both run; then moved to succeeded / failed / unknown. Each
// attempt is numbered (`attempts`): an attempt writes its progress and outcome only while the
// record is still its own, so an attempt taken over by another process can no longer mark it.
import type { Db } from '../../db/client.js'
import type { IdempotencyRecord, IdempotencyState, Prisma } from '../../generated/prisma/client.js'
import type { OvhScope } from './ovh-scope-shape.js'

export type { IdempotencyRecord }

export interface ClaimInput {
  tenantId: string
  userId: string
  key: string
  operation: string
  fingerprint: string
  scope: OvhScope
}

/** The record is no longer the attempt's: another process took the key over. */
export class AttemptSuperseded extends Error {
  constructor () {
    super('another attempt took this idempotency key over')
    this.name = 'AttemptSuperseded'
  }
}

export function createIdempotencyStore (db: Db) {
  // Writes of attempt `attempt` of record `id`, only while it is still that attempt.
  async function fenced (id: string, attempt: number, data: Prisma.IdempotencyRecordUpdateManyMutationInput): Promise<void> {
    const { count } = await db.idempotencyRecord.updateMany({ where: { id, attempts: attempt }, data })
    if (count !== 1) throw new AttemptSuperseded()
  }

  return {
    /** Inserts a pending record; `claimed` is false when the key already had one (returned as is). */
    async claim (input: ClaimInput): Promise<{ claimed: boolean, record: IdempotencyRecord }> {
      const { scope, ...fields } = input
      // INSERT ... ON CONFLICT DO NOTHING: of concurrent requests with one key, exactly one inserts.
      const { count } = await db.idempotencyRecord.createMany({
        data: [{ ...fields, ovhEndpoint: scope.endpoint, ovhAccount: scope.account, state: 'pending' }],
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
     * still as `expected` saw it: of concurrent retries, one wins. Answers the new attempt's
     * number, or null when another retry won.
     */
    async reclaim (expected: IdempotencyRecord): Promise<number | null> {
      const { count } = await db.idempotencyRecord.updateMany({
        where: { id: expected.id, state: expected.state, updatedAt: expected.updatedAt, attempts: expected.attempts },
        data: { state: 'pending', attempts: { increment: 1 } }
      })
      return count === 1 ? expected.attempts + 1 : null
    },

    async progress (id: string, attempt: number, progress: Prisma.InputJsonValue): Promise<void> {
      await fenced(id, attempt, { progress })
    },

    async finish (id: string, attempt: number, state: Exclude<IdempotencyState, 'pending'>, outcome: { response?: Prisma.InputJsonValue, error?: Prisma.InputJsonValue }): Promise<void> {
      await fenced(id, attempt, { state, ...outcome })
    }
  }
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>
