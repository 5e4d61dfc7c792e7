// The stores of the modules that keep data of their own, each from its module's stores.ts; the
// tenancy's createStores adds them to its own. A list apart from ./index.ts because the CLI builds
// the stores too: through ./index.ts it would load every route and resolver (about 2 to 4 s more
// per CLI start, measured with tsx on this machine).
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { catalogStores } from './catalog/stores.js'
import { ordersStores } from './orders/stores.js'
import { eventsStores } from './events/stores.js'
import { webhooksStores } from './webhooks/stores.js'
import { customersStores } from './customers/stores.js'

export function createModuleStores (db: Db, secrets: SecretBox) {
  return {
    ...catalogStores(db),
    ...ordersStores(db),
    ...eventsStores(db),
    ...webhooksStores(db, secrets),
    ...customersStores(db)
  }
}
