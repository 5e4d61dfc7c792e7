// The events module's store: the event feed.
import type { Db } from '../../db/client.js'
import { createEventStore } from './store.js'

export function eventsStores (db: Db) {
  return { events: createEventStore(db) }
}
