import t from 'tap'
import { OvhApiError, OvhTransportError, createOvhTransport, type OvhTransportOptions } from '../../src/ovh/index.js'
import { parseRetryAfter } from '../../src/ovh/http.js'
import { CREDENTIALS, caught, json, startFakeOvh, type Handler, type Teardown } from './fake-ovh.js'

async function setup (t: Teardown, handler: Handler, options: Partial<OvhTransportOptions> = {}) {
  const fake = await startFakeOvh(t, handler)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1, ...options })
  t.teardown(() => transport.close())
  return { fake, transport, client: transport.client(CREDENTIALS) }
}

// Answers `failures` times with `status`, then 200.
function failingTimes (failures: number, status: number, headers: Record<string, string> = {}): Handler {
  let seen = 0
  return (req, res) => {
    seen++
    if (seen <= failures) json(res, status, { class: 'Server::ServiceUnavailable', message: 'try later' }, headers)
    else json(res, 200, { seen })
  }
}

t.test('GET is retried on 502, 503 and 504, at most `retries` times', async t => {
  for (const status of [502, 503, 504]) {
    const { fake, client } = await setup(t, failingTimes(2, status))
    t.same(await client.get('/domain'), { seen: 3 }, `${status}: third attempt succeeds`)
    t.equal(fake.requests.length, 3)
  }
  const { fake, client } = await setup(t, failingTimes(5, 503))
  const err = await caught(client.get('/domain'))
  t.ok(err instanceof OvhApiError)
  t.equal(err.status, 503)
  t.equal(fake.requests.length, 3, 'one attempt plus two retries')
})

t.test('the retry count is configurable, and 0 disables retries', async t => {
  const three = await setup(t, failingTimes(3, 503), { retries: 3 })
  t.same(await three.client.get('/domain'), { seen: 4 })
  const none = await setup(t, failingTimes(1, 503), { retries: 0 })
  await t.rejects(none.client.get('/domain'), { name: 'OvhApiError', status: 503 })
  t.equal(none.fake.requests.length, 1)
})

t.test('429 is retried after Retry-After, and the error keeps it', async t => {
  const arrivals: number[] = []
  const { client } = await setup(t, (req, res) => {
    arrivals.push(Date.now())
    if (arrivals.length === 1) json(res, 429, { message: 'slow down' }, { 'retry-after': '1' })
    else json(res, 200, 'ok')
  })
  t.equal(await client.get('/domain'), 'ok')
  t.equal(arrivals.length, 2)
  // A lower bound only: the client waited at least what OVH asked for.
  t.ok(arrivals[1] - arrivals[0] >= 950, `waited ${arrivals[1] - arrivals[0]} ms`)

  const limited = await setup(t, (req, res) => json(res, 429, { message: 'slow down' }, { 'retry-after': '7' }), { retries: 0 })
  await t.rejects(limited.client.get('/domain'), { name: 'OvhApiError', status: 429, retryAfter: 7 })
})

t.test('a Retry-After longer than maxRetryDelayMs is not retried: the caller gets it at once', async t => {
  const { fake, client } = await setup(t, failingTimes(1, 503, { 'retry-after': '3600' }), { maxRetryDelayMs: 10 })
  await t.rejects(client.get('/domain'), { name: 'OvhApiError', status: 503, retryAfter: 3600 })
  t.equal(fake.requests.length, 1)
  // One within the cap is waited for and retried.
  const within = await setup(t, failingTimes(1, 503, { 'retry-after': '1' }), { maxRetryDelayMs: 2_000 })
  t.same(await within.client.get('/domain'), { seen: 2 })
  t.equal(within.fake.requests.length, 2)
})

t.test('GET is retried after a connection reset', async t => {
  let seen = 0
  const { fake, client } = await setup(t, (req, res) => {
    seen++
    if (seen === 1) res.socket?.destroy()
    else json(res, 200, ['a.com'])
  })
  t.same(await client.get('/domain'), ['a.com'])
  t.equal(fake.requests.length, 2)
})

t.test('POST, PUT and DELETE are never retried on 503 or a reset', async t => {
  const unavailable = await setup(t, failingTimes(100, 503))
  await t.rejects(unavailable.client.post('/order/cart/{cartId}/checkout', { params: { cartId: 'c' }, body: {} }), { name: 'OvhApiError', status: 503 })
  await t.rejects(unavailable.client.put('/domain/{serviceName}', { params: { serviceName: 'a.com' }, body: {} }), { name: 'OvhApiError', status: 503 })
  await t.rejects(unavailable.client.delete('/domain/zone/a.com/record/1'), { name: 'OvhApiError', status: 503 })
  t.same(unavailable.fake.requests.map(r => r.method), ['POST', 'PUT', 'DELETE'], 'one attempt each')

  const reset = await setup(t, (req, res) => { res.socket?.destroy() })
  const err = await caught(reset.client.post('/order/cart/{cartId}/checkout', { params: { cartId: 'c' }, body: {} }))
  t.ok(err instanceof OvhTransportError)
  t.equal(err.kind, 'connection')
  t.match(err.message, /OVH POST \/order\/cart\/\{cartId\}\/checkout failed: connection error/)
  await t.rejects(reset.client.delete('/domain/zone/a.com/record/1'), { name: 'OvhTransportError', kind: 'connection' })
  t.equal(reset.fake.requests.length, 2, 'one attempt each')
})

t.test('a caller may mark a call idempotent, or a GET not idempotent', async t => {
  const put = await setup(t, failingTimes(1, 503))
  t.same(await put.client.put('/domain/{serviceName}', { params: { serviceName: 'a.com' }, body: { x: 1 }, idempotent: true }), { seen: 2 })
  const get = await setup(t, failingTimes(1, 503))
  await t.rejects(get.client.get('/domain', { idempotent: false }), { name: 'OvhApiError', status: 503 })
  t.equal(get.fake.requests.length, 1)
})

t.test('other errors are not retried', async t => {
  for (const status of [400, 401, 403, 404, 409, 500]) {
    const { fake, client } = await setup(t, failingTimes(1, status))
    await t.rejects(client.get('/domain'), { name: 'OvhApiError', status })
    t.equal(fake.requests.length, 1, `${status} not retried`)
  }
})

// The fake rejects timestamps more than 30 s away from its own clock, as OVH does.
function timeCheckingHandler (fake: { serverTime: () => number }): Handler {
  return (req, res) => {
    const skew = Math.abs(Number(req.headers['x-ovh-timestamp']) - fake.serverTime())
    if (skew > 30) json(res, 400, { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' })
    else json(res, 200, { ok: true })
  }
}

t.test('QUERY_TIME_OUT resyncs the clock once and retries that call once, POST included', async t => {
  const state = { serverTime: () => Math.floor(Date.now() / 1000) + 50 }
  const { fake, client } = await setup(t, timeCheckingHandler(state))
  fake.setServerTime(() => state.serverTime())
  t.same(await client.get('/me'), { ok: true })
  t.equal(fake.timeCalls, 1)
  // The server's clock jumps: the cached offset is now wrong.
  state.serverTime = () => Math.floor(Date.now() / 1000) + 5_000
  t.same(await client.post('/order/cart', { body: { ovhSubsidiary: 'FR' }, auth: true }), { ok: true })
  t.equal(fake.timeCalls, 2, 'one resync')
  const [, rejected, accepted] = fake.requests
  t.equal(rejected.method, 'POST')
  t.equal(accepted.method, 'POST')
  t.ok(Math.abs(Number(accepted.headers['x-ovh-timestamp']) - state.serverTime()) <= 2, 'the retry carries the new server time')
  t.equal(accepted.body, rejected.body)
  t.not(accepted.headers['x-ovh-signature'], rejected.headers['x-ovh-signature'], 're-signed with the new timestamp')
})

t.test('a persistent QUERY_TIME_OUT fails after one resync, without looping', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 400, { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' }))
  const err = await caught(client.get('/me'))
  t.ok(err instanceof OvhApiError)
  t.equal(err.errorCode, 'QUERY_TIME_OUT')
  t.equal(fake.requests.length, 2)
  t.equal(fake.timeCalls, 2)
})

t.test('concurrent timestamp failures share one resync', async t => {
  const state = { serverTime: () => Math.floor(Date.now() / 1000) }
  const { fake, client } = await setup(t, timeCheckingHandler(state))
  fake.setServerTime(() => state.serverTime())
  await client.get('/me')
  state.serverTime = () => Math.floor(Date.now() / 1000) - 3_000
  const results = await Promise.all(Array.from({ length: 6 }, async () => await client.get('/me')))
  t.same(results, Array(6).fill({ ok: true }))
  t.equal(fake.timeCalls, 2)
})

t.test('INVALID_SIGNATURE is not retried; a stale clock is refreshed for later calls', async t => {
  const { fake, client, transport } = await setup(t, (req, res) => json(res, 400, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' }), { clockRefreshMs: 60_000 })
  await t.rejects(client.get('/me'), { name: 'OvhApiError', errorCode: 'INVALID_SIGNATURE' })
  t.equal(fake.requests.length, 1)
  t.equal(fake.timeCalls, 1, 'a fresh clock is not the cause')

  const stale = await setup(t, (req, res) => json(res, 400, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' }), { clockRefreshMs: 1 })
  await t.rejects(stale.client.post('/me/contact', { body: {} }), { name: 'OvhApiError', errorCode: 'INVALID_SIGNATURE' })
  await stale.transport.clock.resync()
  t.equal(stale.fake.requests.length, 1, 'not retried')
  t.ok(stale.fake.timeCalls >= 2, 'the stale offset was refreshed')
  t.ok(transport.clock.generation >= 1)
})

t.test('a timeout becomes OvhTransportError("timeout") naming method and route', async t => {
  const { fake, client } = await setup(t, () => { /* never answers */ }, { timeoutMs: 200 })
  const err = await caught(client.get('/domain/{serviceName}', { params: { serviceName: 'slow.com' } }))
  t.ok(err instanceof OvhTransportError)
  t.equal(err.kind, 'timeout')
  t.equal(err.message, 'OVH GET /domain/{serviceName} timed out after 200 ms')
  t.equal(err.route, '/domain/{serviceName}')
  t.equal(fake.requests.length, 1, 'timeouts are not retried')
})

t.test('a body that stalls half-way also times out', async t => {
  const { client } = await setup(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' })
    res.write('{"partial":')
  }, { timeoutMs: 200 })
  await t.rejects(client.get('/domain'), { name: 'OvhTransportError', kind: 'timeout', status: 200 })
})

t.test('a refused connection is a connection error, retried for GET', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, null))
  await fake.close()
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1 })
  t.teardown(() => transport.close())
  const attempts: Array<{ attempt: number, status: number }> = []
  const client = transport.client(CREDENTIALS, { onCall: call => attempts.push({ attempt: call.attempt, status: call.status }) })
  const err = await caught(client.get('/domain', { auth: false }))
  t.ok(err instanceof OvhTransportError)
  t.equal(err.kind, 'connection')
  t.equal(err.code, 'ECONNREFUSED')
  t.same(attempts, [{ attempt: 1, status: 0 }, { attempt: 2, status: 0 }, { attempt: 3, status: 0 }])
})

t.test("the caller's abort is passed through as is, and stops retries", async t => {
  const { fake, client } = await setup(t, () => { /* never answers */ })
  const controller = new AbortController()
  const reason = new Error('client went away')
  // Abort once the request is in flight (a fixed delay could fire before it left on a busy machine).
  const inFlight = caught(client.get('/domain', { signal: controller.signal }))
  await until(() => fake.requests.length === 1)
  controller.abort(reason)
  t.equal(await inFlight, reason)
  t.equal(fake.requests.length, 1)

  const slow = await setup(t, failingTimes(5, 503, { 'retry-after': '5' }), { maxRetryDelayMs: 60_000 })
  const waiting = new AbortController()
  const during = slow.client.get('/domain', { signal: waiting.signal })
  // The 503 has come back: the client is in its 5 s Retry-After wait.
  await until(() => slow.fake.requests.length === 1)
  await new Promise(resolve => setImmediate(resolve))
  waiting.abort(reason)
  t.equal(await caught(during), reason, 'aborted during the Retry-After wait')
  t.equal(slow.fake.requests.length, 1)
  const already = new AbortController()
  already.abort(reason)
  t.equal(await caught(slow.client.get('/domain', { signal: already.signal })), reason)
})

t.test('Retry-After: 0 retries at once; dates and junk are understood or ignored', async t => {
  const { fake, client } = await setup(t, failingTimes(1, 503, { 'retry-after': '0' }), { retryBaseMs: 60_000, maxRetryDelayMs: 60_000 })
  t.same(await client.get('/domain'), { seen: 2 }, 'no 60 s backoff: Retry-After wins')
  t.equal(fake.requests.length, 2)
  const now = Date.parse('2026-01-01T00:00:00Z')
  t.equal(parseRetryAfter('120', now), 120_000)
  t.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now), 30_000)
  t.equal(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now), 0, 'a past date means now')
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter(' ', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
})

t.test('when the resync after QUERY_TIME_OUT fails, the original error is thrown', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 400, { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' }))
  await client.get('/me').catch(() => {})
  fake.setServerTime(() => 'broken' as unknown as number)
  await t.rejects(client.get('/me'), { name: 'OvhApiError', errorCode: 'QUERY_TIME_OUT' })
  t.equal(fake.requests.length, 3, 'two attempts for the first call, one for the second')
})

async function until (condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise(resolve => setTimeout(resolve, 5))
}
