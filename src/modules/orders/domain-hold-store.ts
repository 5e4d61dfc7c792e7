// Domains held by an open order (DomainHold), one row per tenant and domain: the primary key makes
// taking a hold race-free across requests and gateway instances (INSERT ... ON CONFLICT DO NOTHING,
// one inserts). The rules around it (who waits, when a hold is released) are domain-holds.ts's.
import type { Db } from '../../db/client.js'
import type { DomainHold } from '../../generated/prisma/client.js'
import type { OvhScope } from './ovh-scope-shape.js'

export type { DomainHold }

export interface HoldInput {
  tenantId: string
  domain: string
  key: string
  operation: string
  scope: OvhScope
}

export function createDomainHoldStore (db: Db) {
  return {
    /** Holds `domain` for `key` unless it is held already; answers the holder either way. */
    async take (input: HoldInput): Promise<{ taken: boolean, holder: DomainHold | null }> {
      const { count } = await db.domainHold.createMany({
        data: [{ tenantId: input.tenantId, domain: input.domain, key: input.key, operation: input.operation, ovhEndpoint: input.scope.endpoint, ovhAccount: input.scope.account }],
        skipDuplicates: true
      })
      // null: released between the insert and this read; the caller asks again.
      const holder = await db.domainHold.findUnique({ where: { tenantId_domain: { tenantId: input.tenantId, domain: input.domain } } })
      return { taken: count === 1, holder }
    },

    find (tenantId: string, domain: string): Promise<DomainHold | null> {
      return db.domainHold.findUnique({ where: { tenantId_domain: { tenantId, domain } } })
    },

    /** The order the key's checkout made, on every domain the key holds. */
    async setOrder (tenantId: string, key: string, orderId: number): Promise<void> {
      await db.domainHold.updateMany({ where: { tenantId, key }, data: { orderId: BigInt(orderId) } })
    },

    /** Releases what the key holds (its attempt ordered nothing). */
    async releaseKey (tenantId: string, key: string): Promise<void> {
      await db.domainHold.deleteMany({ where: { tenantId, key } })
    },

    /**
     * Releases a hold found over (its order delivered, cancelled...), only if it is still the one
     * that was judged: a hold taken again meanwhile, or given its order id since, stays.
     */
    async releaseIfUnchanged (hold: DomainHold): Promise<boolean> {
      const { count } = await db.domainHold.deleteMany({ where: { tenantId: hold.tenantId, domain: hold.domain, key: hold.key, updatedAt: hold.updatedAt } })
      return count === 1
    }
  }
}

export type DomainHoldStore = ReturnType<typeof createDomainHoldStore>
