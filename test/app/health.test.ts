// Liveness, readiness (database and migrations; OVH reported as degraded), request ids, and the API
// documents.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { loggerOptions } from '../../src/logger.js'

t.test('live and ready when the database and OVH answer', async t => {
  const ctx = await build(t, { env: { OVH_ENDPOINT: 'sandbox' } })
  t.same((await ctx.app.inject('/health/live')).json(), { status: 'ok' })
  const ready = await ctx.app.inject('/health/ready')
  t.equal(ready.statusCode, 200)
  t.match(ready.json(), { status: 'ok', checks: { database: { ok: true }, migrations: { ok: true }, ovh: { ok: true, endpoint: 'sandbox' } } })
})

t.test('ready but degraded when the OVH endpoint cannot be reached: the instance stays in service', async t => {
  const ctx = await build(t, { env: { OVH_ENDPOINT: 'http://127.0.0.1:9/1.0' } })
  const ready = await ctx.app.inject('/health/ready')
  t.equal(ready.statusCode, 200)
  t.match(ready.json(), { status: 'degraded', checks: { database: { ok: true }, migrations: { ok: true }, ovh: { ok: false, error: 'OVH cannot be reached (connection)' } } })
  t.equal((await ctx.app.inject('/health/live')).statusCode, 200, 'still alive')
  const metrics = await ctx.app.inject('/metrics')
  t.match(metrics.body, /^gateway_ovh_reachable 0$/m, 'the metric says OVH is out of reach')
})

t.test('not ready when the database lacks a migration this code expects', async t => {
  const ctx = await build(t)
  await ctx.db.$executeRawUnsafe('DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)')
  const ready = await ctx.app.inject('/health/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { status: 'unavailable', checks: { database: { ok: true }, migrations: { ok: false, error: 'migrations pending' } } })
})

t.test('degraded when OVH answers an error: a fixed reason, OVH\'s own words only in the log', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { env: { OVH_ENDPOINT: 'sandbox' }, logger: pino(loggerOptions('info', false), sink) })
  ctx.sandbox.admin.addFault({ method: 'GET', path: '/auth/time', status: 500, message: 'backend db-7.internal is down' })
  const ready = await ctx.app.inject('/health/ready')
  t.equal(ready.statusCode, 200)
  t.match(ready.json(), { status: 'degraded', checks: { database: { ok: true }, ovh: { ok: false, error: 'OVH answered 500' } } })
  t.notOk(ready.body.includes('db-7'), 'the unauthenticated probe does not repeat OVH\'s message')
  t.ok(lines.some(line => line.includes('readiness: the OVH check failed') && line.includes('db-7')), 'the log has it')
})

t.test('the readiness probe\'s upstream call is logged, outside any request', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { env: { OVH_ENDPOINT: 'sandbox' }, logger: pino(loggerOptions('info', false), sink) })
  t.equal((await ctx.app.inject('/health/ready')).statusCode, 200)
  const calls = lines.join('').split('\n').filter(Boolean).map(line => JSON.parse(line)).filter(entry => entry.ovh !== undefined)
  t.match(calls, [{ msg: 'ovh call', ovh: { method: 'GET', route: '/auth/time', status: 200, durationMs: Number } }])
})

t.test('request ids: a sane incoming one is kept, otherwise one is made', async t => {
  const ctx = await build(t)
  const kept = await ctx.app.inject({ url: '/health/live', headers: { 'x-request-id': 'billing-42.a' } })
  t.equal(kept.headers['x-request-id'], 'billing-42.a')
  const replaced = await ctx.app.inject({ url: '/v1/me', headers: { 'x-request-id': 'bad id\nwith newline' } })
  t.match(replaced.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  t.equal(replaced.json().requestId, replaced.headers['x-request-id'], 'problem bodies carry the request id')
})

t.test('OpenAPI document and its UI', async t => {
  const ctx = await build(t)
  const doc = await ctx.app.inject('/openapi.json')
  t.equal(doc.statusCode, 200)
  const spec = doc.json()
  t.match(spec, { openapi: /^3\./, paths: { '/v1/me': { get: Object }, '/v1/domains': { get: Object }, '/v1/domains/{name}': { get: Object } } })
  t.notOk(Object.keys(spec.paths).some((path: string) => path.startsWith('/graphql') || path.startsWith('/sandbox')), 'only the REST API is described')
  const ui = await ctx.app.inject('/docs/')
  t.equal(ui.statusCode, 200)
  t.match(ui.headers['content-type'], /text\/html/)
  const missing = await ctx.app.inject('/v2/nothing')
  t.match(missing.json(), { code: 'NOT_FOUND', status: 404 })
})
