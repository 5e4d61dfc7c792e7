// The catalog module's stores: the tenant's resale price rules and its availability carts.
import type { Db } from '../../db/client.js'
import { createPriceRuleStore } from './price-rule-store.js'
import { createSearchCartStore } from './search-cart-store.js'

export function catalogStores (db: Db) {
  return {
    priceRules: createPriceRuleStore(db),
    searchCarts: createSearchCartStore(db)
  }
}
