// The tenancy stores, built together over one database and one secret box.
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { createTenantStore } from './tenants.js'
import { createUserStore } from './users.js'
import { createApiKeyStore } from './api-keys.js'
import { createCredentialStore } from './credentials.js'
import { createAuditLog } from './audit.js'
import { createPriceRuleStore } from '../modules/catalog/price-rule-store.js'
import { createSearchCartStore } from '../modules/catalog/search-cart-store.js'
import { createCartStore } from '../modules/orders/cart-store.js'
import { createIdempotencyStore } from '../modules/orders/idempotency-store.js'

export interface StoreOptions {
  // How long an API key's owner and a user's current consumer key may be served from memory (ms);
  // 0 reads them from the database on every request (see api-keys.ts).
  identityCacheTtlMs?: number
}

export function createStores (db: Db, secrets: SecretBox, options: StoreOptions = {}) {
  const cacheTtlMs = options.identityCacheTtlMs ?? 0
  return {
    tenants: createTenantStore(db, secrets),
    users: createUserStore(db),
    apiKeys: createApiKeyStore(db, { cacheTtlMs }),
    credentials: createCredentialStore(db, secrets, { cacheTtlMs }),
    audit: createAuditLog(db),
    // Orders area: resale price rules, availability carts, owned carts, idempotency keys.
    priceRules: createPriceRuleStore(db),
    searchCarts: createSearchCartStore(db),
    carts: createCartStore(db),
    idempotency: createIdempotencyStore(db)
  }
}

export type Stores = ReturnType<typeof createStores>
