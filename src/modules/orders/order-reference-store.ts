// The tenant's own reference for each sale (OrderReference): set with an order the gateway places,
// read with orders, and searched. Order ids are OVH's, unique only per endpoint and account
// (ovh-scope.ts), so every read names both; a tenant reads its own references only.
import type { Db } from '../../db/client.js'
import type { OvhScope } from './ovh-scope-shape.js'

export function createOrderReferenceStore (db: Db) {
  return {
    /** Records (or, on a replay with the same key, keeps) the reference of an order. */
    async set (scope: OvhScope, tenantId: string, orderId: number, clientReference: string): Promise<void> {
      const id = { ovhEndpoint: scope.endpoint, ovhAccount: scope.account, orderId: BigInt(orderId) }
      await db.orderReference.upsert({ where: { ovhEndpoint_ovhAccount_orderId: id }, create: { ...id, tenantId, clientReference }, update: {} })
    },

    /** The references of these orders the tenant recorded, by order id. */
    async of (scope: OvhScope, tenantId: string, orderIds: number[]): Promise<Map<number, string>> {
      if (orderIds.length === 0) return new Map()
      const rows = await db.orderReference.findMany({
        where: { ovhEndpoint: scope.endpoint, ovhAccount: scope.account, tenantId, orderId: { in: orderIds.map(BigInt) } },
        select: { orderId: true, clientReference: true }
      })
      return new Map(rows.map(row => [Number(row.orderId), row.clientReference]))
    },

    /** The tenant's orders in this endpoint and account recorded with this reference. */
    async ordersWith (scope: OvhScope, tenantId: string, clientReference: string): Promise<Set<number>> {
      const rows = await db.orderReference.findMany({
        where: { ovhEndpoint: scope.endpoint, ovhAccount: scope.account, tenantId, clientReference },
        select: { orderId: true }
      })
      return new Set(rows.map(row => Number(row.orderId)))
    }
  }
}

export type OrderReferenceStore = ReturnType<typeof createOrderReferenceStore>
