// The tenancy stores, built together over one database and one secret box.
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { createTenantStore } from './tenants.js'
import { createUserStore } from './users.js'
import { createApiKeyStore } from './api-keys.js'
import { createCredentialStore } from './credentials.js'
import { createAuditLog } from './audit.js'

export function createStores (db: Db, secrets: SecretBox) {
  return {
    tenants: createTenantStore(db, secrets),
    users: createUserStore(db),
    apiKeys: createApiKeyStore(db),
    credentials: createCredentialStore(db, secrets),
    audit: createAuditLog(db)
  }
}

export type Stores = ReturnType<typeof createStores>
