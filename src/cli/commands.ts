// The admin commands: one table, each with its options, help line and implementation.
import path from 'node:path'
import type { Config } from '../config.js'
import { decodeMasterKey } from '../config.js'
import { generateMasterKey } from '../crypto/secret-box.js'
import { createTenant } from '../admin/tenants.js'
import { createUser } from '../admin/users.js'
import { createApiKey, revokeApiKey } from '../admin/api-keys.js'
import { requestCredential, showCredential } from '../admin/credentials.js'
import { rotateMasterKey } from '../admin/rotate-master-key.js'
import { tenantBySlug } from '../admin/context.js'
import { badUserInput } from '../errors.js'
import { applyMigrations, createMigration, migrationStatus } from '../db/migrator.js'
import type { MigrationStatus } from '../db/migrator.js'
import { startEmbeddedPostgres } from '../runtime/embedded-postgres.js'
import { promoteNextMasterKey, readNextMasterKey, writeNextMasterKey } from '../runtime/master-key-file.js'
import { required, str, tenantOption, withAdmin } from './command.js'
import type { Command } from './command.js'
import { syncCommands } from './sync-commands.js'
import { accessCommands } from './access-commands.js'
import { webhookCommands } from './webhook-commands.js'
import { customerCommands } from './customer-commands.js'

// Database commands work on the schema itself, so they open the database without the runtime's
// own migration checks.
async function withDatabaseUrl<T> (config: Config, work: (url: string) => Promise<T>): Promise<T> {
  if (config.databaseUrl) return work(config.databaseUrl)
  const embedded = await startEmbeddedPostgres({ dir: path.resolve(config.dataDir), mode: 'attach' })
  try {
    return await work(embedded.url)
  } finally {
    await embedded.stop()
  }
}

const emailOption = { type: 'string' as const, help: 'user e-mail' }

export const commands: Record<string, Command> = {
  'tenant:create': {
    help: 'Create a tenant (a reseller) with its OVH endpoint and application',
    options: {
      slug: { type: 'string', help: 'short unique name, e.g. acme' },
      name: { type: 'string', help: 'display name' },
      'ovh-endpoint': { type: 'string', help: 'ovh-eu | ovh-ca | ovh-us | sandbox | URL (default: OVH_ENDPOINT)' },
      'ovh-application-key': { type: 'string', help: 'default: OVH_APPLICATION_KEY' },
      'ovh-application-secret': { type: 'string', help: '`-` reads it from stdin; default: OVH_APPLICATION_SECRET', secret: {} },
      subsidiary: { type: 'string', help: 'OVH subsidiary, default FR' }
    },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'slug', 'name')
      const tenant = await createTenant(ctx, {
        slug: str(o, 'slug')!,
        name: str(o, 'name')!,
        ovhEndpoint: str(o, 'ovh-endpoint'),
        ovhApplicationKey: str(o, 'ovh-application-key'),
        ovhApplicationSecret: str(o, 'ovh-application-secret'),
        ovhSubsidiary: str(o, 'subsidiary') as never
      })
      return { id: tenant.id, slug: tenant.slug, name: tenant.name, ovhEndpoint: tenant.ovhEndpoint, ovhSubsidiary: tenant.ovhSubsidiary }
    })
  },
  'tenant:list': {
    help: 'List tenants',
    options: {},
    run: (config, _o, _p, io) => withAdmin(config, io, async ctx =>
      (await ctx.stores.tenants.list()).map(t => ({ slug: t.slug, name: t.name, ovhEndpoint: t.ovhEndpoint, ovhSubsidiary: t.ovhSubsidiary })))
  },
  'user:create': {
    help: 'Create a user in a tenant',
    options: { tenant: tenantOption, email: emailOption, role: { type: 'string', help: 'admin | operator | viewer' }, name: { type: 'string', help: 'display name' } },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant', 'email', 'role')
      const user = await createUser(ctx, { tenant: str(o, 'tenant')!, email: str(o, 'email')!, role: str(o, 'role') as never, name: str(o, 'name') })
      return { id: user.id, email: user.email, role: user.role }
    })
  },
  'user:list': {
    help: 'List the users of a tenant',
    options: { tenant: tenantOption },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant')
      const tenant = await tenantBySlug(ctx, str(o, 'tenant')!)
      return (await ctx.stores.users.list(tenant.id)).map(u => ({ id: u.id, email: u.email, role: u.role }))
    })
  },
  'apikey:create': {
    help: 'Create an API key for a user (shown once)',
    options: {
      tenant: tenantOption,
      email: emailOption,
      name: { type: 'string', help: 'label, default "default"' },
      scopes: { type: 'string', help: 'comma-separated: read,write,admin (default: all the role allows)' },
      'expires-in': { type: 'string', help: 'e.g. 12h, 90d, 4w (default: never)' }
    },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant', 'email')
      return createApiKey(ctx, { tenant: str(o, 'tenant')!, email: str(o, 'email')!, name: str(o, 'name'), scopes: str(o, 'scopes'), expiresIn: str(o, 'expires-in') })
    })
  },
  'apikey:list': {
    help: 'List the API keys of a tenant (prefixes only)',
    options: { tenant: tenantOption },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant')
      const tenant = await tenantBySlug(ctx, str(o, 'tenant')!)
      return (await ctx.stores.apiKeys.list(tenant.id)).map(k => ({ prefix: k.prefix, name: k.name, scopes: k.scopes, expiresAt: k.expiresAt, lastUsedAt: k.lastUsedAt, revokedAt: k.revokedAt }))
    })
  },
  'apikey:revoke': {
    help: 'Revoke an API key (by prefix or the whole key)',
    options: { tenant: tenantOption, key: { type: 'string', help: 'ogw_... prefix or key' } },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant', 'key')
      return revokeApiKey(ctx, { tenant: str(o, 'tenant')!, key: str(o, 'key')! })
    })
  },
  'credential:request': {
    help: 'Request an OVH consumer key for a user; prints the URL where the user approves it',
    options: { tenant: tenantOption, email: emailOption },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant', 'email')
      return requestCredential(ctx, { tenant: str(o, 'tenant')!, email: str(o, 'email')! })
    })
  },
  'credential:show': {
    help: 'Show the state of a user\'s OVH consumer key (--check asks OVH)',
    options: { tenant: tenantOption, email: emailOption, check: { type: 'boolean', help: 'refresh the state from OVH' } },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      required(o, 'tenant', 'email')
      return showCredential(ctx, { tenant: str(o, 'tenant')!, email: str(o, 'email')!, check: o.check === true })
    })
  },
  'master-key:rotate': {
    help: 'Re-encrypt every secret under a new master key (zero-config: generated unless --new-key is given, or the one an interrupted rotation left in master.key.next; production: GATEWAY_MASTER_KEY, see docs/operations.md)',
    options: { 'new-key': { type: 'string', help: 'zero-config only: 32 bytes as base64 or hex; `-` reads it from stdin; default: GATEWAY_NEW_MASTER_KEY, else generated', secret: { env: 'GATEWAY_NEW_MASTER_KEY', envMode: 'zero-config' } } },
    run: (config, o, _p, io) => withAdmin(config, io, async ctx => {
      if (config.mode === 'production') {
        // Running gateways only know the keys they started with: the new key is deployed first as
        // GATEWAY_MASTER_KEY (the old one as GATEWAY_PREVIOUS_MASTER_KEY, so every instance opens
        // both), then this moves every secret to it. Handing the CLI a key no gateway has yet
        // would take them all down until they restart. GATEWAY_NEW_MASTER_KEY does not apply here
        // (see the option's envMode): only a --new-key the operator gave is refused.
        if (str(o, 'new-key') !== undefined) {
          throw badUserInput('in production the new master key is GATEWAY_MASTER_KEY: deploy it (with the old key in GATEWAY_PREVIOUS_MASTER_KEY) to every instance, then run master-key:rotate without --new-key',
            [{ field: 'new-key', message: 'is for zero-configuration mode only' }])
        }
        return rotateMasterKey(ctx, config.masterKey!)
      }
      const given = str(o, 'new-key')
      const givenKey = given ? decodeMasterKey(given) : undefined
      if (givenKey === null) throw badUserInput('invalid --new-key', [{ field: 'new-key', message: 'must be 32 bytes as base64 or 64 hex characters' }])
      // master.key.next left by an interrupted rotation may be the only key that opens the secrets
      // (the re-encryption committed, the files were not swapped): it is never replaced, and this
      // run finishes that rotation with it.
      const pending = await readNextMasterKey(ctx.dataDir)
      if (pending && givenKey && !givenKey.equals(pending)) {
        throw badUserInput('master.key.next holds the new key of an interrupted rotation, and secrets may already be sealed with it: run master-key:rotate without --new-key (and without GATEWAY_NEW_MASTER_KEY) to finish that rotation, then run it again with your key',
          [{ field: 'new-key', message: 'differs from the key of the interrupted rotation in master.key.next' }])
      }
      const newKey = pending ?? givenKey ?? generateMasterKey()
      // A running gateway rereads the key files when it meets a secret sealed with the new key.
      if (!pending) await writeNextMasterKey(ctx.dataDir, newKey)
      const result = await rotateMasterKey(ctx, newKey)
      await promoteNextMasterKey(ctx.dataDir)
      const keyFile = path.join(ctx.dataDir, 'master.key')
      return pending
        ? { ...result, keyFile, resumed: true, message: 'finished an interrupted rotation: the new key is the one it left in master.key.next' }
        : { ...result, keyFile, resumed: false }
    })
  },
  'db:migrate': {
    needsMasterKey: false,
    help: 'Apply pending database migrations',
    options: {},
    run: (config) => withDatabaseUrl(config, async url => ({ applied: await applyMigrations({ databaseUrl: url }) }))
  },
  'db:status': {
    needsMasterKey: false,
    help: 'Show pending, failed or edited migrations; exits 1 while some are pending or failed',
    options: {},
    run: (config) => withDatabaseUrl(config, async url => {
      const status = await migrationStatus({ databaseUrl: url })
      return { upToDate: status.pending.length === 0 && status.failed.length === 0, ...status }
    }),
    // As `prisma migrate status`, so that a deployment script or CI can stop on it. An applied
    // migration edited since is reported but, as there and at the gateway's start, not a failure.
    failure: (result) => {
      const status = result as MigrationStatus & { upToDate: boolean }
      if (status.upToDate) return null
      return `the database is not up to date (pending: ${status.pending.join(', ') || 'none'}, failed: ${status.failed.join(', ') || 'none'}): ` +
        (status.failed.length > 0
          ? 'repair each failed migration by hand and mark it rolled back or applied (docs/operations.md, "Database and migrations"), then run `npm run db:migrate`'
          : 'run `npm run db:migrate`')
    }
  },
  'db:migration': {
    needsMasterKey: false,
    help: 'Create the next migration from prisma/schema.prisma: db:migration <name>',
    options: {},
    run: async (config, _o, positionals) => {
      const name = positionals[0]
      if (!name) throw badUserInput('give the migration a name: npm run db:migration -- <name>', [{ field: 'name', message: 'is required' }])
      // Checked here too (the migrator refuses it as well) so that a typo is a coded input error,
      // reported before a database is started.
      if (!/^[a-z0-9_]+$/.test(name)) throw badUserInput('invalid migration name', [{ field: 'name', message: 'is made of a-z, 0-9 and _' }])
      return withDatabaseUrl(config, async url => {
        const folder = await createMigration({ databaseUrl: url, name })
        return folder ? { created: folder } : { created: null, message: 'no change: the migrations already match schema.prisma' }
      })
    }
  },
  ...syncCommands,
  ...webhookCommands,
  ...customerCommands,
  ...accessCommands
}
