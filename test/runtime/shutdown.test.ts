// Shutdown past its grace delay: the calls still waiting on OVH are aborted, their requests answer
// UPSTREAM_UNAVAILABLE, and the runtime (database, sandbox) is closed all the same. Its start (with
// the grace delay) and its end are logged.
import t from 'tap'
import { Client } from 'undici'
import { testConfig } from '../helper.js'
import type { TestApp } from '../helper.js'
import { createTestDatabase } from '../support/database.js'
import type { Teardown } from '../support/database.js'
import { seedUser } from '../support/fixtures.js'
import { startRuntime } from '../../src/runtime/runtime.js'
import { buildApp } from '../../src/app.js'
import { graceDelayMs, shutdown } from '../../src/runtime/shutdown.js'

const quiet = { info () {}, warn () {}, debug () {}, error () {} }

t.test('the grace delay fits one upstream call', async t => {
  t.ok(graceDelayMs(30_000) > 30_000)
})

t.test('the shutdown logs when it starts, with its grace delay, and when it is done', async t => {
  const databaseUrl = await createTestDatabase(t)
  const config = testConfig(databaseUrl)
  const runtime = await startRuntime(config, quiet)
  const app = await buildApp(config, { db: runtime.db, secrets: runtime.secrets, sandbox: runtime.sandbox })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const infos: Array<{ obj: object, msg?: string }> = []
  await shutdown(app, runtime, { graceMs: 2_000, reason: 'SIGTERM', log: { ...quiet, info: (obj, msg) => { infos.push({ obj, msg }) } } })
  t.match(infos, [
    { obj: { reason: 'SIGTERM', graceMs: 2_000 }, msg: /^shutting down/ },
    { obj: { durationMs: Number }, msg: /^shutdown complete/ }
  ])
  t.equal(infos.length, 2)
})

// A listening gateway with its runtime, as server.ts builds it, and a user to call it with.
async function listeningGateway (t: Teardown) {
  const databaseUrl = await createTestDatabase(t)
  const config = testConfig(databaseUrl)
  const runtime = await startRuntime(config, quiet)
  const app = await buildApp(config, { db: runtime.db, secrets: runtime.secrets, sandbox: runtime.sandbox })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const ctx = {
    app,
    config,
    db: runtime.db,
    secrets: runtime.secrets,
    sandbox: runtime.sandbox!,
    baseUrl,
    admin: { config, db: runtime.db, secrets: runtime.secrets, stores: app.stores, registry: app.ovh, gatewayUrl: baseUrl }
  } satisfies TestApp
  const user = await seedUser(ctx)
  return { ctx, runtime, user }
}

t.test('a request still waiting on OVH after the grace delay answers UPSTREAM_UNAVAILABLE', async t => {
  const { ctx, runtime, user } = await listeningGateway(t)
  const { app, baseUrl } = ctx

  ctx.sandbox.admin.addFault({ method: 'GET', path: '/domain', latencyMs: 10_000, times: 1 })
  const started = Date.now()
  const answer = fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.apiKey}` },
    body: JSON.stringify({ query: '{ domains { totalCount } }' })
  }).then(async response => await response.json() as { errors?: Array<{ extensions: { code: string } }> })
  await new Promise(resolve => setTimeout(resolve, 500))
  const warnings: string[] = []
  await shutdown(app, runtime, { graceMs: 1_000, log: { ...quiet, warn: (_obj, msg) => { warnings.push(msg ?? '') } } })
  const body = await answer
  t.equal(body.errors?.[0].extensions.code, 'UPSTREAM_UNAVAILABLE', 'the request gets a coded error')
  // The sandbox holds the call 10 s; the connection of the answered request does not hold the close
  // for its keep-alive timeout either.
  t.ok(Date.now() - started < 7_000, 'the request is answered and the shutdown done without waiting for OVH')
  t.match(warnings, [/aborting their upstream calls/])
})

t.test('a request arriving on an open connection during the shutdown is a coded 503 SHUTTING_DOWN', async t => {
  const { ctx, runtime, user } = await listeningGateway(t)
  // One connection, two GETs pipelined on it: the second is sent once the shutdown has begun, on a
  // connection that is busy (so not closed as idle) with the first, which OVH holds.
  const client = new Client(ctx.baseUrl, { pipelining: 2 })
  t.teardown(() => client.destroy())
  const headers = { authorization: `Bearer ${user.apiKey}` }
  // The payment methods are always read live (the mirror's sync reads /domain and could take the fault).
  const fault = ctx.sandbox.admin.addFault({ method: 'GET', path: '/me/payment/method', latencyMs: 1_500, times: 1 })
  const held = client.request({ method: 'GET', path: '/v1/payment-methods', headers })
  // The shutdown begins once OVH holds the first request (a fixed wait lost that race on a busy machine).
  for (let waited = 0; waited < 10_000 && ctx.sandbox.admin.faults().find(f => f.id === fault.id)?.hits === 0; waited += 10) {
    await new Promise(resolve => setTimeout(resolve, 10))
  }
  const closing = shutdown(ctx.app, runtime, { graceMs: 5_000, log: quiet })
  await new Promise(resolve => setTimeout(resolve, 100))
  const late = await client.request({ method: 'GET', path: '/v1/me', headers })

  const first = await held
  t.equal(first.statusCode, 200, 'the request in flight finishes')
  await first.body.dump()
  t.equal(late.statusCode, 503)
  t.equal(late.headers['content-type'], 'application/problem+json; charset=utf-8')
  t.equal(late.headers['retry-after'], '1')
  t.equal(late.headers.connection, 'close', 'the connection is closed after the answer')
  t.match(await late.body.json(), { code: 'SHUTTING_DOWN', status: 503, retryAfter: 1, requestId: String })
  await closing
})

t.test('a hung close cannot hold the shutdown past its step deadline', async t => {
  const databaseUrl = await createTestDatabase(t)
  const config = testConfig(databaseUrl)
  const runtime = await startRuntime(config, quiet)
  const app = await buildApp(config, { db: runtime.db, secrets: runtime.secrets, sandbox: runtime.sandbox })
  // A plugin whose close never ends.
  app.addHook('onClose', () => new Promise<void>(() => {}))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const errors: string[] = []
  const infos: string[] = []
  const started = Date.now()
  await shutdown(app, runtime, {
    graceMs: 300,
    stepDeadlineMs: 500,
    log: { ...quiet, info: (_obj, msg) => { infos.push(msg ?? '') }, error: (_obj, msg) => { errors.push(msg ?? '') } }
  })
  const took = Date.now() - started
  t.ok(took >= 800 && took < 2_000, `shutdown() returned after the grace delay and the step deadline (${took} ms)`)
  t.match(errors, [/the app did not close in time/])
  t.match(infos, [/^shutting down/, /^shutdown complete/])
})
