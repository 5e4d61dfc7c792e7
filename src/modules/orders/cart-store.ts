// Carts made through the gateway (OvhCart): who owns each one. OVH lets anyone who knows a cart id
// read and fill it, so the gateway only lets a user reach the carts they created.
import type { Db } from '../../db/client.js'

export interface OwnedCart {
  cartId: string
  expiresAt: Date
  checkedOutAt: Date | null
  orderId: bigint | null
}

export function createCartStore (db: Db) {
  const select = { cartId: true, expiresAt: true, checkedOutAt: true, orderId: true } as const
  return {
    async add (tenantId: string, userId: string, cartId: string, expiresAt: Date): Promise<void> {
      await db.ovhCart.create({ data: { tenantId, userId, cartId, expiresAt } })
    },

    find (userId: string, cartId: string): Promise<OwnedCart | null> {
      return db.ovhCart.findFirst({ where: { userId, cartId }, select })
    },

    list (userId: string): Promise<OwnedCart[]> {
      return db.ovhCart.findMany({ where: { userId }, select, orderBy: { createdAt: 'desc' } })
    },

    async update (cartId: string, data: Partial<Pick<OwnedCart, 'expiresAt' | 'checkedOutAt' | 'orderId'>>): Promise<void> {
      await db.ovhCart.updateMany({ where: { cartId }, data })
    },

    /** Which of `orderIds` the gateway recorded as the order of a cart other than `cartId`. */
    async ordersOfOtherCarts (cartId: string, orderIds: number[]): Promise<Set<number>> {
      if (orderIds.length === 0) return new Set()
      const rows = await db.ovhCart.findMany({ where: { orderId: { in: orderIds.map(BigInt) }, cartId: { not: cartId } }, select: { orderId: true } })
      return new Set(rows.map(row => Number(row.orderId)))
    },

    async remove (cartId: string): Promise<void> {
      await db.ovhCart.deleteMany({ where: { cartId } })
    }
  }
}

export type CartStore = ReturnType<typeof createCartStore>
