import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import { Agent } from 'undici'
import { OvhTransportError, createOvhTransport } from '../../src/ovh/index.js'
import { CREDENTIALS, caught, json, startFakeOvh } from './fake-ovh.js'

t.test('sequential calls reuse one keep-alive connection', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, { n: fake.requests.length }))
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  const client = transport.client(CREDENTIALS)
  for (let i = 0; i < 20; i++) await client.get('/domain/{serviceName}', { params: { serviceName: `d${i}.com` } })
  t.equal(fake.requests.length, 20)
  t.equal(fake.timeCalls, 1)
  t.equal(fake.connections, 1, 'one TCP connection for the time sync and 20 calls')
})

t.test('clients of one transport share the clock and the pool', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, null))
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  const alice = transport.client(CREDENTIALS)
  const bob = transport.client({ ...CREDENTIALS, consumerKey: 'ck-bob' })
  await Promise.all([alice.get('/me'), bob.get('/me')])
  for (let i = 0; i < 5; i++) await (i % 2 === 0 ? alice : bob).get('/me')
  t.equal(fake.timeCalls, 1, 'one /auth/time for every client of the endpoint')
  t.same(fake.requests.map(r => r.headers['x-ovh-consumer']).sort(), ['ck-SECRET-0a1b2c3d4e5f', 'ck-SECRET-0a1b2c3d4e5f', 'ck-SECRET-0a1b2c3d4e5f', 'ck-SECRET-0a1b2c3d4e5f', 'ck-bob', 'ck-bob', 'ck-bob'])
  t.ok(fake.connections <= 2, `${fake.connections} connections for two concurrent then five sequential calls`)
})

t.test('the server-time offset is refreshed periodically, in the background', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, Number(req.headers['x-ovh-timestamp'])))
  let offset = 10_000
  fake.setServerTime(() => Math.floor(Date.now() / 1000) + offset)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, clockRefreshMs: 100 })
  t.teardown(() => transport.close())
  const client = transport.client(CREDENTIALS)
  const now = (): number => Math.floor(Date.now() / 1000)

  const first = await client.get<number>('/me')
  t.ok(Math.abs(first - (now() + 10_000)) <= 2)
  t.equal(transport.clock.generation, 1)
  t.equal(transport.clock.delta !== undefined && Math.abs(transport.clock.delta - 10_000) <= 1, true)

  offset = -20_000
  await sleep(150)
  t.ok(transport.clock.isStale())
  // This call triggers the refresh and does not wait for it.
  const second = await client.get<number>('/me')
  t.ok(Math.abs(second - (now() + 10_000)) <= 2, 'the call used the previous offset')
  for (let i = 0; i < 100 && transport.clock.generation < 2; i++) await sleep(10)
  t.equal(transport.clock.generation, 2)
  const third = await client.get<number>('/me')
  t.ok(Math.abs(third - (now() - 20_000)) <= 2, 'later calls use the refreshed offset')
  t.equal(fake.timeCalls, 2)
})

t.test('GET /auth/time is unsigned and a bad answer fails the signed call', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, null))
  fake.setServerTime(() => 'soon' as unknown as number)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  await t.rejects(transport.client(CREDENTIALS).get('/me'), { name: 'TypeError', message: /did not answer a number/ })
  t.equal(fake.requests.length, 0)
  // The client can still ask for the time itself, unsigned (docs 2.4).
  fake.setServerTime(() => 1_700_000_000)
  t.equal(await transport.client(CREDENTIALS).get('/auth/time'), 1_700_000_000)
})

t.test('close() closes the pool it owns, not an injected dispatcher', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, 'ok'))
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  const attempts: number[] = []
  const client = transport.client(CREDENTIALS, { onCall: call => attempts.push(call.attempt) })
  t.equal(await client.get('/me', { auth: false }), 'ok')
  await transport.close()
  const err = await caught(client.get('/me', { auth: false }))
  t.ok(err instanceof OvhTransportError)
  t.equal(err.kind, 'connection')
  t.same(attempts, [1, 1], 'a closed pool is not retried')

  const agent = new Agent()
  t.teardown(() => agent.close())
  const borrowed = createOvhTransport({ baseUrl: fake.baseUrl, dispatcher: agent })
  t.equal(await borrowed.client(CREDENTIALS).get('/me', { auth: false }), 'ok')
  await borrowed.close()
  t.equal(agent.closed, false)
  t.equal(await borrowed.client(CREDENTIALS).get('/me', { auth: false }), 'ok')
})

t.test('options are validated and endpoints resolved', async t => {
  t.throws(() => createOvhTransport({ baseUrl: 'ovh-mars' }), { message: /Unknown OVH endpoint/ })
  t.throws(() => createOvhTransport({ baseUrl: 'ovh-eu', timeoutMs: -1 }), { name: 'RangeError', message: /timeoutMs/ })
  t.throws(() => createOvhTransport({ baseUrl: 'ovh-eu', retries: Number.NaN }), { message: /retries/ })
  const eu = createOvhTransport({ baseUrl: 'ovh-eu' })
  t.equal(eu.baseUrl, 'https://eu.api.ovh.com/1.0')
  t.equal(eu.clock.delta, undefined, 'nothing is fetched until a signed call needs it')
  await eu.close()
})
