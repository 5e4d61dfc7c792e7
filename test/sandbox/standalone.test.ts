// `npm run sandbox` (src/sandbox/standalone.ts) as a child process: banner, a signed call with the
// printed credentials, Ctrl-C closes cleanly and writes the snapshot.
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { request } from 'undici'
import { signRequest } from '../../src/ovh/signature.js'
import { fromRoot } from '../support/paths.js'

const root = fromRoot()

function field (banner: string, label: string): string {
  const value = new RegExp(`${label}\\s+(\\S+)`).exec(banner)?.[1]
  if (value === undefined) throw new Error(`no ${label} in the banner:\n${banner}`)
  return value
}

t.test('runs standalone, prints its credentials, stops on SIGINT', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'ovh-sandbox-standalone-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const statePath = join(dir, 'state.json')
  // Started the way `npm run sandbox` does (tsx), outside tap's process tracking: tap re-adds its
  // loader to any node it spawns, and merging tsx's coverage with its own garbles the report of
  // every sandbox file. The shell drops that loader, then execs node (so SIGINT reaches it).
  const child = spawn('/bin/sh', ['-c', 'unset NODE_OPTIONS NODE_V8_COVERAGE; exec "$0" --import tsx src/sandbox/standalone.ts', process.execPath], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SANDBOX_STATE: statePath, SANDBOX_EXTRA_DOMAINS: '500' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const exited = new Promise<number | null>(resolve => child.on('exit', code => resolve(code)))
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let stdout = ''
  let stderr = ''
  child.stderr.on('data', chunk => { stderr += String(chunk) })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', chunk => {
      stdout += String(chunk)
      if (stdout.includes('Press Ctrl-C')) resolve()
    })
    child.on('exit', code => reject(new Error(`exited with ${String(code)} before the banner:\n${stdout}\n${stderr}`)))
  })

  const api = field(stdout, 'API endpoint')
  t.match(api, /^http:\/\/127\.0\.0\.1:\d+\/1\.0$/)
  const applicationKey = field(stdout, 'Application key')
  const applicationSecret = field(stdout, 'Application secret')
  const consumerKey = field(stdout, 'Consumer key')
  t.match(stdout, 'ovh.NewClient', 'an SDK example')
  t.match(stdout, `ovh.client.ENDPOINTS["sandbox"] = "${api}"`, 'and the Python SDK\'s, with this endpoint')
  t.match(stdout, `consumer_key="${consumerKey}"`)

  const time = Number(await (await request(`${api}/auth/time`)).body.text())
  const url = `${api}/domain`
  const response = await request(url, {
    headers: {
      'x-ovh-application': applicationKey,
      'x-ovh-consumer': consumerKey,
      'x-ovh-timestamp': String(time),
      'x-ovh-signature': signRequest({ applicationSecret, consumerKey, method: 'GET', url, body: '', timestamp: time })
    }
  })
  t.equal(response.statusCode, 200)
  const domains = await response.body.json() as string[]
  t.ok(domains.includes('demo-shop.com'))
  t.equal(domains.length, 513, 'SANDBOX_EXTRA_DOMAINS generated domains')
  t.match(stdout, /Demo portfolio\s+513 domains, 500 of them generated/)

  child.kill('SIGINT')
  t.equal(await exited, 0, 'clean exit')
  t.match(stdout, 'SIGINT: closing the OVH sandbox')
  t.ok(existsSync(statePath), 'the snapshot is written on close')
})

t.test('a bad variable stops the start with a message naming it', async t => {
  const child = spawn('/bin/sh', ['-c', 'unset NODE_OPTIONS NODE_V8_COVERAGE; exec "$0" --import tsx src/sandbox/standalone.ts', process.execPath], {
    cwd: root,
    env: { ...process.env, PORT: '0', SANDBOX_EXTRA_DOMAINS: 'lots' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let stderr = ''
  child.stderr.on('data', chunk => { stderr += String(chunk) })
  const code = await new Promise<number | null>(resolve => child.on('exit', resolve))
  t.equal(code, 1)
  t.match(stderr, /Invalid sandbox configuration:\n {2}- SANDBOX_EXTRA_DOMAINS: /)
})
