// The gateway as deployed: its own process in production mode (PostgreSQL, master key, no sandbox),
// with a reseller provisioned through the same admin operations as the CLI, against the standalone
// sandbox standing in for OVH.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { packageRoot } from '../../src/paths.js'
import { loadConfig } from '../../src/config.js'
import { createPrismaClient } from '../../src/db/client.js'
import { createSecretBox } from '../../src/crypto/secret-box.js'
import { createStores } from '../../src/tenancy/index.js'
import { createOvhRegistry } from '../../src/upstream/registry.js'
import { createTenant } from '../../src/admin/tenants.js'
import { createUser } from '../../src/admin/users.js'
import { createApiKey } from '../../src/admin/api-keys.js'
import { checkCredential, requestCredentialFor } from '../../src/admin/credentials.js'
import type { AdminContext } from '../../src/admin/context.js'
import { requestSyncKeyFor } from '../../src/mirror/sync-key.js'
import { DEMO_APPLICATION_KEY, DEMO_APPLICATION_SECRET } from '../../src/sandbox/index.js'
import { freePort } from '../../src/runtime/free-port.js'
import type { AppBuild, Command } from './build.js'
import type { CleanupStack } from './cleanup.js'
import { createBenchDatabase } from './database.js'
import { startSandbox } from './sandbox.js'
import { startChild, waitForHttp } from './processes.js'
import type { Child } from './processes.js'
import type { SandboxProcess } from './sandbox.js'

export interface Reseller {
  apiKey: string
  applicationKey: string
  applicationSecret: string
  // The user's own validated consumer key: the direct calls use it too, so both paths do the same work in the sandbox.
  consumerKey: string
}

/** Tenant (its OVH application = the sandbox's demo one), user (viewer unless asked), API key, validated consumer key. */
export async function provisionReseller (databaseUrl: string, masterKey: string, sandbox: SandboxProcess, role: 'viewer' | 'operator' | 'admin' = 'viewer'): Promise<Reseller> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, GATEWAY_MASTER_KEY: masterKey, LOG_LEVEL: 'silent', SANDBOX: 'false' })
  const db = createPrismaClient(databaseUrl, { maxConnections: 2 })
  const secrets = createSecretBox(config.masterKey!)
  const registry = createOvhRegistry({ timeoutMs: 10_000, batch: true, sandboxBaseUrl: () => undefined })
  const ctx: AdminContext = { config, db, secrets, stores: createStores(db, secrets), registry }
  try {
    const slug = 'bench'
    const email = 'bench@reseller.example'
    const tenant = await createTenant(ctx, {
      slug,
      name: 'Benchmark reseller',
      ovhEndpoint: sandbox.apiUrl,
      ovhApplicationKey: DEMO_APPLICATION_KEY,
      ovhApplicationSecret: DEMO_APPLICATION_SECRET
    })
    const user = await createUser(ctx, { tenant: slug, email, role })
    const { apiKey } = await createApiKey(ctx, { tenant: slug, email })
    const requested = await requestCredentialFor(ctx, tenant, user)
    const consumerKey = ctx.stores.credentials.consumerKey(requested)
    // The user's approval on OVH's page, done through the sandbox's admin API.
    await sandbox.admin('POST', '/credentials/validate', { consumerKey })
    const credential = await checkCredential(ctx, requested, tenant)
    if (credential.state !== 'validated') throw new Error(`the benchmark consumer key is ${credential.state}, not validated`)
    return { apiKey, applicationKey: DEMO_APPLICATION_KEY, applicationSecret: DEMO_APPLICATION_SECRET, consumerKey }
  } finally {
    await registry.close()
    await db.$disconnect()
  }
}

/**
 * The bench tenant's sync key (provisionReseller first): an admin user asks for it, the sandbox
 * validates it, and the gateway's mirror then syncs the demo account with it. Its OVH credential
 * id, to tell its calls apart in the sandbox's call log, and an API key of that admin.
 */
export async function provisionSyncKey (databaseUrl: string, masterKey: string, sandbox: SandboxProcess): Promise<{ credentialId: number, adminApiKey: string }> {
  const config = loadConfig({ DATABASE_URL: databaseUrl, GATEWAY_MASTER_KEY: masterKey, LOG_LEVEL: 'silent', SANDBOX: 'false' })
  const db = createPrismaClient(databaseUrl, { maxConnections: 2 })
  const secrets = createSecretBox(config.masterKey!)
  const registry = createOvhRegistry({ timeoutMs: 10_000, batch: true, sandboxBaseUrl: () => undefined })
  const ctx: AdminContext = { config, db, secrets, stores: createStores(db, secrets), registry }
  try {
    const tenant = await ctx.stores.tenants.findBySlug('bench')
    if (!tenant) throw new Error('provisionReseller first: no tenant "bench"')
    const admin = await createUser(ctx, { tenant: 'bench', email: 'sync-admin@reseller.example', role: 'admin' })
    const requested = await requestSyncKeyFor(ctx, tenant, admin)
    await sandbox.admin('POST', '/credentials/validate', { consumerKey: ctx.stores.credentials.consumerKey(requested) })
    const credential = await checkCredential(ctx, requested, tenant)
    if (credential.state !== 'validated' || credential.ovhCredentialId === null) throw new Error(`the benchmark sync key is ${credential.state}, not validated`)
    // The admin's API key reads the mirror's status (GET /v1/mirror/status: admins and operators).
    const { apiKey } = await createApiKey(ctx, { tenant: 'bench', email: 'sync-admin@reseller.example' })
    return { credentialId: Number(credential.ovhCredentialId), adminApiKey: apiKey }
  } finally {
    await registry.close()
    await db.$disconnect()
  }
}

export interface GatewayProcess {
  child: Child
  origin: string
  env: Record<string, string>
  stop (): Promise<void>
}

export interface GatewayOptions {
  // OVH_RATE_LIMIT_PER_MINUTE: 0 turns the per-consumer-key call budget off.
  rateBudget: number
  // Before the entry file (e.g. --cpu-prof).
  nodeArgs?: string[]
  // Instead of the flags of `npm run serve`.
  nodeFlags?: string[]
  // Environment beside (or instead of) the defaults below, e.g. LOG_LEVEL or OVH_TIMEOUT_MS.
  env?: Record<string, string>
  // The gateway's stdout (its JSON log), line by line.
  onLine?: (line: string) => void
}

// The node flags `npm run serve` starts the gateway with (package.json), so the benchmark measures
// the gateway as it runs in production.
export function serveNodeFlags (): string[] {
  const serve = (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.serve
  return serve.split(/\s+/).filter(word => word.startsWith('--'))
}

export async function startGateway (name: string, entry: Command, databaseUrl: string, masterKey: string, options: GatewayOptions): Promise<GatewayProcess> {
  const port = await freePort()
  const env = {
    DATABASE_URL: databaseUrl,
    GATEWAY_MASTER_KEY: masterKey,
    SANDBOX: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    NODE_ENV: 'production',
    OVH_RATE_LIMIT_PER_MINUTE: String(options.rateBudget),
    // The benchmarks measure the gateway's own throughput, far past one key's incoming limit.
    RATE_LIMIT_PER_KEY: '0',
    RATE_LIMIT_PER_TENANT: '0',
    ...options.env
  }
  const child = startChild(name, entry.command, [...options.nodeFlags ?? serveNodeFlags(), ...options.nodeArgs ?? [], ...entry.args], env, { onLine: options.onLine })
  const origin = `http://127.0.0.1:${port}`
  await waitForHttp(`${origin}/health/live`, child)
  return { child, origin, env, stop: () => child.stop() }
}

export const newMasterKey = (): string => randomBytes(32).toString('base64')

/**
 * What the memory and faults benchmarks stand on: a benchmark database, the sandbox process, a
 * reseller provisioned on it, and the production gateway; each is stopped by `cleanup`.
 */
export async function startProductionSetup (app: AppBuild, cleanup: CleanupStack, options: Omit<GatewayOptions, 'rateBudget'> & { role?: 'viewer' | 'operator' } = {}) {
  const database = await createBenchDatabase()
  cleanup.defer(() => database.drop())
  const sandbox = await startSandbox(app)
  cleanup.defer(() => sandbox.stop())
  const masterKey = newMasterKey()
  const reseller = await provisionReseller(database.url, masterKey, sandbox, options.role)
  const gateway = await startGateway('gateway', app.command('src/server'), database.url, masterKey, { ...options, rateBudget: 0 })
  cleanup.defer(() => gateway.stop())
  return { sandbox, reseller, gateway }
}
