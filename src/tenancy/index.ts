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
import { createOrderReferenceStore } from '../modules/orders/order-reference-store.js'
import { createIdempotencyStore } from '../modules/orders/idempotency-store.js'
import { createDomainHoldStore } from '../modules/orders/domain-hold-store.js'
import type { SessionLocks } from '../db/session-locks.js'
import { createEventStore } from '../modules/events/store.js'
import { createWebhookStore } from '../modules/webhooks/store.js'
import { createCustomerStore } from '../modules/customers/store.js'

export interface StoreOptions {
  // How long an API key's owner and a user's current consumer key may be served from memory (ms);
  // 0 reads them from the database on every request (see api-keys.ts).
  identityCacheTtlMs?: number
  // Advisory locks on a connection of their own (db/session-locks.ts): which idempotency keys a live
  // process is acting on. Without them (the CLI, which orders nothing) an order key left pending is
  // only taken over after its lease (orders/idempotency.ts).
  sessionLocks?: SessionLocks
}

export function createStores (db: Db, secrets: SecretBox, options: StoreOptions = {}) {
  const cacheTtlMs = options.identityCacheTtlMs ?? 0
  return {
    tenants: createTenantStore(db, secrets),
    users: createUserStore(db),
    apiKeys: createApiKeyStore(db, { cacheTtlMs }),
    credentials: createCredentialStore(db, secrets, { cacheTtlMs }),
    audit: createAuditLog(db),
    // Orders area: resale price rules, availability carts, owned carts, client references, idempotency keys.
    priceRules: createPriceRuleStore(db),
    searchCarts: createSearchCartStore(db),
    carts: createCartStore(db),
    orderReferences: createOrderReferenceStore(db),
    idempotency: createIdempotencyStore(db),
    domainHolds: createDomainHoldStore(db),
    // Events area: the feed, and the webhook endpoints with their deliveries.
    events: createEventStore(db),
    webhooks: createWebhookStore(db, secrets),
    // End customers, their domains and the users limited to them.
    customers: createCustomerStore(db),
    sessionLocks: options.sessionLocks ?? null
  }
}

export type Stores = ReturnType<typeof createStores>
