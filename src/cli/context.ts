// Opens what CLI commands need: the database (attaching to a running zero-configuration gateway's
// embedded PostgreSQL if there is one), the stores and the OVH registry.
import path from 'node:path'
import pino from 'pino'
import type { Config } from '../config.js'
import { loggerOptions } from '../logger.js'
import { startRuntime } from '../runtime/runtime.js'
import { createStores } from '../tenancy/index.js'
import { createOvhRegistry } from '../upstream/registry.js'
import { readDemoFile } from '../runtime/demo.js'
import type { AdminContext } from '../admin/context.js'
import type { CliOutput } from './io.js'

// JSON lines on the CLI's stderr (stdout carries the command's result). Every OVH call a command
// makes is logged there, as the server logs its own (LOG_LEVEL=warn keeps only failures). pino
// writes each line to the stream as it is logged: main.ts gives a synchronous one, because the CLI
// exits as soon as the command returns.
function cliLogger (config: Config, stream: CliOutput) {
  return pino(loggerOptions(config.logLevel, false), stream)
}

export async function openAdminContext (config: Config, logStream: CliOutput): Promise<AdminContext & { close (): Promise<void>, dataDir: string, masterKey: Buffer, databaseUrl: string, log: ReturnType<typeof cliLogger> }> {
  const log = cliLogger(config, logStream)
  const runtime = await startRuntime(config, log, { attach: true, withSandbox: false })
  // The `sandbox` endpoint lives inside a running gateway: in zero-configuration mode its URL is in
  // demo.json; in production with SANDBOX=true it is the gateway's own port (the CLI runs beside it,
  // e.g. `docker compose exec gateway npm run cli:prod`).
  const demo = config.mode === 'zero-config' ? await readDemoFile(path.resolve(config.dataDir)) : null
  const sandboxUrl = demo?.sandboxUrl ?? (config.sandbox ? `${localGatewayUrl(config)}/sandbox/1.0` : undefined)
  // The consumer keys' budget as the gateway keeps it (shared through Redis when it is configured):
  // `sync run` makes many calls.
  const registry = createOvhRegistry({ timeoutMs: config.ovh.timeoutMs, batch: config.ovh.batch, rateLimitPerMinute: config.ovh.rateLimitPerMinute, redisUrl: config.redisUrl, sandboxBaseUrl: () => sandboxUrl, log })
  const gatewayUrl = config.publicUrl ?? (demo?.graphqlUrl ? demo.graphqlUrl.replace(/\/graphql$/, '') : undefined)
  const stores = createStores(runtime.db, runtime.secrets)
  return {
    config,
    db: runtime.db,
    secrets: runtime.secrets,
    stores,
    registry,
    gatewayUrl,
    log,
    dataDir: runtime.dataDir,
    databaseUrl: runtime.databaseUrl,
    masterKey: runtime.masterKey,
    async close () {
      await stores.audit.settle()
      await registry.close()
      await runtime.close()
    }
  }
}

/** The gateway as a process on this machine reaches it: loopback when it listens on every address. */
function localGatewayUrl (config: Config): string {
  const everywhere = ['0.0.0.0', '::', ''].includes(config.host)
  const host = everywhere ? '127.0.0.1' : config.host.includes(':') ? `[${config.host}]` : config.host
  return `http://${host}:${config.port}`
}
