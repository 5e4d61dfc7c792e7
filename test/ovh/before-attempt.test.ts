// The client's beforeAttempt hook (where the gateway's call budget plugs in) sees every HTTP
// attempt before it is sent, with why it is made: first attempts, retries, the repeat after a clock
// resync, each batch chunk and each single read a batch falls back to; what it throws fails the
// call unsent.
import t from 'tap'
import { createOvhTransport, type OvhAttempt, type OvhTransportOptions } from '../../src/ovh/index.js'
import { CREDENTIALS, caught, json, startFakeOvh, type Handler, type ReceivedRequest, type Teardown } from './fake-ovh.js'

async function setup (t: Teardown, handler: Handler, beforeAttempt: (attempt: OvhAttempt) => void | Promise<void>, options: Partial<OvhTransportOptions> = {}) {
  const fake = await startFakeOvh(t, handler)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1, ...options })
  t.teardown(() => transport.close())
  return { fake, client: transport.client(CREDENTIALS, { beforeAttempt }) }
}

// Records the attempts, and how many requests had reached the server when each was announced.
function recorder (fake: () => { requests: ReceivedRequest[] }) {
  const seen: Array<OvhAttempt & { sentBefore: number }> = []
  return { seen, hook: (attempt: OvhAttempt) => { seen.push({ ...attempt, sentBefore: fake().requests.length }) } }
}

t.test('retries are announced one by one, before each is sent', async t => {
  let calls = 0
  let fake: { requests: ReceivedRequest[] } = { requests: [] }
  const { seen, hook } = recorder(() => fake)
  const setupResult = await setup(t, (req, res) => {
    calls++
    if (calls <= 2) json(res, 503, { class: 'Server::ServiceUnavailable', message: 'try later' })
    else json(res, 200, { ok: true })
  }, hook)
  fake = setupResult.fake
  t.same(await setupResult.client.get('/domain/{serviceName}', { params: { serviceName: 'a.com' } }), { ok: true })
  t.same(seen, [
    { method: 'GET', route: '/domain/{serviceName}', attempt: 1, reason: 'first', sentBefore: 0 },
    { method: 'GET', route: '/domain/{serviceName}', attempt: 2, reason: 'retry', sentBefore: 1 },
    { method: 'GET', route: '/domain/{serviceName}', attempt: 3, reason: 'retry', sentBefore: 2 }
  ])
  t.equal(fake.requests.length, 3)
})

t.test('a hook that throws fails the call unsent, first attempt or retry', async t => {
  const refusal = new Error('budget spent')
  const first = await setup(t, (req, res) => json(res, 200, { ok: true }), () => { throw refusal })
  t.equal(await caught(first.client.get('/domain')), refusal)
  t.equal(first.fake.requests.length, 0, 'nothing sent')

  let attempts = 0
  const retry = await setup(t, (req, res) => json(res, 503, { message: 'busy' }), async () => {
    attempts++
    if (attempts > 1) throw refusal
  })
  t.equal(await caught(retry.client.get('/domain')), refusal, "the refused retry's error is the call's")
  t.equal(retry.fake.requests.length, 1, 'the first attempt only')
})

t.test('batch chunks and the single reads they fall back to are each announced', async t => {
  let fake: { requests: ReceivedRequest[] } = { requests: [] }
  const { seen, hook } = recorder(() => fake)
  const setupResult = await setup(t, (req, res) => {
    const last = req.path.split('/').pop() as string
    if (req.headers['x-ovh-batch'] !== undefined) {
      // Every item fails with an error that says too little: each is read alone.
      json(res, 200, last.split(',').map(key => ({ key, value: null, error: 'Something went wrong' })))
    } else {
      json(res, 200, { domain: decodeURIComponent(last) })
    }
  }, hook)
  fake = setupResult.fake
  const ids = Array.from({ length: 60 }, (_, i) => `d${i}.com`)
  const result = await setupResult.client.getBatch('/domain/{serviceName}', ids)
  t.equal(result.size, 60)
  t.equal(fake.requests.length, 62, 'two chunks, sixty single reads')
  t.equal(seen.length, 62, 'as many attempts announced')
  t.same(seen.filter(attempt => attempt.batch !== undefined).map(attempt => [attempt.batch, attempt.reason]).sort(), [[10, 'first'], [50, 'first']], 'the chunks, with their size')
  t.same(seen.filter(attempt => attempt.batch === undefined).map(attempt => attempt.reason), Array(60).fill('fallback'), 'the single reads they fell back to')
  t.ok(seen.every(attempt => attempt.route === '/domain/{serviceName}' && attempt.attempt === 1))
})

t.test('the repeat after a clock resync is announced; the server-time read is not', async t => {
  let serverTime = Math.floor(Date.now() / 1000) + 50
  const seen: OvhAttempt[] = []
  const setupResult = await setup(t, (req, res) => {
    if (Math.abs(Number(req.headers['x-ovh-timestamp']) - serverTime) > 30) json(res, 400, { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' })
    else json(res, 200, { ok: true })
  }, attempt => { seen.push(attempt) })
  const fake = setupResult.fake
  fake.setServerTime(() => serverTime)
  t.same(await setupResult.client.get('/me'), { ok: true })
  serverTime += 5_000
  t.same(await setupResult.client.post('/order/cart', { body: { ovhSubsidiary: 'FR' } }), { ok: true })
  t.equal(fake.timeCalls, 2, 'the first sync and one resync')
  t.same(seen.map(attempt => [attempt.method, attempt.attempt, attempt.reason]), [['GET', 1, 'first'], ['POST', 1, 'first'], ['POST', 2, 'resync']])
  t.equal(fake.requests.length, 3)
})
