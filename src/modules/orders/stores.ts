// The orders module's stores: owned carts, client references, idempotency keys and domain holds.
import type { Db } from '../../db/client.js'
import { createCartStore } from './cart-store.js'
import { createOrderReferenceStore } from './order-reference-store.js'
import { createIdempotencyStore } from './idempotency-store.js'
import { createDomainHoldStore } from './domain-hold-store.js'

export function ordersStores (db: Db) {
  return {
    carts: createCartStore(db),
    orderReferences: createOrderReferenceStore(db),
    idempotency: createIdempotencyStore(db),
    domainHolds: createDomainHoldStore(db)
  }
}
