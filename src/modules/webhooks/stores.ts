// The webhooks module's store: the endpoints (their secrets sealed) and their deliveries.
import type { Db } from '../../db/client.js'
import type { SecretBox } from '../../crypto/secret-box.js'
import { createWebhookStore } from './store.js'

export function webhooksStores (db: Db, secrets: SecretBox) {
  return { webhooks: createWebhookStore(db, secrets) }
}
