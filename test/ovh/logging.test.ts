import { Writable } from 'node:stream'
import { pino } from 'pino'
import t from 'tap'
import { createOvhTransport, type OvhCallRecord, type OvhLogger } from '../../src/ovh/index.js'
import { CREDENTIALS, caught, json, startFakeOvh, type Handler, type Teardown } from './fake-ovh.js'

function memoryLogger (level = 'debug') {
  const lines: string[] = []
  const stream = new Writable({
    write (chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(line => line !== ''))
      done()
    }
  })
  const log = pino({ level }, stream)
  const entries = (): Array<Record<string, any>> => lines.map(line => JSON.parse(line))
  return { log, lines, entries }
}

async function setup (t: Teardown, handler: Handler, level?: string, transportOptions = {}) {
  const fake = await startFakeOvh(t, handler)
  const memory = memoryLogger(level)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1, log: memory.log, ...transportOptions })
  t.teardown(() => transport.close())
  const calls: OvhCallRecord[] = []
  const client = transport.client(CREDENTIALS, { log: memory.log, onCall: call => calls.push(call) })
  return { fake, transport, client, calls, ...memory }
}

t.test('every HTTP attempt logs method, route template, status, duration, query id and attempt', async t => {
  let seen = 0
  const { client, entries, calls } = await setup(t, (req, res) => {
    seen++
    const headers = { 'x-ovh-queryid': `EU.q-${seen}` }
    if (seen === 2) json(res, 503, { message: 'busy' }, headers)
    else json(res, 200, { ok: true }, headers)
  })
  await client.get('/domain/{serviceName}', { params: { serviceName: 'example.com' } })
  await client.get('/domain/zone/{zoneName}/record', { params: { zoneName: 'example.com' }, query: { fieldType: 'A' } })
  const calls0 = entries().filter(entry => entry.ovh !== undefined)
  // The first line is the unsigned /auth/time sync.
  t.same(calls0.map(entry => [entry.ovh.route, entry.ovh.status, entry.ovh.attempt, entry.ovh.queryId]), [
    ['/auth/time', 200, 1, undefined],
    ['/domain/{serviceName}', 200, 1, 'EU.q-1'],
    ['/domain/zone/{zoneName}/record', 503, 1, 'EU.q-2'],
    ['/domain/zone/{zoneName}/record', 200, 2, 'EU.q-3']
  ])
  for (const entry of calls0) {
    t.equal(entry.ovh.method, 'GET')
    t.type(entry.ovh.durationMs, 'number')
    t.ok(entry.ovh.durationMs >= 0)
    t.equal(entry.msg, 'ovh call')
  }
  t.equal(calls0[1].level, 30, 'successes at info by default')
  t.equal(calls0[2].level, 40, 'a 503 at warn')
  t.equal(calls0[2].ovh.error, undefined, 'no error label for an error without class or code')
  t.notMatch(JSON.stringify(calls0), /example\.com/, 'logs carry the route template, not the concrete path')

  // onCall gets the same data plus the concrete path and the error.
  t.same(calls.map(call => [call.route, call.path, call.status, call.attempt, call.queryId]), [
    ['/domain/{serviceName}', '/1.0/domain/example.com', 200, 1, 'EU.q-1'],
    ['/domain/zone/{zoneName}/record', '/1.0/domain/zone/example.com/record', 503, 1, 'EU.q-2'],
    ['/domain/zone/{zoneName}/record', '/1.0/domain/zone/example.com/record', 200, 2, 'EU.q-3']
  ])
  t.equal(calls[1].error?.name, 'OvhApiError')
  t.equal(calls[0].error, undefined)
})

t.test('batch calls are marked, failures name their class, code or kind', async t => {
  const { client, entries } = await setup(t, (req, res) => {
    if (req.headers['x-ovh-batch'] !== undefined) json(res, 200, [{ key: 'a.com', value: 1, error: null }, { key: 'b.com', value: 2, error: null }])
    else if (req.path === '/gone') json(res, 404, { class: 'Client::NotFound', message: 'gone' })
    else if (req.path === '/granted') json(res, 403, { errorCode: 'NOT_GRANTED_CALL', message: 'no' })
    else { res.writeHead(200); res.end('not json') }
  })
  await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com'])
  await caught(client.get('/gone'))
  await caught(client.get('/granted'))
  await caught(client.get('/broken'))
  const lines = entries().filter(entry => entry.ovh !== undefined && entry.ovh.route !== '/auth/time')
  t.same(lines.map(entry => [entry.ovh.route, entry.ovh.status, entry.ovh.batch, entry.ovh.error]), [
    ['/domain/{serviceName}', 200, 2, undefined],
    ['/gone', 404, undefined, 'Client::NotFound'],
    ['/granted', 403, undefined, 'NOT_GRANTED_CALL'],
    ['/broken', 200, undefined, 'malformed']
  ])
})

t.test('log levels are configurable per client', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, req.path === '/fail' ? 500 : 200, {}))
  const memory = memoryLogger('debug')
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  const client = transport.client(CREDENTIALS, { log: memory.log, logLevels: { success: 'debug', failure: 'error' } })
  await client.get('/ok', { auth: false })
  await caught(client.get('/fail', { auth: false }))
  t.same(memory.entries().map(entry => entry.level), [20, 50])

  // A quieter logger drops the success lines.
  const quiet = memoryLogger('info')
  await transport.client(CREDENTIALS, { log: quiet.log, logLevels: { success: 'debug' } }).get('/ok', { auth: false })
  t.same(quiet.lines, [])
})

t.test('an onCall hook that throws does not fail the call', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, 'fine'))
  const memory = memoryLogger()
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  const client = transport.client(CREDENTIALS, { log: memory.log, onCall: () => { throw new Error('audit store down') } })
  t.equal(await client.get('/me', { auth: false }), 'fine')
  t.ok(memory.entries().some(entry => entry.level === 50 && entry.msg === 'OVH onCall hook threw'))
})

t.test('no secret reaches a log line, an error message or an error property', async t => {
  const signatures: string[] = []
  // A hostile upstream that echoes every credential it received.
  const { fake, client, lines, calls, log, transport } = await setup(t, (req, res) => {
    const signature = String(req.headers['x-ovh-signature'] ?? '')
    signatures.push(signature)
    const consumer = String(req.headers['x-ovh-consumer'] ?? '')
    const echo = `consumer ${consumer} signature ${signature} secret ${CREDENTIALS.applicationSecret}`
    if (req.path === '/slow') return
    if (req.path === '/shape') {
      json(res, 400, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: echo })
      return
    }
    if (req.path === '/html') {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end(`<p>${echo}</p>`)
      return
    }
    json(res, 403, {
      class: 'Client::Forbidden',
      message: echo,
      details: { consumerKey: consumer, nested: [{ signature }], secret: CREDENTIALS.applicationSecret, count: 1 }
    }, { 'x-ovh-queryid': 'EU.q-secret' })
  }, 'debug', { timeoutMs: 300 })

  const errors = [
    await caught(client.post('/me/contact', { body: { email: 'someone@example.com' } })),
    await caught(client.get('/shape')),
    await caught(client.get('/html')),
    await caught(client.get('/slow')),
    await caught(transport.client({ applicationKey: 'ak', applicationSecret: CREDENTIALS.applicationSecret }).get('/me'))
  ]
  t.equal(fake.requests.length, 4 + 2, '/html is retried twice')
  t.ok(signatures.every(signature => /^\$1\$[0-9a-f]{40}$/.test(signature)))
  t.match(errors[0], { name: 'OvhApiError', status: 403, queryId: 'EU.q-secret', details: { count: 1 } })
  t.match(errors[0].message, /consumer \[redacted\] signature \[redacted\] secret \[redacted\]/)
  t.match(errors[3], { name: 'OvhTransportError', kind: 'timeout' })

  // What the gateway will do with these errors: log them and serialise them.
  for (const err of errors) log.error({ err }, 'upstream call failed')
  const secrets = [CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey, ...signatures]
  const surfaces = [
    ...lines,
    ...errors.map(err => JSON.stringify(err)),
    ...errors.map(err => String(err.message)),
    ...errors.map(err => String(err.stack)),
    ...errors.map(err => JSON.stringify(Object.entries(err))),
    ...calls.map(call => JSON.stringify(call))
  ]
  for (const secret of secrets) {
    const leaks = surfaces.filter(text => text.includes(secret))
    t.same(leaks, [], `${secret.slice(0, 6)}... appears nowhere`)
  }
  t.ok(lines.length > 10, 'the surfaces were really captured')
  t.equal(errors[4].message, 'OVH GET /me is signed and needs a consumer key; these credentials have none')
})

t.test('the logger interface accepts pino, a child logger and a plain object', async t => {
  const { log } = memoryLogger()
  const loggers: OvhLogger[] = [log, log.child({ requestId: 'r1' }), { info () {}, warn () {}, debug () {}, error () {} }]
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, 1))
  const transport = createOvhTransport({ baseUrl: fake.baseUrl })
  t.teardown(() => transport.close())
  for (const logger of loggers) t.equal(await transport.client(CREDENTIALS, { log: logger }).get('/x', { auth: false }), 1)
})
