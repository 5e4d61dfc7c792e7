// Everything that runs as background jobs, registered the same way in the gateway (src/app.ts) and
// in `npm run worker` (src/worker.ts): the job engine, the mirror's sync (whose changes become
// events in the transaction that applies them), the reminders, the live-event emitter and the
// webhook dispatcher and deliveries. One list, so a worker process never lacks a job a gateway has.
import type { FastifyInstance } from 'fastify'
import type { Config } from '../config.js'
import jobsPlugin from './plugin.js'
import { WEBHOOK_LANE } from '../modules/webhooks/dispatch.js'
import mirrorPlugin from '../mirror/plugin.js'
import eventsPlugin from '../modules/events/plugin.js'
import webhooksPlugin from '../modules/webhooks/plugin.js'
import liveEventsPlugin from '../modules/subscriptions/live-events.js'
import { recordMirrorEvents } from '../modules/events/mirror-events.js'

export interface BackgroundWorkOptions {
  connectionString: string
  mode: 'inline' | 'off'
  // The in-process sandbox, which the jobs call, has a URL only once the server listens.
  startOn: 'ready' | 'listen'
}

export async function registerBackgroundWork (app: FastifyInstance, config: Config, options: BackgroundWorkOptions): Promise<void> {
  await app.register(jobsPlugin, { connectionString: options.connectionString, mode: options.mode, concurrency: config.workers.concurrency, lanes: { [WEBHOOK_LANE]: config.workers.webhookConcurrency }, startOn: options.startOn })
  await app.register(mirrorPlugin, { config: config.mirror, recordChanges: recordMirrorEvents })
  await app.register(eventsPlugin)
  // Before the dispatcher, which publishes to it (and GraphQL, whose subscriptions read it).
  await app.register(liveEventsPlugin, { config })
  await app.register(webhooksPlugin, { config })
}
