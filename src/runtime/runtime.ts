// Everything the gateway needs before it can build the app: the database (given, or embedded in
// zero-configuration mode), migrations, the master key, and the sandbox when it is mounted.
// Shared by the server and the CLI, so both see the same database and keys.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '../config.js'
import { createPrismaClient } from '../db/client.js'
import type { Db } from '../db/client.js'
import { checkAppliedMigrations } from '../db/migration-check.js'
import { migrationsPath } from '../paths.js'
import { createReloadableSecretBox, createSecretBox } from '../crypto/secret-box.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Sandbox } from '../sandbox/index.js'
import { startEmbeddedPostgres } from './embedded-postgres.js'
import type { EmbeddedDatabase } from './embedded-postgres.js'
import { loadOrCreateMasterKey, readKeyFilesSync, removeUnusedKeyFiles } from './master-key-file.js'
import { assertMasterKeysOpen, sealedKeyUse } from './master-key-check.js'

export interface RuntimeLog {
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  debug (obj: object, msg?: string): void
}

export interface Runtime {
  databaseUrl: string
  dataDir: string
  db: Db
  secrets: SecretBox
  masterKey: Buffer
  sandbox: Sandbox | undefined
  close (): Promise<void>
  // When close() hangs: signals the embedded PostgreSQL to stop, without waiting.
  closeNow (): void
}

export interface RuntimeOptions {
  // The CLI attaches to the database of a running gateway instead of refusing it.
  attach?: boolean
  // The CLI needs no sandbox of its own.
  withSandbox?: boolean
}

export async function startRuntime (config: Config, log: RuntimeLog, options: RuntimeOptions = {}): Promise<Runtime> {
  const dataDir = path.resolve(config.dataDir)
  let embedded: EmbeddedDatabase | undefined
  let databaseUrl = config.databaseUrl
  let masterKey = config.masterKey
  const otherKeys = [config.previousMasterKey]
  // Whatever ends the process (a shutdown past its deadline, a second signal, a failed start), the
  // embedded PostgreSQL must not outlive it; close() below is the orderly way.
  const stopDatabaseNow = (): void => { embedded?.stopNow() }

  if (config.mode === 'zero-config') {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
    const keys = await loadOrCreateMasterKey(dataDir)
    masterKey = keys.current
    otherKeys.push(...keys.others)
    embedded = await startEmbeddedPostgres({
      dir: dataDir,
      mode: options.attach ? 'attach' : 'exclusive',
      log: message => log.debug({ postgres: message })
    })
    databaseUrl = embedded.url
    process.once('exit', stopDatabaseNow)
    // Loaded here only: the schema engine it starts is tens of MB that a deployed server never needs.
    const { applyMigrations } = await import('../db/migrator.js')
    const applied = await applyMigrations({ databaseUrl })
    if (applied.length > 0) log.info({ migrations: applied }, 'database migrations applied')
  } else {
    const status = await checkAppliedMigrations(databaseUrl!, migrationsPath)
    if (status.pending.length > 0 || status.failed.length > 0) {
      throw new Error(`the database is not up to date (pending: ${status.pending.join(', ') || 'none'}, failed: ${status.failed.join(', ') || 'none'}): run \`npm run db:migrate\` (\`npm run db:migrate:prod\` from a build or in the Docker image)`)
    }
    // As with `prisma migrate deploy`, an applied migration edited since is reported, not refused.
    if (status.edited.length > 0) log.warn({ migrations: status.edited }, 'applied migrations were edited since they ran')
  }

  const db = createPrismaClient(databaseUrl!)
  // Zero-configuration mode: `master-key:rotate` changes the key files under a running gateway,
  // which rereads them when it meets the new key (production: GATEWAY_PREVIOUS_MASTER_KEY, README).
  const secrets = config.mode === 'zero-config'
    ? createReloadableSecretBox({ current: masterKey!, others: otherKeys }, { reload: () => readKeyFilesSync(dataDir) })
    : createSecretBox(masterKey!, ...otherKeys)
  try {
    // Before anything is served or sealed: with keys that miss a stored secret, the gateway would
    // fail every call needing it, and the CLI would seal new secrets with a key the gateways lack.
    const sealed = await sealedKeyUse(db)
    assertMasterKeysOpen(sealed, secrets, config)
    if (config.mode === 'zero-config' && !options.attach) {
      if (await removeUnusedKeyFiles(dataDir, new Set(sealed.map(use => use.keyId)), secrets.keyId)) {
        log.info({}, 'the previous master key is no longer used: master.key.previous removed')
      }
    }
  } catch (err) {
    // A refused start leaves nothing running (a test or the CLI's process goes on after it).
    await db.$disconnect()
    await embedded?.stop()
    process.removeListener('exit', stopDatabaseNow)
    throw err
  }
  // Loaded only when mounted, like the migrator above.
  const sandbox = config.sandbox && options.withSandbox !== false
    ? await (await import('../sandbox/index.js')).createSandbox({ seed: 'demo', extraDomains: config.sandboxExtraDomains, persistPath: config.mode === 'zero-config' ? path.join(dataDir, 'sandbox.json') : undefined })
    : undefined

  return {
    databaseUrl: databaseUrl!,
    dataDir,
    db,
    secrets,
    masterKey: masterKey!,
    sandbox,
    closeNow: stopDatabaseNow,
    async close () {
      try {
        await sandbox?.close()
        await db.$disconnect()
      } finally {
        await embedded?.stop()
        process.removeListener('exit', stopDatabaseNow)
      }
    }
  }
}
