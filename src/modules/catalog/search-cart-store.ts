// Each user's availability cart (SearchCart): reused by every search until it expires.
import type { Db } from '../../db/client.js'

export interface SearchCartRow {
  cartId: string
  ovhSubsidiary: string
  // The OVH endpoint the cart is on (orders/ovh-scope.ts); null: recorded before it was.
  ovhEndpoint: string | null
  expiresAt: Date
}

export function createSearchCartStore (db: Db) {
  return {
    find (userId: string): Promise<SearchCartRow | null> {
      return db.searchCart.findUnique({ where: { userId }, select: { cartId: true, ovhSubsidiary: true, ovhEndpoint: true, expiresAt: true } })
    },

    async save (tenantId: string, userId: string, cart: SearchCartRow): Promise<void> {
      await db.searchCart.upsert({
        where: { userId },
        create: { userId, tenantId, ...cart },
        update: { ...cart, createdAt: new Date() }
      })
    },

    // Forgets a cart OVH no longer knows (expired early, deleted), unless another one replaced it.
    async forget (userId: string, cartId: string): Promise<void> {
      await db.searchCart.deleteMany({ where: { userId, cartId } })
    }
  }
}

export type SearchCartStore = ReturnType<typeof createSearchCartStore>
