import t from 'tap'
import { OvhApiError, createOvhTransport, type OvhTransportOptions } from '../../src/ovh/index.js'
import { CREDENTIALS, expectedSignature, json, startFakeOvh, type Handler, type ReceivedRequest, type Teardown } from './fake-ovh.js'

async function setup (t: Teardown, handler: Handler, options: Partial<OvhTransportOptions> = {}) {
  const fake = await startFakeOvh(t, handler)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1, ...options })
  t.teardown(() => transport.close())
  return { fake, client: transport.client(CREDENTIALS) }
}

const isBatch = (req: ReceivedRequest): boolean => req.headers['x-ovh-batch'] !== undefined

// Ids in the last path segment, decoded the way a server would split them.
function idsOf (req: ReceivedRequest): string[] {
  const last = req.path.split('/').pop() as string
  return isBatch(req) ? last.split(',').map(decodeURIComponent) : [decodeURIComponent(last)]
}

const notFound = { class: 'Client::NotFound', message: 'This service does not exist' }

// A fake /domain/{serviceName} that knows every id except those starting with 'missing'.
function domains (opts: { reverse?: boolean } = {}): Handler {
  return (req, res) => {
    const ids = idsOf(req)
    if (!isBatch(req)) {
      if (ids[0].startsWith('missing')) json(res, 404, notFound, { 'x-ovh-queryid': `q-${ids[0]}` })
      else json(res, 200, { domain: ids[0] })
      return
    }
    const items = ids.map(id => id.startsWith('missing')
      ? { key: id, value: null, error: notFound }
      : { key: id, value: { domain: id }, error: null })
    json(res, 200, opts.reverse === true ? items.reverse() : items)
  }
}

const names = (n: number, prefix = 'd'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}.com`)

t.test('120 ids are read in 3 batch calls of at most 50, matched on key', async t => {
  const { fake, client } = await setup(t, domains({ reverse: true }))
  const ids = names(120)
  const result = await client.getBatch<{ domain: string }>('/domain/{serviceName}', ids)
  t.equal(fake.requests.length, 3)
  t.same(fake.requests.map(r => idsOf(r).length).sort((a, b) => a - b), [20, 50, 50])
  t.same([...result.keys()], ids, 'the map follows the input order')
  for (const id of ids) t.same(result.get(id), { ok: true, value: { domain: id } })
  for (const req of fake.requests) {
    t.equal(req.headers['x-ovh-batch'], ',')
    t.equal(req.headers['x-ovh-signature'], expectedSignature(req, CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
  }
})

t.test('each id is encoded, the commas stay raw, and that URL is signed', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 200, idsOf(req).map(id => ({ key: id, value: id, error: null }))))
  const result = await client.getBatch('/ip/{ip}', ['192.0.2.0/24', '198.51.100.0/24', 'a b'], { query: { fields: 'all' } })
  const [req] = fake.requests
  t.equal(req.url, '/1.0/ip/192.0.2.0%2F24,198.51.100.0%2F24,a%20b?fields=all')
  t.notMatch(req.url, /%2C/i)
  t.equal(req.headers['x-ovh-signature'], expectedSignature(req, CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
  t.same(result.get('192.0.2.0/24'), { ok: true, value: '192.0.2.0/24' })
  t.same(result.get('a b'), { ok: true, value: 'a b' })
})

t.test('keys may come back URL-encoded too', async t => {
  const { client } = await setup(t, (req, res) => {
    const last = req.path.split('/').pop() as string
    json(res, 200, last.split(',').map(key => ({ key, value: decodeURIComponent(key), error: null })))
  })
  const result = await client.getBatch('/ip/{ip}', ['192.0.2.0/24', '198.51.100.7'])
  t.same(result.get('192.0.2.0/24'), { ok: true, value: '192.0.2.0/24' })
  t.same(result.get('198.51.100.7'), { ok: true, value: '198.51.100.7' })
})

t.test('one failing id does not fail the others', async t => {
  const { fake, client } = await setup(t, domains())
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'missing.com', 'b.com'])
  t.equal(fake.requests.length, 1)
  t.same(result.get('a.com'), { ok: true, value: { domain: 'a.com' } })
  const missing = result.get('missing.com')
  t.equal(missing?.ok, false)
  const error = missing?.ok === false ? missing.error : undefined
  t.ok(error instanceof OvhApiError)
  t.match(error, { status: 404, errorClass: 'Client::NotFound', message: 'This service does not exist', method: 'GET', route: '/domain/{serviceName}' })
})

t.test('an id whose batch error says too little, or that is left out, is read alone', async t => {
  const { fake, client } = await setup(t, (req, res) => {
    const ids = idsOf(req)
    if (!isBatch(req)) {
      json(res, ids[0] === 'vague.com' ? 404 : 200, ids[0] === 'vague.com' ? notFound : { domain: ids[0], single: true }, { 'x-ovh-queryid': 'q-single' })
      return
    }
    json(res, 200, [
      { key: 'a.com', value: { domain: 'a.com' }, error: null },
      { key: 'vague.com', value: null, error: 'something went wrong' },
      { key: 'unrelated.com', value: 1, error: null }
    ])
  })
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'vague.com', 'left-out.com'])
  t.same(fake.requests.map(r => isBatch(r) ? 'batch' : idsOf(r)[0]).sort(), ['batch', 'left-out.com', 'vague.com'])
  t.same(result.get('left-out.com'), { ok: true, value: { domain: 'left-out.com', single: true } })
  const vague = result.get('vague.com')
  t.match(vague, { ok: false, error: { status: 404, queryId: 'q-single' } })
  t.equal(result.has('unrelated.com'), false)
})

t.test("a bare-string item error that is OVH's not-found message is the id's 404, with no read", async t => {
  const { fake, client } = await setup(t, (req, res) => {
    if (!isBatch(req)) {
      json(res, 403, { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' })
      return
    }
    json(res, 200, idsOf(req).map(id => ({
      key: id,
      value: id.startsWith('missing') ? null : { domain: id },
      error: id === 'missing-service.com' ? 'This service does not exist' : id === 'missing-object.com' ? ' The requested object (serviceName = missing-object.com) does not exist ' : null
    })))
  })
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'missing-service.com', 'missing-object.com'])
  t.equal(fake.requests.length, 1, 'the batch call alone')
  t.same(result.get('a.com'), { ok: true, value: { domain: 'a.com' } })
  t.match(result.get('missing-service.com'), { ok: false, error: { status: 404, errorClass: 'Client::NotFound', message: 'This service does not exist', route: '/domain/{serviceName}' } })
  t.match(result.get('missing-object.com'), { ok: false, error: { status: 404, message: 'The requested object (serviceName = missing-object.com) does not exist' } })
})

t.test('any other bare-string item error is read alone, for its real error', async t => {
  const errors = ['This call has not been granted', 'Invalid domain name', 'This service does not exist anymore', 'something does not exist']
  const { fake, client } = await setup(t, (req, res) => {
    if (!isBatch(req)) {
      json(res, 403, { class: 'Client::Forbidden', message: 'This call has not been granted' }, { 'x-ovh-queryid': `q-${idsOf(req)[0]}` })
      return
    }
    json(res, 200, idsOf(req).map((id, index) => ({ key: id, value: null, error: errors[index] })))
  })
  const ids = errors.map((_, index) => `d${index}.com`)
  const result = await client.getBatch('/domain/{serviceName}', ids)
  t.same(fake.requests.filter(r => !isBatch(r)).map(r => idsOf(r)[0]).sort(), ids, 'each read alone')
  for (const id of ids) t.match(result.get(id), { ok: false, error: { status: 403, queryId: `q-${id}` } }, id)
})

t.test('batchCalls tells what getBatch costs when every item is answered', async t => {
  const { fake, client } = await setup(t, domains())
  const cases: Array<[string, string[], number]> = [
    ['/domain/{serviceName}', [], 0],
    ['/domain/{serviceName}', ['a.com'], 1],
    ['/domain/{serviceName}', ['a.com', 'a.com'], 1],
    ['/domain/{serviceName}', names(50), 1],
    ['/domain/{serviceName}', names(51), 2],
    ['/domain/{serviceName}', names(240), 5],
    ['/domain/{serviceName}', [...names(3), 'a,b'], 2],
    // The ids are not the route's last segment: read one by one.
    ['/domain/{serviceName}/serviceInfos', names(3), 3]
  ]
  for (const [route, ids, calls] of cases) {
    t.equal(client.batchCalls(route, ids), calls, `${route} x ${ids.length}`)
    const before = fake.requests.length
    await client.getBatch(route, ids)
    t.equal(fake.requests.length - before, calls, `${route} x ${ids.length}: as many calls made`)
  }
  const unbatched = await setup(t, domains(), { batch: { enabled: false } })
  t.equal(unbatched.client.batchCalls('/domain/{serviceName}', names(12)), 12, 'with batching off, one call per id')
  const small = await setup(t, domains(), { batch: { enabled: true, chunkSize: 10 } })
  t.equal(small.client.batchCalls('/domain/{serviceName}', names(25)), 3, 'chunks of the configured size')
})

t.test('a batch item error with an auth-layer shape keeps its status', async t => {
  const { client } = await setup(t, (req, res) => json(res, 200, [
    { key: 'a.com', value: null, error: { errorCode: 'SOMETHING', httpCode: '409 Conflict', message: 'busy' } },
    { key: 'b.com', value: null, error: { class: 'Server::InternalServerError::Unknown', message: 'oops' } },
    { key: 'c.com', error: { status: 460, message: 'expired' } },
    { key: 'd.com' }
  ]))
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com', 'c.com', 'd.com'])
  t.match(result.get('c.com'), { ok: false, error: { status: 460, message: 'expired' } })
  t.same(result.get('d.com'), { ok: true, value: null }, 'no value and no error is a null value')
  t.match(result.get('a.com'), { ok: false, error: { status: 409, errorCode: 'SOMETHING', message: 'busy' } })
  t.match(result.get('b.com'), { ok: false, error: { status: 500, errorClass: 'Server::InternalServerError::Unknown' } })
})

t.test('a batch call answered 404 or 400 falls back to single reads', async t => {
  for (const status of [404, 400, 405]) {
    const { fake, client } = await setup(t, (req, res) => {
      if (isBatch(req)) json(res, status, { class: 'Client::NotFound', message: 'The requested object (serviceName = a.com,b.com) does not exist' })
      else domains()(req, res)
    })
    const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com', 'missing.com'])
    t.same(fake.requests.map(r => isBatch(r) ? 'batch' : idsOf(r)[0]).sort(), ['a.com', 'b.com', 'batch', 'missing.com'], `${status}: one batch call, then singles`)
    t.same(result.get('a.com'), { ok: true, value: { domain: 'a.com' } })
    t.match(result.get('missing.com'), { ok: false, error: { status: 404, queryId: 'q-missing.com' } })
  }
})

t.test('a batch call failing with 5xx is retried, then falls back', async t => {
  const { fake, client } = await setup(t, (req, res) => {
    if (isBatch(req)) json(res, 503, { message: 'busy' })
    else domains()(req, res)
  })
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com'])
  t.equal(fake.requests.filter(isBatch).length, 3, 'the batch GET is retried like any GET')
  t.equal(fake.requests.filter(r => !isBatch(r)).length, 2)
  t.same(result.get('b.com'), { ok: true, value: { domain: 'b.com' } })
})

t.test('an unexpected batch answer shape falls back to single reads', async t => {
  const shapes: unknown[] = [{ domain: 'a.com,b.com' }, [{ domain: 'a.com' }, { domain: 'b.com' }], 'a.com', null]
  for (const shape of shapes) {
    const { fake, client } = await setup(t, (req, res) => {
      if (isBatch(req)) json(res, 200, shape)
      else domains()(req, res)
    })
    const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com'])
    t.equal(fake.requests.length, 3, `${JSON.stringify(shape)}: batch then two singles`)
    t.same(result.get('a.com'), { ok: true, value: { domain: 'a.com' } })
  }
  const { fake, client } = await setup(t, (req, res) => {
    if (isBatch(req)) res.end('<html>')
    else domains()(req, res)
  })
  t.same((await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com'])).get('b.com'), { ok: true, value: { domain: 'b.com' } })
  t.equal(fake.requests.length, 3, 'a malformed body also falls back')
})

t.test('auth errors and 429 are thrown, not fallen back', async t => {
  const cases: Array<[number, Record<string, unknown>]> = [
    [403, { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' }],
    [403, { errorCode: 'INVALID_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential is not valid' }],
    [401, { message: 'You must login first' }],
    [429, { message: 'Too many requests' }]
  ]
  for (const [status, body] of cases) {
    const { fake, client } = await setup(t, (req, res) => json(res, status, body), { retries: 0 })
    await t.rejects(client.getBatch('/domain/{serviceName}', names(60)), { name: 'OvhApiError', status })
    t.equal(fake.requests.filter(r => !isBatch(r)).length, 0, `${status} ${String(body.errorCode ?? '')}: no single reads`)
  }
})

t.test('a single read failing with an auth error is thrown too', async t => {
  const { client } = await setup(t, (req, res) => {
    if (idsOf(req)[0] === 'b.com') json(res, 403, { errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted' })
    else json(res, 200, 1)
  }, { batch: { enabled: false } })
  await t.rejects(client.getBatch('/domain/{serviceName}', ['a.com', 'b.com', 'c.com']), { name: 'OvhApiError', errorCode: 'NOT_GRANTED_CALL' })
})

t.test('an IAM refusal of the batch (403 without errorCode) falls back to per-id answers', async t => {
  const { client } = await setup(t, (req, res) => {
    const [id] = idsOf(req)
    if (isBatch(req) || id === 'b.com') json(res, 403, { class: 'Client::Forbidden', message: 'User not granted for this request' })
    else json(res, 200, { domain: id })
  })
  const result = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com'])
  t.same(result.get('a.com'), { ok: true, value: { domain: 'a.com' } })
  t.match(result.get('b.com'), { ok: false, error: { status: 403, errorClass: 'Client::Forbidden' } })
})

t.test('the switch disables batching entirely', async t => {
  const { fake, client } = await setup(t, domains(), { batch: { enabled: false } })
  const result = await client.getBatch('/domain/{serviceName}', names(12))
  t.equal(fake.requests.length, 12)
  t.equal(fake.requests.filter(isBatch).length, 0)
  t.equal(result.size, 12)
})

t.test('one id is a plain GET; ids with a comma and non-final placeholders are read singly', async t => {
  const { fake, client } = await setup(t, domains())
  t.same([...await client.getBatch('/domain/{serviceName}', ['only.com'])], [['only.com', { ok: true, value: { domain: 'only.com' } }]])
  t.equal(fake.requests[0].headers['x-ovh-batch'], undefined)

  fake.requests.length = 0
  const mixed = await client.getBatch('/domain/{serviceName}', ['a.com', 'b.com', 'c,d'])
  t.same(fake.requests.map(r => r.url).sort(), ['/1.0/domain/a.com,b.com', '/1.0/domain/c%2Cd'])
  t.same(mixed.get('c,d'), { ok: true, value: { domain: 'c,d' } })

  fake.requests.length = 0
  await client.getBatch('/domain/zone/record-{id}', ['1', '2'])
  t.same(fake.requests.map(r => r.url).sort(), ['/1.0/domain/zone/record-1', '/1.0/domain/zone/record-2'], 'a placeholder inside a segment is not batched')

  fake.requests.length = 0
  await client.getBatch('/domain/{serviceName}/serviceInfos', ['a.com', 'b.com'])
  t.same(fake.requests.map(r => r.url).sort(), ['/1.0/domain/a.com/serviceInfos', '/1.0/domain/b.com/serviceInfos'])
  t.equal(fake.requests.filter(isBatch).length, 0)
})

t.test('other placeholders come from params; duplicates are read once; no ids, no call', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 200, idsOf(req).map(id => ({ key: id, value: Number(id), error: null }))))
  const result = await client.getBatch<number>('/domain/zone/{zoneName}/record/{id}', ['1', '2', '1', '3'], { params: { zoneName: 'example.com' } })
  t.same(fake.requests.map(r => r.url), ['/1.0/domain/zone/example.com/record/1,2,3'])
  t.same([...result.entries()], [['1', { ok: true, value: 1 }], ['2', { ok: true, value: 2 }], ['3', { ok: true, value: 3 }]])
  t.equal((await client.getBatch('/domain/{serviceName}', [])).size, 0)
  t.equal(fake.requests.length, 1)
  await t.rejects(client.getBatch('/domain', ['a']), { name: 'TypeError', message: /needs a placeholder/ })
})

t.test('chunk size is configurable but never above 50', async t => {
  const small = await setup(t, domains(), { batch: { enabled: true, chunkSize: 10 } })
  await small.client.getBatch('/domain/{serviceName}', names(120))
  t.equal(small.fake.requests.length, 12)
  const big = await setup(t, domains(), { batch: { enabled: true, chunkSize: 500 } })
  await big.client.getBatch('/domain/{serviceName}', names(120))
  t.equal(big.fake.requests.length, 3)
  t.ok(big.fake.requests.every(r => idsOf(r).length <= 50))
})

t.test('chunks and single reads run in parallel within their bounds', async t => {
  let inFlight = 0
  const peaks = { batch: 0, single: 0 }
  const slow: Handler = async (req, res) => {
    inFlight++
    const kind = isBatch(req) ? 'batch' : 'single'
    peaks[kind] = Math.max(peaks[kind], inFlight)
    await new Promise(resolve => setTimeout(resolve, 20))
    inFlight--
    domains()(req, res)
  }
  const batched = await setup(t, slow, { batch: { enabled: true, chunkSize: 2, concurrency: 3 } })
  await batched.client.getBatch('/domain/{serviceName}', names(20))
  t.ok(peaks.batch <= 3, `at most 3 batch calls at once (saw ${peaks.batch})`)
  t.ok(peaks.batch >= 2, 'chunks do run in parallel')

  inFlight = 0
  const singles = await setup(t, slow, { batch: { enabled: false, fallbackConcurrency: 5 } })
  await singles.client.getBatch('/domain/{serviceName}', names(30))
  t.ok(peaks.single <= 5, `at most 5 single reads at once (saw ${peaks.single})`)
  t.ok(peaks.single >= 2)
})

t.test('a fatal error stops the reads still queued', async t => {
  let seen = 0
  const { fake, client } = await setup(t, async (req, res) => {
    seen++
    if (seen === 1) json(res, 403, { errorCode: 'INVALID_CREDENTIAL', message: 'This credential is not valid' })
    else setTimeout(() => json(res, 200, 1), 10)
  }, { batch: { enabled: false, fallbackConcurrency: 2 } })
  await t.rejects(client.getBatch('/domain/{serviceName}', names(40)), { name: 'OvhApiError', errorCode: 'INVALID_CREDENTIAL' })
  await new Promise(resolve => setTimeout(resolve, 50))
  t.ok(fake.requests.length <= 3, `${fake.requests.length} requests were sent out of 40`)
})

t.test('a refusal of the beforeAttempt hook stops the reads queued and lets those in flight finish', async t => {
  let cut = 0
  const fake = await startFakeOvh(t, (req, res) => {
    res.on('close', () => { if (!res.writableFinished) cut++ })
    setTimeout(() => json(res, 200, 1), 100)
  })
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, batch: { enabled: false, fallbackConcurrency: 2 } })
  t.teardown(() => transport.close())
  const refusal = new Error('budget spent')
  let attempts = 0
  const client = transport.client(CREDENTIALS, { beforeAttempt: () => { if (++attempts > 2) throw refusal } })
  t.equal(await client.getBatch('/domain/{serviceName}', names(40)).catch(err => err), refusal, "the hook's error")
  await new Promise(resolve => setTimeout(resolve, 300))
  t.equal(fake.requests.length, 2, 'the two reads allowed were sent, no other')
  t.equal(cut, 0, 'and were answered, not cut')
})

t.test("the caller's signal aborts a batch read", async t => {
  const { client } = await setup(t, () => { /* never answers */ })
  const controller = new AbortController()
  const reason = new Error('gone')
  setTimeout(() => controller.abort(reason), 30)
  await t.rejects(client.getBatch('/domain/{serviceName}', names(3), { signal: controller.signal }), reason)
})
