// `npm run worker`: a process that runs only background jobs (the mirror's sync, events, webhook
// deliveries: jobs/background-work.ts), beside gateways
// started with WORKERS=off or alongside inline ones: graphile-worker runs each job once whichever
// process takes it. It serves no HTTP; it stops on SIGINT/SIGTERM once its jobs in flight end.
import closeWithGrace from 'close-with-grace'
import Fastify from 'fastify'
import type { FastifyBaseLogger } from 'fastify'
import pino from 'pino'
import { loadConfigOrExit } from './config-or-exit.js'
import { loggerOptions } from './logger.js'
import { startRuntime } from './runtime/runtime.js'
import storesPlugin from './plugins/stores.js'
import ovhPlugin from './plugins/ovh.js'
import metricsPlugin from './plugins/metrics.js'
import { registerBackgroundWork } from './jobs/background-work.js'

const config = loadConfigOrExit(process.env)

const logger = pino(loggerOptions(config.logLevel))
if (config.ovh.endpoint === 'sandbox') {
  // Tenants on the `sandbox` endpoint call the sandbox inside a gateway process: only that
  // process's inline workers can reach it.
  logger.warn({}, 'the `sandbox` OVH endpoint is served inside the gateway process: its tenants are synced by the gateway\'s own workers (WORKERS=inline)')
}
// Zero-configuration mode: attach to the running gateway's embedded PostgreSQL, as the CLI does.
const runtime = await startRuntime(config, logger, { attach: config.mode === 'zero-config', withSandbox: false })
const app = Fastify({ loggerInstance: logger as unknown as FastifyBaseLogger })
// The OVH registry reports to the metrics (served by gateways; a worker has no HTTP server).
await app.register(metricsPlugin, { config })
await app.register(storesPlugin, { db: runtime.db, secrets: runtime.secrets, databaseUrl: runtime.databaseUrl, identityCacheTtlMs: config.authCacheTtlMs })
app.decorate('sandboxBaseUrl', () => undefined)
await app.register(ovhPlugin, { config })
await registerBackgroundWork(app, config, { connectionString: runtime.databaseUrl, mode: 'inline', startOn: 'ready' })

closeWithGrace({ delay: 60_000, logger }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'closing after an error')
  logger.info({ reason: signal ?? (err ? 'error' : 'exit') }, 'worker stopping: jobs in flight finish first')
  await app.close()
  await runtime.close()
})

await app.ready()
logger.info({ concurrency: config.workers.concurrency }, 'worker running')
