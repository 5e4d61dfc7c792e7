// `npm run cli -- master-key:rotate` while a zero-configuration gateway serves: the gateway rereads
// the key files when it meets the new key, so its requests keep working without a restart; the
// next start removes the previous key once nothing uses it.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../support/server-process.js'
import { runCli } from '../support/cli.js'

t.setTimeout(240_000)

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

  // The new key given in the environment, out of the command line.
  const newKey = randomBytes(32).toString('base64')
  const rotated = await runCli(['master-key:rotate', '--json'], { DATA_DIR: dataDir, GATEWAY_NEW_MASTER_KEY: newKey })
  t.equal(rotated.code, 0, rotated.stderr)
  t.match(rotated.json, { tenants: 1, credentials: 1, resealed: 2 })
  t.equal((await readFile(keyFile, 'utf8')).trim(), newKey, 'master.key holds the new key')
  t.equal(await readFile(`${keyFile}.previous`, 'utf8'), oldKey, 'the old key is kept while a gateway may still use it')

  for (let i = 0; i < 3; i++) {
    t.match(await domains(gateway.graphqlUrl, gateway.apiKey), { data: { domains: { totalCount: Number } } }, 'requests keep working without a restart')
  }
  t.notMatch(gateway.output(), /not configured/, 'no secret failed to open')

  gateway.child.kill('SIGTERM')
  t.equal(await gateway.exited, 0)
  const restarted = await startServer(env)
  t.teardown(() => { restarted.child.kill('SIGKILL') })
  t.notOk(existsSync(`${keyFile}.previous`), 'the next start removes the previous key, which no secret uses any more')
  t.match(await domains(restarted.graphqlUrl, restarted.apiKey), { data: { domains: { totalCount: Number } } })
  restarted.child.kill('SIGTERM')
  t.equal(await restarted.exited, 0)
})
