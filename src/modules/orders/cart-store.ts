// Carts made through the gateway (OvhCart): who owns each one. OVH lets anyone who knows a cart id
// read and fill it, so the gateway only lets a user reach the carts they created. Cart and order
// ids are OVH's and unique only within one OVH endpoint and account (ovh-scope.ts): every call
// names the endpoint, and the orders of other carts are only compared within the account.
import type { Db } from '../../db/client.js'
import type { OvhScope } from './ovh-scope-shape.js'

export interface OwnedCart {
  cartId: string
  expiresAt: Date
  checkedOutAt: Date | null
  orderId: bigint | null
}

export function createCartStore (db: Db) {
  const select = { cartId: true, expiresAt: true, checkedOutAt: true, orderId: true } as const
  return {
    async add (scope: OvhScope, tenantId: string, userId: string, cartId: string, expiresAt: Date): Promise<void> {
      await db.ovhCart.create({ data: { ovhEndpoint: scope.endpoint, ovhAccount: scope.account, tenantId, userId, cartId, expiresAt } })
    },

    find (endpoint: string, userId: string, cartId: string): Promise<OwnedCart | null> {
      return db.ovhCart.findFirst({ where: { ovhEndpoint: endpoint, userId, cartId }, select })
    },

    list (endpoint: string, userId: string): Promise<OwnedCart[]> {
      return db.ovhCart.findMany({ where: { ovhEndpoint: endpoint, userId }, select, orderBy: { createdAt: 'desc' } })
    },

    async update (endpoint: string, cartId: string, data: Partial<Pick<OwnedCart, 'expiresAt' | 'checkedOutAt' | 'orderId'>>): Promise<void> {
      await db.ovhCart.updateMany({ where: { ovhEndpoint: endpoint, cartId }, data })
    },

    /**
     * Which of `orderIds` (the account's, from GET /me/order) the gateway recorded as the order of
     * a cart other than `cartId` in the same endpoint and account, whichever tenant recorded it:
     * an OVH account's order list is one, whoever shares it. A cart recorded before accounts were
     * (ovhAccount null) counts for its own tenant on the endpoint, as it did then.
     */
    async ordersOfOtherCarts (scope: OvhScope, tenantId: string, cartId: string, orderIds: number[]): Promise<Set<number>> {
      if (orderIds.length === 0) return new Set()
      const rows = await db.ovhCart.findMany({
        where: {
          ovhEndpoint: scope.endpoint,
          orderId: { in: orderIds.map(BigInt) },
          cartId: { not: cartId },
          OR: [{ ovhAccount: scope.account }, { ovhAccount: null, tenantId }]
        },
        select: { orderId: true }
      })
      return new Set(rows.map(row => Number(row.orderId)))
    },

    async remove (endpoint: string, cartId: string): Promise<void> {
      await db.ovhCart.deleteMany({ where: { ovhEndpoint: endpoint, cartId } })
    }
  }
}

export type CartStore = ReturnType<typeof createCartStore>
