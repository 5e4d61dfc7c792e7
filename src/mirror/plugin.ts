// The mirror's sync in the gateway: its jobs defined on the job engine (app.jobs), `app.mirror`
// (status, discovery, runs on demand) and `app.mirrorRefresh`, the refresh requests of the
// contract in refresh.ts. Jobs run where workers run (WORKERS=inline here, or `npm run worker`);
// requests are queued either way.
import fp from 'fastify-plugin'
import type { MirrorSyncConfig } from '../config.js'
import { createMirrorSync } from './sync.js'
import type { MirrorSync } from './sync.js'
import type { RecordChanges } from './context.js'

declare module 'fastify' {
  interface FastifyInstance {
    mirror: MirrorSync
  }
}

export default fp<{ config: MirrorSyncConfig, recordChanges?: RecordChanges }>(async function mirrorPlugin (app, opts) {
  const mirror = createMirrorSync({
    db: app.db,
    stores: app.stores,
    registry: app.ovh,
    queue: app.jobs.queue,
    config: opts.config,
    log: app.log,
    recordChanges: opts.recordChanges
  })
  for (const [identifier, task] of Object.entries(mirror.tasks)) app.jobs.define(identifier, task!)
  for (const item of mirror.cron) app.jobs.cron(item)
  // Accounts with a sync key get their jobs as soon as workers run here.
  app.jobs.onStart(() => mirror.discover())
  app.decorate('mirror', mirror)
  app.decorate('mirrorRefresh', mirror.refresh)
}, { name: 'mirror', dependencies: ['jobs', 'ovh', 'stores'] })
