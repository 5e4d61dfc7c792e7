// `npm start` with no configuration at all: embedded PostgreSQL, migrations, sandbox, demo tenant,
// banner and demo.json; the same key on the next start; clean Ctrl-C; recovery after a kill.
import t from 'tap'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startServer } from '../support/server-process.js'

// `live`: read OVH (the sandbox) even where the portfolio mirror answers.
async function domainsCount (graphqlUrl: string, apiKey: string, live = false): Promise<number> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: `{ me { credential { state } } domains(live: ${String(live)}) { totalCount edges { node { name } } } }` })
  })
  const body = await response.json() as { data: { me: { credential: { state: string } }, domains: { totalCount: number } } | null }
  if (!body.data) throw new Error(`no data: ${JSON.stringify(body)}`)
  if (body.data.me.credential.state !== 'validated') throw new Error('demo credential not validated')
  return body.data.domains.totalCount
}

// A customer user made through the API reads at once, signed with the demo's customer key
// (docs/customers.md): their domains only.
async function customerUserDomains (restUrl: string, apiKey: string, domain: string): Promise<string[]> {
  const call = async (method: string, url: string, body?: object, key = apiKey) => {
    const response = await fetch(`${restUrl}${url}`, { method, headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined })
    return await response.json() as any
  }
  const customer = await call('POST', '/customers', { reference: 'zero-config', name: 'Zero config', email: 'zc@example.com' })
  await call('PUT', `/customers/${String(customer.id)}/domains`, { domains: [domain] })
  const user = await call('POST', '/users', { email: 'zc@customer.example', role: 'viewer', customers: ['zero-config'] })
  const { key } = await call('POST', `/users/${String(user.id)}/api-keys`, {})
  const list = await call('GET', '/domains?live=true', undefined, key)
  if (!Array.isArray(list.items)) throw new Error(`no list: ${JSON.stringify(list)}`)
  return list.items.map((item: { domain: string }) => item.domain)
}

t.setTimeout(240_000)

t.test('zero-configuration start, restart, Ctrl-C and a killed run', async t => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ogw-zero-config-'))
  t.teardown(() => rm(dataDir, { recursive: true, force: true }))
  const env = { DATA_DIR: dataDir, PORT: '0' }

  // The first start is exactly `npm start`'s (tsx); the restarts may run the tests' compiled build.
  const first = await startServer(env, { viaTsx: true })
  t.teardown(() => { first.child.kill('SIGKILL') })
  t.match(first.output(), /GraphiQL\s+http:\/\/127\.0\.0\.1:\d+\/graphiql/)
  const demo = JSON.parse(await readFile(path.join(dataDir, 'demo.json'), 'utf8'))
  t.match(demo, { apiKey: first.apiKey, graphqlUrl: first.graphqlUrl, sandboxUrl: /\/sandbox\/1\.0$/ })
  t.equal((await stat(path.join(dataDir, 'master.key'))).mode & 0o777, 0o600, 'master key readable by its owner only')
  t.equal((await stat(path.join(dataDir, 'demo.json'))).mode & 0o777, 0o600)
  t.ok(await domainsCount(first.graphqlUrl, first.apiKey) >= 12, 'the demo key reads the sandbox portfolio')
  t.same(await customerUserDomains(demo.restUrl, first.apiKey, 'demo-shop.com'), ['demo-shop.com'], 'a customer user works at once')

  first.child.kill('SIGINT')
  t.equal(await first.exited, 0, 'Ctrl-C exits cleanly')
  t.notOk(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'and stops PostgreSQL')
  t.match(first.output(), /"reason":"SIGINT","graceMs":35000,"msg":"shutting down[^\n]*\n[\s\S]*"msg":"shutdown complete"/, 'the shutdown is logged, start and end')

  const second = await startServer(env)
  t.teardown(() => { second.child.kill('SIGKILL') })
  t.equal(second.apiKey, first.apiKey, 'a second start prints the same key')
  t.ok(await domainsCount(second.graphqlUrl, second.apiKey) >= 12)

  // Another gateway on the same data folder is refused with a clear message.
  const clash = await startServer(env, { timeoutMs: 20_000 }).catch((err: Error) => err)
  t.match(clash, Error)
  t.match((clash as Error).message, /already runs the embedded PostgreSQL/)

  // SIGKILL leaves PostgreSQL running: the next start must recover from it.
  second.child.kill('SIGKILL')
  await second.exited
  t.ok(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'the killed run left its PostgreSQL behind')
  const third = await startServer(env)
  t.teardown(() => { third.child.kill('SIGKILL') })
  t.equal(third.apiKey, first.apiKey)
  t.ok(await domainsCount(third.graphqlUrl, third.apiKey) >= 12)

  // A request waiting on OVH when SIGTERM comes (longer than the former 10 s grace delay, shorter
  // than OVH_TIMEOUT_MS; a live read, since the mirror answers the others): it gets its answer, the process exits 0 and PostgreSQL is stopped. The
  // latency is on the query's last upstream call (the batch read of the page's domains after the
  // list; totalCount alone would not read them): the in-process
  // sandbox, served by the closing server, refuses calls that start after the SIGTERM.
  const { sandboxAdminUrl } = JSON.parse(await readFile(path.join(dataDir, 'demo.json'), 'utf8'))
  const fault = await fetch(`${sandboxAdminUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ method: 'GET', path: '/domain/*', latencyMs: 12_000, times: 1 })
  })
  t.equal(fault.status, 201)
  const started = Date.now()
  const inFlight = domainsCount(third.graphqlUrl, third.apiKey, true)
  await new Promise(resolve => setTimeout(resolve, 1_000))
  third.child.kill('SIGTERM')
  t.ok(await inFlight >= 12, 'the in-flight request is answered')
  t.ok(Date.now() - started >= 11_000, 'after the upstream latency')
  t.equal(await third.exited, 0, 'then the process exits cleanly')
  t.notOk(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), 'and stops PostgreSQL')
})
