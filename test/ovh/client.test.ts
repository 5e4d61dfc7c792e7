import t from 'tap'
import { OvhApiError, OvhTransportError, createOvhTransport, isUnauthenticatedRoute } from '../../src/ovh/index.js'
import { CREDENTIALS, caught, expectedSignature, json, startFakeOvh, type Handler, type Teardown } from './fake-ovh.js'

async function setup (t: Teardown, handler: Handler, transportOptions = {}) {
  const fake = await startFakeOvh(t, handler)
  const transport = createOvhTransport({ baseUrl: fake.baseUrl, retryBaseMs: 1, ...transportOptions })
  t.teardown(() => transport.close())
  return { fake, transport, client: transport.client(CREDENTIALS) }
}

t.test('a signed GET carries the OVH headers and a signature over the exact URL', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 200, { serviceName: 'example.com' }))
  // Server time far from local time: the timestamp must follow the server.
  const skew = 86_400 * 365
  fake.setServerTime(() => Math.floor(Date.now() / 1000) + skew)
  const domain = await client.get('/domain/{serviceName}', { params: { serviceName: 'example.com' }, query: { a: 1, b: true, c: null, list: ['x', 'y'] } })
  t.same(domain, { serviceName: 'example.com' })
  const [req] = fake.requests
  t.equal(req.method, 'GET')
  t.equal(req.url, '/1.0/domain/example.com?a=1&b=true&list=x&list=y')
  t.equal(req.headers['x-ovh-application'], CREDENTIALS.applicationKey)
  t.equal(req.headers['x-ovh-consumer'], CREDENTIALS.consumerKey)
  t.equal(req.headers['x-ovh-signature'], expectedSignature(req, CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
  t.match(req.headers['x-ovh-signature'], /^\$1\$[0-9a-f]{40}$/)
  const timestamp = Number(req.headers['x-ovh-timestamp'])
  t.ok(Math.abs(timestamp - (Math.floor(Date.now() / 1000) + skew)) <= 5, 'timestamp is in server time')
  t.equal(req.headers['content-type'], undefined, 'no Content-Type without a body')
  t.equal(req.headers.accept, 'application/json')
  t.equal(req.body, '')
  t.equal(fake.timeCalls, 1)
})

t.test('a POST body is serialised once and that exact text is signed and sent', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 200, { id: 1 }))
  const body = { fieldType: 'A', subDomain: 'www', target: '192.0.2.1', ttl: 3600, note: 'Besançon' }
  t.same(await client.post('/domain/zone/{zoneName}/record', { params: { zoneName: 'example.com' }, body }), { id: 1 })
  const [req] = fake.requests
  t.equal(req.method, 'POST')
  t.equal(req.body, '{"fieldType":"A","subDomain":"www","target":"192.0.2.1","ttl":3600,"note":"Besan\\u00e7on"}')
  t.same(JSON.parse(req.body), body)
  t.equal(req.headers['content-type'], 'application/json')
  t.equal(req.headers['content-length'], String(req.body.length))
  t.equal(req.headers['x-ovh-signature'], expectedSignature(req, CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
})

t.test('PUT and DELETE are signed too; the method comes in upper case', async t => {
  const { fake, client } = await setup(t, (req, res) => { res.statusCode = 204; res.end() })
  t.equal(await client.put('/domain/{serviceName}', { params: { serviceName: 'a.com' }, body: { transferLockStatus: 'locked' } }), null)
  t.equal(await client.delete('/domain/zone/{zoneName}/record/{id}', { params: { zoneName: 'a.com', id: 7 } }), null)
  t.equal(await client.request('post' as 'POST', '/domain/zone/{zoneName}/refresh', { params: { zoneName: 'a.com' } }), null)
  t.same(fake.requests.map(r => `${r.method} ${r.url}`), [
    'PUT /1.0/domain/a.com',
    'DELETE /1.0/domain/zone/a.com/record/7',
    'POST /1.0/domain/zone/a.com/refresh'
  ])
  for (const req of fake.requests) {
    t.equal(req.headers['x-ovh-signature'], expectedSignature(req, CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
  }
  t.equal(fake.requests[2].headers['content-type'], undefined, 'a POST without body has no Content-Type')
  t.equal(fake.requests[2].body, '')
})

t.test('path parameters are URL-encoded: a / becomes %2F', async t => {
  const { fake, client } = await setup(t, (req, res) => json(res, 200, 'ok'))
  await client.get('/ip/{ip}/reverse/{ipReverse}', { params: { ip: '192.0.2.0/24', ipReverse: '192.0.2.1' } })
  t.equal(fake.requests[0].url, '/1.0/ip/192.0.2.0%2F24/reverse/192.0.2.1')
  t.equal(fake.requests[0].headers['x-ovh-signature'], expectedSignature(fake.requests[0], CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
})

t.test('unauthenticated routes are chosen by route, not by substring', async t => {
  const { fake, client, transport } = await setup(t, (req, res) => json(res, 200, { consumerKey: 'new', state: 'pendingValidation' }))
  t.ok(isUnauthenticatedRoute('POST', '/auth/credential'))
  t.ok(isUnauthenticatedRoute('get', '/auth/time'))
  t.notOk(isUnauthenticatedRoute('GET', '/auth/currentCredential'))
  t.notOk(isUnauthenticatedRoute('GET', '/domain/{serviceName}/authInfo'))

  // POST /auth/credential works without a consumer key and sends only the application key.
  const appOnly = transport.client({ applicationKey: CREDENTIALS.applicationKey, applicationSecret: CREDENTIALS.applicationSecret })
  await appOnly.post('/auth/credential', { body: { accessRules: [{ method: 'GET', path: '/domain/*' }] } })
  // The routes node-ovh wrongly leaves unsigned are signed here.
  await client.get('/auth/currentCredential')
  await client.get('/domain/{serviceName}/authInfo', { params: { serviceName: 'a.com' } })
  // An explicitly unauthenticated cart call.
  await client.get('/order/cart/{cartId}', { params: { cartId: 'c1' }, auth: false })

  const [credential, current, authInfo, cart] = fake.requests
  t.equal(credential.headers['x-ovh-application'], CREDENTIALS.applicationKey)
  for (const header of ['x-ovh-consumer', 'x-ovh-timestamp', 'x-ovh-signature']) {
    t.equal(credential.headers[header], undefined, `no ${header} on an unsigned call`)
    t.equal(cart.headers[header], undefined, `no ${header} with auth: false`)
  }
  t.equal(credential.headers['content-type'], 'application/json')
  t.ok(current.headers['x-ovh-signature'])
  t.ok(authInfo.headers['x-ovh-signature'])
  t.equal(fake.timeCalls, 1, 'only signed calls need the server time')
})

t.test('programming errors throw before anything is sent', async t => {
  const { fake, client, transport } = await setup(t, (req, res) => json(res, 200, null))
  const appOnly = transport.client({ applicationKey: 'ak', applicationSecret: 'as' })
  await t.rejects(appOnly.get('/me'), { name: 'TypeError', message: /GET \/me is signed and needs a consumer key/ })
  await t.rejects(client.get('/domain', { body: { x: 1 } } as never), { message: /cannot carry a body/ })
  await t.rejects(client.request('DELETE', '/domain/{serviceName}', { params: { serviceName: 'a.com' }, body: {} }), { message: /cannot carry a body/ })
  await t.rejects(client.request('PATCH' as 'GET', '/domain'), { message: /Unsupported OVH method "PATCH"/ })
  await t.rejects(client.get('/domain/{serviceName}'), { message: /Missing path parameter "serviceName"/ })
  t.throws(() => transport.client({ applicationKey: '', applicationSecret: 'as' }), { message: /applicationKey/ })
  t.throws(() => transport.client({ applicationKey: 'ak', applicationSecret: '' }), { message: /applicationSecret/ })
  t.equal(fake.requests.length, 0)
})

t.test('204, empty bodies and bare JSON scalars', async t => {
  const answers: Record<string, [number, string]> = {
    '/none': [204, ''],
    '/empty': [200, ''],
    '/number': [200, '1700000000'],
    '/string': [200, '"ok"'],
    '/true': [200, 'true'],
    '/null': [200, 'null'],
    '/list': [200, '["a.com","b.com"]'],
    '/created': [201, '{"id":5}']
  }
  const { client } = await setup(t, (req, res) => {
    const [status, text] = answers[req.path]
    res.writeHead(status, text === '' ? {} : { 'content-type': 'application/json' })
    res.end(text)
  })
  t.equal(await client.get('/none'), null)
  t.equal(await client.get('/empty'), null)
  t.equal(await client.get('/number'), 1_700_000_000)
  t.equal(await client.get('/string'), 'ok')
  t.equal(await client.get('/true'), true)
  t.equal(await client.get('/null'), null)
  t.same(await client.get<string[]>('/list'), ['a.com', 'b.com'])
  t.same(await client.post('/created'), { id: 5 })
})

t.test('a 2xx body that is not JSON is a malformed transport error', async t => {
  const { client } = await setup(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'x-ovh-queryid': 'EU.q-malformed' })
    res.end('<html>maintenance</html>')
  })
  const err = await caught(client.get('/domain'))
  t.ok(err instanceof OvhTransportError)
  t.match(err, { kind: 'malformed', status: 200, method: 'GET', route: '/domain', queryId: 'EU.q-malformed' })
  t.match(err.message, /GET \/domain answered HTTP 200 with a body that is not JSON/)
  t.notMatch(err.message, /maintenance/)
})

t.test('both OVH error shapes become OvhApiError with the query id', async t => {
  const { client } = await setup(t, (req, res) => {
    if (req.path === '/domain/rules') {
      json(res, 400, {
        class: 'Client::BadRequest::DOMDOCRuleNotRespected',
        message: 'The owner does not respect the rules',
        details: { rule: 'owner.legalForm', value: 'individual' }
      }, { 'x-ovh-queryid': 'EU.ext-3.63ac85b6.10528.1' })
    } else if (req.path === '/domain/granted') {
      json(res, 403, { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' }, { 'x-ovh-queryid': 'EU.ext-3.63ac85b6.10528.2' })
    } else {
      res.writeHead(502, { 'content-type': 'text/html', 'x-ovh-queryid': 'EU.q3' })
      res.end('<h1>Bad Gateway</h1>')
    }
  })
  const rules = await caught(client.post('/domain/rules', { body: {} }))
  t.ok(rules instanceof OvhApiError)
  t.match(rules, {
    status: 400,
    errorClass: 'Client::BadRequest::DOMDOCRuleNotRespected',
    message: 'The owner does not respect the rules',
    details: { rule: 'owner.legalForm', value: 'individual' },
    queryId: 'EU.ext-3.63ac85b6.10528.1',
    method: 'POST',
    route: '/domain/rules'
  })
  const granted = await caught(client.get('/domain/{serviceName}', { params: { serviceName: 'granted' } }))
  t.match(granted, { status: 403, errorCode: 'NOT_GRANTED_CALL', message: 'This call has not been granted', queryId: 'EU.ext-3.63ac85b6.10528.2', route: '/domain/{serviceName}' })
  const bad = await caught(client.post('/other'))
  t.match(bad, { status: 502, message: 'OVH answered HTTP 502 with a non-JSON body', queryId: 'EU.q3' })
})

t.test('the base path of a custom endpoint is kept and signed', async t => {
  const fake = await startFakeOvh(t, (req, res) => json(res, 200, req.url))
  const transport = createOvhTransport({ baseUrl: fake.baseUrl + '/' })
  t.teardown(() => transport.close())
  t.equal(transport.baseUrl, fake.baseUrl)
  t.equal(await transport.client(CREDENTIALS).get('/me'), '/1.0/me')
  t.equal(fake.requests[0].headers['x-ovh-signature'], expectedSignature(fake.requests[0], CREDENTIALS.applicationSecret, CREDENTIALS.consumerKey))
  t.match(fake.requests[0].absoluteUrl, /^http:\/\/127\.0\.0\.1:\d+\/1\.0\/me$/)
})

t.test('credentials changed after creating a client are not used', async t => {
  const { fake, transport } = await setup(t, (req, res) => json(res, 200, null))
  const credentials = { ...CREDENTIALS }
  const client = transport.client(credentials)
  credentials.consumerKey = 'ck-other'
  await client.get('/me')
  t.equal(fake.requests[0].headers['x-ovh-consumer'], CREDENTIALS.consumerKey)
})
