// The customers module's store: end customers, their domains and the users limited to them.
import type { Db } from '../../db/client.js'
import { createCustomerStore } from './store.js'

export function customersStores (db: Db) {
  return { customers: createCustomerStore(db) }
}
