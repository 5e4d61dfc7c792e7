// What the mirror's sync is built from; the Fastify plugin, `npm run worker` and the CLI's
// `sync run` each pass their own.
import type { Db } from '../db/client.js'
import type { Stores } from '../tenancy/index.js'
import type { OvhRegistry } from '../upstream/registry.js'
import type { JobQueue } from '../jobs/queue.js'
import type { MirrorSyncConfig } from '../config.js'
import type { RecordChanges, SyncLog } from './context.js'

export interface MirrorDeps {
  db: Db
  stores: Stores
  registry: OvhRegistry
  queue: JobQueue
  config: MirrorSyncConfig
  log: SyncLog
  now?: () => Date
  recordChanges?: RecordChanges
}
