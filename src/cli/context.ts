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

// JSON lines on stderr (stdout carries the command's result), written synchronously because the CLI
// exits as soon as the command returns. Every OVH call a command makes is logged there, as the
// server logs its own (LOG_LEVEL=warn keeps only failures).
function cliLogger (config: Config) {
  return pino(loggerOptions(config.logLevel, false), pino.destination({ fd: 2, sync: true }))
}

export async function openAdminContext (config: Config): Promise<AdminContext & { close (): Promise<void>, dataDir: string, masterKey: Buffer }> {
  const log = cliLogger(config)
  const runtime = await startRuntime(config, log, { attach: true, withSandbox: false })
  // The `sandbox` endpoint lives inside a running zero-configuration gateway: its URL is in demo.json.
  const demo = config.mode === 'zero-config' ? await readDemoFile(path.resolve(config.dataDir)) : null
  const registry = createOvhRegistry({ timeoutMs: config.ovh.timeoutMs, batch: config.ovh.batch, sandboxBaseUrl: () => demo?.sandboxUrl, log })
  const gatewayUrl = config.publicUrl ?? (demo?.graphqlUrl ? demo.graphqlUrl.replace(/\/graphql$/, '') : undefined)
  return {
    config,
    db: runtime.db,
    secrets: runtime.secrets,
    stores: createStores(runtime.db, runtime.secrets),
    registry,
    gatewayUrl,
    log,
    dataDir: runtime.dataDir,
    masterKey: runtime.masterKey,
    async close () {
      await registry.close()
      await runtime.close()
    }
  }
}
