// The tenancy stores and the modules', built together over one database and one secret box.
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { createTenantStore } from './tenants.js'
import { createUserStore } from './users.js'
import { createApiKeyStore } from './api-keys.js'
import { createCredentialStore } from './credentials.js'
import { createAuditLog } from './audit.js'
import type { SessionLocks } from '../db/session-locks.js'
import { createModuleStores } from '../modules/stores.js'

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
    // The modules' own (src/modules/stores.ts): price rules, carts, idempotency keys, events,
    // webhooks, end customers...
    ...createModuleStores(db, secrets),
    sessionLocks: options.sessionLocks ?? null
  }
}

export type Stores = ReturnType<typeof createStores>
