// The sync under trouble: a worker stopped mid-way resumes without re-reading what it has, a spent
// budget share reschedules instead of failing, a dead sync key fails the account (with its error
// and a log line), and two gateways on one database sync each account once.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import pino from 'pino'
import { build } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import { addDomains, lastCallId, startStandaloneSandbox } from '../support/sandbox.js'
import { byRoute, seedSyncKey, syncCalls } from '../support/mirror.js'
import { loggerOptions } from '../../src/logger.js'
import { createTenant } from '../../src/admin/tenants.js'
import { createUser } from '../../src/admin/users.js'
import { requestSyncKeyFor } from '../../src/mirror/sync-key.js'
import { checkCredential } from '../../src/admin/credentials.js'
import { discoverAccounts } from '../../src/mirror/sync-keys.js'

const namesRead = (paths: string[]): string[] => paths.flatMap(path => path.replace('/domain/', '').split(','))

t.test('a sync stopped mid-way resumes where it was, reading each domain once', async t => {
  const ctx = await build(t)
  addDomains(ctx.sandbox, 'demo-ovh', 140)
  const setup = await seedSyncKey(ctx)
  const [account] = await discoverAccounts({ db: ctx.db })
  const since = lastCallId(ctx.sandbox)

  // The worker stops (graphile-worker aborts the job's signal) after the first batch is applied.
  const stop = new AbortController()
  const first = await ctx.app.mirror.runDomains(account.id, { signal: stop.signal, onProgress: () => stop.abort() })
  t.equal(first?.result, 'interrupted')
  const [halfway] = await ctx.app.mirror.status({ accountId: account.id })
  t.equal(halfway.state, 'initial', 'still the first sync')
  t.equal(halfway.domainsSynced, 50, 'the first batch is kept')
  t.equal(halfway.lastError, null, 'an interruption is no error')

  const second = await ctx.app.mirror.runDomains(account.id)
  t.equal(second?.result, 'done')
  const calls = syncCalls(ctx, setup, since)
  t.equal(byRoute(calls, '/domain').length, 1, 'the list is not read again')
  const read = namesRead(byRoute(calls, '/domain/{serviceName}').map(call => call.path))
  t.equal(new Set(read).size, read.length, 'no domain read twice')
  const [done] = await ctx.app.mirror.status({ accountId: account.id })
  t.equal(done.state, 'ready')
  t.equal(read.length, done.domainsKnown, 'every domain read once')
})

t.test('a spent budget share reschedules the sync; it does not fail', async t => {
  // 10 calls a minute, half for the sync: 5.
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '10', MIRROR_SYNC_BUDGET_SHARE: '0.5' } })
  addDomains(ctx.sandbox, 'demo-ovh', 300)
  const setup = await seedSyncKey(ctx)
  const since = lastCallId(ctx.sandbox)
  const started = Date.now()
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()

  const calls = syncCalls(ctx, setup, since)
  t.ok(calls.length <= 5, `at most the share: ${calls.length} calls`)
  t.ok(calls.every(call => call.status === 200), 'no call refused by a budget')
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  t.equal(status.state, 'initial', 'still syncing, not failed')
  t.equal(status.lastError, null)
  t.ok(status.domainsSynced > 0 && status.domainsSynced < status.domainsKnown, 'part done')
  const jobs = await ctx.app.jobs.queue.pendingJobs('mirror:sync-account')
  t.equal(jobs.length, 1, 'rescheduled')
  t.ok(jobs[0].runAt.getTime() > started, 'for later')
})

t.test('an expired sync key fails the account with its error and a log line', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { logger: pino({ ...loggerOptions('info', false) }, sink) })
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const [account] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  t.equal(account.state, 'ready')

  ctx.sandbox.admin.expireCredential({ consumerKey: setup.syncConsumerKey })
  await ctx.db.mirrorAccount.update({ where: { id: account.accountId }, data: { lastListAt: new Date(0) } })
  const outcome = await ctx.app.mirror.runDomains(account.accountId)
  t.equal(outcome?.result, 'failed')
  const [status] = await ctx.app.mirror.status({ accountId: account.accountId })
  t.equal(status.state, 'failed')
  t.match(status.lastError, /sync key/)
  t.ok(status.lastErrorAt)
  t.equal((await ctx.db.ovhCredential.findUniqueOrThrow({ where: { id: setup.syncKey.id } })).state, 'expired', 'the key is marked expired')
  const logged = lines.map(line => JSON.parse(line)).filter(line => line.msg === 'mirror: sync failed')
  t.equal(logged.length, 1, 'one log line')
  t.equal(logged[0].accountId, account.accountId)
  t.notOk(lines.some(line => line.includes(setup.syncConsumerKey)), 'no consumer key in the logs')

  // The user's own key is not the sync key: it still works.
  t.equal((await ctx.db.ovhCredential.findUniqueOrThrow({ where: { id: setup.credential!.id } })).state, 'validated')
})

t.test('two gateways on one database sync each account once', async t => {
  const { sandbox, baseUrl } = await startStandaloneSandbox(t)
  addDomains(sandbox, 'demo-ovh', 100)
  const other = sandbox.admin.createAccount({ seed: 'demo' })
  const databaseUrl = await createTestDatabase(t)
  // Instances of one deployment share its master key (each build() would draw its own, and a
  // runner could not open the sync key the other sealed: its jobs failed and backed off for minutes).
  const env = { GATEWAY_MASTER_KEY: randomBytes(32).toString('base64') }
  const one = await build(t, { databaseUrl, env })
  const two = await build(t, { databaseUrl, env })

  // Two tenants on the standalone sandbox, each with a sync key on its own OVH account.
  const keys: string[] = []
  for (const [slug, account] of [['alpha', 'demo-ovh'], ['beta', other.nic]] as const) {
    const tenant = await createTenant(one.admin, { slug, name: slug, ovhEndpoint: baseUrl, ovhApplicationKey: sandbox.demo.applicationKey, ovhApplicationSecret: sandbox.demo.applicationSecret })
    const user = await createUser(one.admin, { tenant: slug, email: `admin@${slug}.example`, role: 'admin' })
    const key = await requestSyncKeyFor(one.admin, tenant, user)
    await sandbox.admin.validateCredential({ consumerKey: one.admin.stores.credentials.consumerKey(key), account })
    keys.push(String((await checkCredential(one.admin, key, tenant)).ovhCredentialId))
  }
  const since = lastCallId(sandbox)

  await Promise.all([one.app.jobs.start(), two.app.jobs.start()])
  t.teardown(() => Promise.all([one.app.jobs.stop(), two.app.jobs.stop()]))
  // Bounded wait: both first syncs and their tasks and orders (about 2 s here).
  const deadline = Date.now() + 60_000
  const ready = async () => (await one.app.mirror.status()).filter(status => status.state === 'ready').length === 2 &&
    (await one.app.jobs.queue.pendingJobs('mirror:')).every(job => job.runAt.getTime() > Date.now())
  while (!(await ready()) && Date.now() < deadline) await sleep(200)
  t.ok(await ready(), 'both accounts synced')

  for (const id of keys) {
    const calls = sandbox.admin.calls({ since }).filter(call => call.credentialId === Number(id))
    const count = (route: string) => calls.filter(call => call.route === route).length
    const listed = calls.find(call => call.route === '/domain')?.account
    const domains = Object.keys(sandbox.state.accounts[listed!].domains).length
    t.equal(count('/domain'), 1, `${listed}: listed once`)
    t.equal(count('/domain/{serviceName}'), Math.ceil(domains / 50), `${listed}: each batch read once`)
    t.equal(count('/me/task/domain'), 1, `${listed}: tasks listed once`)
    t.equal(count('/me/order'), 1, `${listed}: orders listed once`)
  }
})
