// Starts the gateway: the only file that reads process.env and listens (STYLE.md 1).
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { loadConfigOrExit } from './config-or-exit.js'
import { loggerOptions } from './logger.js'
import { startRuntime } from './runtime/runtime.js'
import { MasterKeyMismatchError } from './runtime/master-key-check.js'
import { EmbeddedPostgresMissingError } from './runtime/embedded-postgres.js'
import { isDatabaseUnavailable } from './db/unavailable.js'
import { buildApp } from './app.js'
import { banner, ensureDemo } from './runtime/demo.js'
import { graceDelayMs, hardDeadlineMs, shutdown } from './runtime/shutdown.js'

const config = loadConfigOrExit(process.env)

const logger = pino(loggerOptions(config.logLevel, undefined, { traceIds: config.tracing.enabled }))
const runtime = await startRuntime(config, logger).catch(err => {
  // A refusal written for the operator is the whole story: one line, no stack.
  if (err instanceof MasterKeyMismatchError || err instanceof EmbeddedPostgresMissingError) logger.fatal({ code: err.code }, `the gateway could not start: ${err.message}`)
  else if (isDatabaseUnavailable(err)) {
    // The driver's message names the host and the refusal, never the password.
    logger.fatal({ code: 'DATABASE_UNAVAILABLE' }, `the gateway could not start: the database cannot be reached (${(err as Error).message}); check DATABASE_URL`)
  } else logger.fatal({ err }, 'the gateway could not start')
  process.exit(1)
})
const app = await buildApp(config, { db: runtime.db, secrets: runtime.secrets, sandbox: runtime.sandbox, logger, databaseUrl: runtime.databaseUrl })

// The runtime also stops the embedded PostgreSQL on any exit, this deadline's included. An error
// thrown while the shutdown runs (a connection the stopping database cut, seen as a rare exit 1 on
// a loaded machine) is logged and the shutdown goes on: close-with-grace's default would exit at
// once, leaving the embedded PostgreSQL running and the requests in flight cut.
closeWithGrace({
  delay: hardDeadlineMs(config.ovh.timeoutMs),
  logger,
  onSecondError: err => { logger.error({ err }, 'an error during the shutdown: logged, the shutdown goes on') }
}, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'closing after an error')
  await shutdown(app, runtime, { graceMs: graceDelayMs(config.ovh.timeoutMs), log: logger, reason: signal ?? (err ? 'error' : 'exit') })
})

await app.listen({ port: config.port, host: config.host })

if (config.mode === 'zero-config' && runtime.sandbox) {
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  const gatewayUrl = config.publicUrl ?? `http://${host}:${port}`
  const info = await ensureDemo({
    config,
    db: runtime.db,
    secrets: runtime.secrets,
    stores: app.stores,
    registry: app.ovh,
    gatewayUrl
  }, runtime.sandbox, runtime.dataDir)
  // The demo's sync key is new on a first start: its account's first sync starts now.
  await app.mirror.discover()
  process.stdout.write(`\n${banner(info)}\n\n`)
}
