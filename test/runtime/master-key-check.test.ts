// The start-up check of the master keys: a gateway (or a CLI command) whose keys do not open the
// secrets stored in the database refuses to start, with one message that names the key id they
// need and the variable or file to set, never a key. The operator's case: `master-key:rotate`, then
// a restart with only the old key.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createPrismaClient } from '../../src/db/client.js'
import type { Db } from '../../src/db/client.js'
import { createSecretBox, envelopeKeyId, generateMasterKey, keyIdOf } from '../../src/crypto/secret-box.js'
import { createStores } from '../../src/tenancy/index.js'
import { sealedKeyUse } from '../../src/runtime/master-key-check.js'
import { startRuntime } from '../../src/runtime/runtime.js'
import { loadConfig } from '../../src/config.js'
import { testConfig } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import type { Teardown } from '../support/database.js'
import { spawnCli } from '../support/cli.js'
import { spawnServer } from '../support/server-process.js'

t.setTimeout(180_000)

const quiet = { info () {}, warn () {}, debug () {}, error () {} }

// A tenant (application secret) and one consumer key per user, sealed with `key`.
async function seedSecrets (db: Db, key: Buffer, users = 1): Promise<void> {
  const stores = createStores(db, createSecretBox(key))
  const tenant = await stores.tenants.create({ slug: `t-${randomBytes(4).toString('hex')}`, name: 'T', ovhEndpoint: 'ovh-eu', ovhApplicationKey: 'ak', ovhApplicationSecret: 'as' })
  for (let i = 0; i < users; i++) {
    const user = await db.user.create({ data: { tenantId: tenant.id, email: `u${i}-${tenant.slug}@example.com`, role: 'viewer' } })
    await stores.credentials.import({ tenantId: tenant.id, userId: user.id, consumerKey: `ck-${i}` })
  }
}

async function withDatabase (t: Teardown): Promise<{ url: string, db: Db }> {
  const url = await createTestDatabase(t)
  const db = createPrismaClient(url)
  t.teardown(() => db.$disconnect())
  return { url, db }
}

const b64 = (key: Buffer): string => key.toString('base64')

t.test('the key ids in use are read without opening anything, and match the envelopes', async t => {
  const { db } = await withDatabase(t)
  t.same(await sealedKeyUse(db), [], 'an empty database uses no key')
  const a = generateMasterKey()
  const b = generateMasterKey()
  await seedSecrets(db, a, 2)
  await seedSecrets(db, b, 0)
  const use = await sealedKeyUse(db)
  t.same(use, [
    { keyId: keyIdOf(a), applicationSecrets: 1, consumerKeys: 2 },
    { keyId: keyIdOf(b), applicationSecrets: 1, consumerKeys: 0 }
  ].sort((x, y) => x.keyId.localeCompare(y.keyId)))
  const envelopes = [...(await db.tenant.findMany()).map(row => row.ovhApplicationSecret), ...(await db.ovhCredential.findMany()).map(row => row.consumerKey)]
  t.same(new Set(envelopes.map(envelopeKeyId)), new Set(use.map(entry => entry.keyId)), 'the same ids as envelopeKeyId reads')
})

t.test('production: the keys must open every stored secret', async t => {
  const { url, db } = await withDatabase(t)
  const oldKey = generateMasterKey()
  const newKey = generateMasterKey()
  const start = async (env: Record<string, string>) => {
    const runtime = await startRuntime(testConfig(url, { SANDBOX: 'false', ...env }), quiet)
    await runtime.close()
  }
  await start({ GATEWAY_MASTER_KEY: b64(oldKey) })
  t.pass('an empty database starts with any key')
  await seedSecrets(db, newKey)

  const refused = await start({ GATEWAY_MASTER_KEY: b64(oldKey) }).catch((err: Error) => err)
  t.match(refused, { code: 'MASTER_KEY' })
  const message = (refused as Error).message
  t.match(message, `2 secrets (1 tenant application secret, 1 consumer key) are sealed with master key ${keyIdOf(newKey)}, which is not configured`)
  t.match(message, `GATEWAY_MASTER_KEY is key ${keyIdOf(oldKey)}, GATEWAY_PREVIOUS_MASTER_KEY is not set`)
  t.match(message, /Set GATEWAY_MASTER_KEY to the key they were sealed with[\s\S]*GATEWAY_PREVIOUS_MASTER_KEY/)
  for (const key of [oldKey, newKey]) t.notOk(message.includes(b64(key)) || message.includes(key.toString('hex')), 'no key in the message')

  await start({ GATEWAY_MASTER_KEY: b64(newKey) })
  t.pass('the key they were sealed with starts')
  await start({ GATEWAY_MASTER_KEY: b64(generateMasterKey()), GATEWAY_PREVIOUS_MASTER_KEY: b64(newKey) })
  t.pass('so does a rotation rolling out, the old key as GATEWAY_PREVIOUS_MASTER_KEY')
})

t.test('after master-key:rotate, a gateway restarted with the old key refuses to start', async t => {
  const { url, db } = await withDatabase(t)
  const oldKey = b64(generateMasterKey())
  const newKey = b64(generateMasterKey())
  await seedSecrets(db, Buffer.from(oldKey, 'base64'))
  // The CLI as the operator runs it, a process beside the gateway's: the exit codes below are a real
  // process's (the in-process runs of test/cli/ return theirs from a function).
  const rotated = await spawnCli(['master-key:rotate', '--json'], { DATABASE_URL: url, GATEWAY_MASTER_KEY: newKey, GATEWAY_PREVIOUS_MASTER_KEY: oldKey })
  t.equal(rotated.code, 0, rotated.stderr)

  const server = spawnServer({ DATABASE_URL: url, GATEWAY_MASTER_KEY: oldKey, SANDBOX: 'false', PORT: '0', OVH_ENDPOINT: 'http://127.0.0.1:9/1.0' })
  t.teardown(() => { server.child.kill('SIGKILL') })
  t.equal(await server.exited, 1, 'exits with an error instead of serving')
  const output = server.output()
  t.match(output, `sealed with master key ${keyIdOf(Buffer.from(newKey, 'base64'))}, which is not configured`)
  t.notOk(output.includes(oldKey) || output.includes(newKey), 'no key printed')

  const cli = await spawnCli(['tenant:list', '--json'], { DATABASE_URL: url, GATEWAY_MASTER_KEY: oldKey })
  t.equal(cli.code, 1)
  t.match(cli.json, { error: { code: 'MASTER_KEY', message: /which is not configured/ } }, 'the CLI refuses the same way, before it seals anything with the wrong key')
})

t.test('zero-config: a data folder whose master.key was replaced refuses to start', async t => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogw-key-check-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const config = loadConfig({ DATA_DIR: dataDir, SANDBOX: 'false', LOG_LEVEL: 'silent' })
  const first = await startRuntime(config, quiet, { withSandbox: false })
  const sealedWith = first.secrets.keyId
  try {
    await seedSecrets(first.db, first.masterKey)
  } finally {
    await first.close()
  }
  const replacement = generateMasterKey()
  await writeFile(path.join(dataDir, 'master.key'), b64(replacement) + '\n', { mode: 0o600 })
  const refused = await startRuntime(config, quiet, { withSandbox: false }).catch((err: Error) => err)
  t.match(refused, { code: 'MASTER_KEY', message: new RegExp(`sealed with master key ${sealedWith}, which is not configured`) })
  t.match((refused as Error).message, `none of the key files in ${dataDir} holds it (master.key is key ${keyIdOf(replacement)})`)
  t.notOk((refused as Error).message.includes(b64(replacement)))
  // The refused start stopped its embedded PostgreSQL: the next one can take the folder again.
  await writeFile(path.join(dataDir, 'master.key'), b64(first.masterKey) + '\n', { mode: 0o600 })
  const again = await startRuntime(config, quiet, { withSandbox: false })
  await again.close()
  t.pass('the right key starts again')
})
