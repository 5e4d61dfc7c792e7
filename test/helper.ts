// Test harness: the real gateway, on a fresh PostgreSQL database of its own, with the built-in OVH
// sandbox mounted in-process and reached over real HTTP on loopback (STYLE.md 14, 15).
// Building costs seconds: tests that need no gateway of their own share one per file (a top-level
// `const shared = await build(t)`), each seeding its own user, and `freshSandbox` where a test
// needs the sandbox as a new build has it.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { loadConfig } from '../src/config.js'
import type { Config } from '../src/config.js'
import { createPrismaClient } from '../src/db/client.js'
import type { Db } from '../src/db/client.js'
import { createTestDatabase } from './support/database.js'
import type { Teardown } from './support/database.js'
import { createSecretBox } from '../src/crypto/secret-box.js'
import type { SecretBox } from '../src/crypto/secret-box.js'
import { buildApp } from '../src/app.js'
import { createSandbox } from '../src/sandbox/index.js'
import type { Sandbox } from '../src/sandbox/index.js'
import type { AdminContext } from '../src/admin/context.js'

export function testConfig (databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: databaseUrl,
    GATEWAY_MASTER_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    SANDBOX: 'true',
    HOST: '127.0.0.1',
    PORT: '0',
    // Generous for tests that make many calls; the budget tests set OVH's real 60.
    OVH_RATE_LIMIT_PER_MINUTE: '600',
    // Tests change keys and credentials behind the gateway's back (as another instance would);
    // the identity cache itself is tested in test/tenancy/identity-cache.test.ts.
    AUTH_CACHE_TTL_MS: '0',
    // Reads stay live so call-count assertions hold; the mirror's tests turn it on.
    MIRROR_READS: 'off',
    // No background job calls the sandbox behind a test's back (call counts); the mirror's tests
    // turn them on.
    WORKERS: 'off',
    // A loaded CI machine lags the event loop past 2 s: tests not about load must not be shed
    // (OVERLOADED is tested in test/app/overloaded.test.ts).
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env
  })
}

export interface TestApp {
  app: FastifyInstance
  config: Config
  db: Db
  secrets: SecretBox
  sandbox: Sandbox
  baseUrl: string
  admin: AdminContext & { gatewayUrl: string }
}

export interface BuildOptions {
  env?: Record<string, string>
  logger?: Logger
  // Another gateway's database (two instances on one database); default: a fresh one.
  databaseUrl?: string
}

/**
 * Waits while @fastify/under-pressure sheds load. Building the app (schemas, routes) or a test that
 * sends bodies of several MB can lag the event loop past its 2 s on a loaded machine; the next
 * requests, the in-process sandbox's too, would then be refused for up to a second.
 */
export async function settled (app: FastifyInstance): Promise<void> {
  // Its sample, overdue after a stall, runs before this timer does.
  await sleep(20)
  const deadline = Date.now() + 5_000
  while (app.isUnderPressure() && Date.now() < deadline) await sleep(100)
}

/** The whole gateway, listening on a free loopback port, torn down with the test. */
export async function build (t: Teardown, options: BuildOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? await createTestDatabase(t)
  const config = testConfig(databaseUrl, options.env)
  const db = createPrismaClient(databaseUrl, { maxConnections: 5 })
  const secrets = createSecretBox(config.masterKey!)
  const sandbox = await createSandbox({ seed: 'demo', extraDomains: config.sandboxExtraDomains })
  const app = await buildApp(config, { db, secrets, sandbox, logger: options.logger })
  t.teardown(async () => {
    await app.close()
    await sandbox.close()
    await db.$disconnect()
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  await settled(app)
  const address = app.server.address()
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  return {
    app,
    config,
    db,
    secrets,
    sandbox,
    baseUrl,
    admin: { config, db, secrets, stores: app.stores, registry: app.ovh, gatewayUrl: baseUrl }
  }
}

/**
 * The shared gateway with its sandbox put back to its seed (state, clock, call log, faults), as a
 * new build has it. Not for tests that order: the sandbox then numbers orders from the start
 * again, while the gateway's database still holds the earlier ones.
 */
export function freshSandbox (ctx: TestApp): TestApp {
  ctx.sandbox.admin.reset()
  return ctx
}
