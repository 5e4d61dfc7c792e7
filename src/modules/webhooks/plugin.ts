// The events area's background work and settings: the webhook dispatcher and delivery jobs on the
// job engine (src/jobs), and what the webhook service needs from configuration.
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { WebhookSettings } from './service.js'
import type { JobHelpers } from 'graphile-worker'
import { DELIVER_BATCH_JOB, DELIVER_JOB, DISPATCH_JOB, dispatchEvents, eventsWaiting, WEBHOOK_LANE } from './dispatch.js'
import { deliver, deliverBatch, DeliveryRetry } from './deliver.js'
import type { DeliveryDeps } from './deliver.js'

declare module 'fastify' {
  interface FastifyInstance {
    webhookSettings: WebhookSettings
  }
}

// Events the dispatcher reads per transaction, and deliveries it queues per transaction at most; a
// batch that left events behind queues the next one at once.
const DISPATCH_BATCH = 500
const DISPATCH_MAX_DELIVERIES = 1_000

export default fp<{ config: Config }>(async function webhooksPlugin (app, opts) {
  const config = opts.config.webhooks
  const settings: WebhookSettings = {
    allowPrivate: config.allowPrivate,
    enqueue: async deliveryId => {
      await app.jobs.queue.addJob(DELIVER_JOB, { deliveryId }, { jobKey: deliveryId, maxAttempts: config.maxAttempts })
    }
  }
  app.decorate('webhookSettings', settings)

  app.jobs.define(DISPATCH_JOB, async () => {
    const { more } = await dispatchEvents(app.db, {
      batchSize: DISPATCH_BATCH,
      maxDeliveries: DISPATCH_MAX_DELIVERIES,
      maxAttempts: config.maxAttempts,
      // GraphQL subscriptions: every instance's subscribers, through Redis where it is configured.
      published: event => { app.liveEvents.publish(event) }
    })
    if (more) {
      await app.jobs.queue.addJob(DISPATCH_JOB, {}, { queueName: DISPATCH_JOB, jobKey: DISPATCH_JOB })
    } else if (await eventsWaiting(app.db)) {
      // Committed behind a transaction still running: look again in a second.
      await app.jobs.queue.addJob(DISPATCH_JOB, {}, { queueName: DISPATCH_JOB, jobKey: DISPATCH_JOB, runAt: new Date(Date.now() + 1_000) })
    }
  })
  // The safety net: events written while no worker ran (or before the job engine's schema existed)
  // are dispatched within a minute of a worker starting.
  app.jobs.cron({ task: DISPATCH_JOB, match: '* * * * *', options: { queueName: DISPATCH_JOB, jobKey: DISPATCH_JOB, backfillPeriod: 0 } })

  // The delivery lane's own connections, not Prisma's pool (the HTTP requests').
  const deps = (helpers: JobHelpers): DeliveryDeps => ({
    sql: async (text, values) => (await helpers.withPgClient(client => client.query(text, values))).rows,
    webhooks: app.stores.webhooks,
    log: app.log,
    timeoutMs: config.timeoutMs,
    allowPrivate: config.allowPrivate,
    disableAfterMs: config.disableAfterHours * 3_600_000
  })

  // First attempts, a batch per endpoint; what fails goes on as one retry job per delivery.
  app.jobs.define(DELIVER_BATCH_JOB, async (payload, helpers) => {
    const ids = (Array.isArray(payload) ? payload : [payload]).map(item => (item as { deliveryId: string }).deliveryId)
    const retries = await deliverBatch(deps(helpers), ids, row => ({ number: row.attempts + 1, last: row.attempts + 1 >= config.maxAttempts }))
    if (retries.length === 0) return
    // Delayed as the job engine delays a job that failed that many times (about e^n seconds).
    await helpers.withPgClient(client => client.query(
      `SELECT graphile_worker.add_job($1, json_build_object('deliveryId', id, 'attemptsBefore', n), max_attempts => $2 - n, job_key => id,
              run_at => now() + exp(least(n, 10)) * interval '1 second')
         FROM unnest($3::text[], $4::int[]) AS r(id, n)`,
      [DELIVER_JOB, config.maxAttempts, retries.map(retry => retry.id), retries.map(retry => retry.attempts)]))
    helpers.logger.debug(`${retries.length} deliveries failed and will be tried again`)
  }, { lane: WEBHOOK_LANE })

  // A retry, a redelivery or a ping: one delivery, its attempts counted by the job engine (after
  // those its batch made).
  app.jobs.define(DELIVER_JOB, async (payload, helpers) => {
    const { deliveryId, attemptsBefore = 0 } = payload as { deliveryId: string, attemptsBefore?: number }
    const job = helpers.job
    try {
      await deliver(deps(helpers), deliveryId, { number: attemptsBefore + job.attempts, last: job.attempts >= job.max_attempts })
    } catch (err) {
      // A failed attempt is recorded in the delivery log; graphile-worker's own line would repeat it.
      if (err instanceof DeliveryRetry) helpers.logger.debug(err.message)
      throw err
    }
  }, { lane: WEBHOOK_LANE })
}, { name: 'webhooks', dependencies: ['jobs', 'stores', 'live-events'] })
