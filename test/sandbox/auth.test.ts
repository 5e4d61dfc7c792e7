// The auth layer: application key, consumer key states, timestamp window, signature over the URL
// the client used, access rules, and the two OVH error shapes with X-Ovh-Queryid on every answer.
import t from 'tap'
import { signRequest } from '../../src/ovh/signature.js'
import { TIMESTAMP_WINDOW_SECONDS } from '../../src/sandbox/constants.js'
import { ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

const QUERY_ID = /^EU\.ext-[1-4]\.[0-9a-f]+\.\d+\.[0-9a-f-]{36}$/

// A validated key of the demo application, on the demo account, with the given rules.
function keyWithRules (served: Served, rules: Array<{ method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string }>): string {
  const { consumerKey } = served.sandbox.admin.createAccount({ seed: 'empty' })
  const credential = served.sandbox.state.credentials[consumerKey]
  credential.rules = rules
  credential.account = served.sandbox.demo.account
  return consumerKey
}

t.test('application key', async t => {
  const served = await serveSandbox(t)
  const unknown = await ovhCall(served, { path: '/domain', applicationKey: 'nope' })
  t.equal(unknown.status, 403)
  t.same(unknown.body, { errorCode: 'INVALID_KEY', httpCode: '403 Forbidden', message: 'This application key is invalid' })
  t.match(unknown.headers['x-ovh-queryid'], QUERY_ID)

  const missing = await ovhCall(served, { path: '/domain', applicationKey: null })
  t.equal(missing.status, 403, 'required on authenticated routes')
  t.equal(missing.body.errorCode, 'INVALID_KEY')

  t.equal((await ovhCall(served, { path: '/auth/time', applicationKey: null, consumerKey: null })).status, 200, 'GET /auth/time needs no key at all')
  t.equal((await ovhCall(served, { path: '/auth/time', applicationKey: 'nope', consumerKey: null })).body.errorCode, 'INVALID_KEY', 'but a wrong one is refused')
  const credential = await ovhCall(served, { method: 'POST', path: '/auth/credential', applicationKey: null, consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })
  t.equal(credential.status, 403, 'POST /auth/credential needs the application')
  t.equal(credential.body.errorCode, 'INVALID_KEY')
})

t.test('consumer key and signature headers', async t => {
  const served = await serveSandbox(t)
  const unsigned = await ovhCall(served, { path: '/auth/currentCredential', consumerKey: null })
  t.equal(unsigned.status, 401)
  t.same(unsigned.body, { class: 'Client::Unauthorized', message: 'You must login first' })
  t.match(unsigned.headers['x-ovh-queryid'], QUERY_ID)
  const noSignature = await ovhCall(served, { path: '/domain', consumerKey: null, headers: { 'x-ovh-consumer': served.sandbox.demo.consumerKey, 'x-ovh-timestamp': '1' } })
  t.equal(noSignature.status, 401)
})

t.test('timestamp window around sandbox time', async t => {
  const served = await serveSandbox(t)
  const now = Math.floor(served.sandbox.clock.now() / 1000)
  for (const skew of [-(TIMESTAMP_WINDOW_SECONDS + 30), TIMESTAMP_WINDOW_SECONDS + 30]) {
    const answer = await ovhCall(served, { path: '/domain', timestamp: now + skew })
    t.equal(answer.status, 400, `skew ${skew}s`)
    t.same(answer.body, { errorCode: 'QUERY_TIME_OUT', httpCode: '400 Bad Request', message: 'Query out of time' })
  }
  for (const skew of [-(TIMESTAMP_WINDOW_SECONDS - 30), TIMESTAMP_WINDOW_SECONDS - 30]) {
    t.equal((await ovhCall(served, { path: '/domain', timestamp: now + skew })).status, 200, `skew ${skew}s is accepted`)
  }
  t.equal((await ovhCall(served, { path: '/domain', headers: { 'x-ovh-timestamp': 'soon' } })).body.errorCode, 'QUERY_TIME_OUT')

  // The window follows sandbox time, not the host's: after an advance, local time is refused.
  served.sandbox.admin.advanceClock({ seconds: 3600 })
  t.equal((await ovhCall(served, { path: '/domain', timestamp: now })).body.errorCode, 'QUERY_TIME_OUT')
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200)
})

t.test('signature', async t => {
  const served = await serveSandbox(t)
  const wrongSecret = await ovhCall(served, { path: '/domain', applicationSecret: 'not-the-secret' })
  t.equal(wrongSecret.status, 400)
  t.same(wrongSecret.body, { errorCode: 'INVALID_SIGNATURE', httpCode: '400 Bad Request', message: 'Invalid signature' })
  t.match(wrongSecret.headers['x-ovh-queryid'], QUERY_ID)

  t.equal((await ovhCall(served, { path: '/domain?whoisOwner=1', signedUrl: `${served.api}/domain` })).body.errorCode, 'INVALID_SIGNATURE', 'the query string is signed')
  t.equal((await ovhCall(served, { path: '/domain', signedUrl: `${served.api}/domain?` })).body.errorCode, 'INVALID_SIGNATURE')
  t.equal((await ovhCall(served, { path: '/domain', signature: '$1$' + '0'.repeat(40) })).body.errorCode, 'INVALID_SIGNATURE')
  t.equal((await ovhCall(served, { path: '/domain', signature: 'garbage' })).body.errorCode, 'INVALID_SIGNATURE')

  // The body is signed as the exact text received.
  const consumerKey = keyWithRules(served, [{ method: 'POST', path: '/auth/logout' }])
  const reformatted = await ovhCall(served, { method: 'POST', path: '/auth/logout', consumerKey, body: '{}' })
  t.equal(reformatted.status, 200, 'a body that is signed as sent passes')
  const other = keyWithRules(served, [{ method: 'POST', path: '/auth/logout' }])
  const timestamp = Math.floor(served.sandbox.clock.now() / 1000)
  const signedEmpty = signRequest({ applicationSecret: served.sandbox.demo.applicationSecret, consumerKey: other, method: 'POST', url: `${served.api}/auth/logout`, body: '', timestamp })
  const tampered = await ovhCall(served, { method: 'POST', path: '/auth/logout', consumerKey: other, body: '{}', timestamp, signature: signedEmpty })
  t.equal(tampered.body.errorCode, 'INVALID_SIGNATURE', 'a body that was not signed fails')
})

t.test('the signed URL is the one the client used: X-Forwarded-Proto, Host as sent, prefix and query', async t => {
  const served = await serveSandbox(t, { prefix: '/sandbox' })
  const port = new URL(served.origin).port
  const proxied = await ovhCall(served, {
    path: '/domain/demo-shop.com',
    signedUrl: 'https://gw.example/sandbox/1.0/domain/demo-shop.com',
    headers: { host: 'gw.example', 'x-forwarded-proto': 'https' }
  })
  t.equal(proxied.status, 200, 'behind a TLS proxy: https + Host without port')
  t.equal((await ovhCall(served, { path: '/domain', signedUrl: `http://127.0.0.1:${port}/sandbox/1.0/domain` })).status, 200, 'direct: the Host header with its port')
  t.equal((await ovhCall(served, { path: '/domain', signedUrl: 'http://127.0.0.1/sandbox/1.0/domain' })).body.errorCode, 'INVALID_SIGNATURE', 'no default port is assumed')
  t.equal((await ovhCall(served, { path: '/domain', signedUrl: `http://127.0.0.1:${port}/1.0/domain` })).body.errorCode, 'INVALID_SIGNATURE', 'the mount prefix is part of the URL')
  t.equal((await ovhCall(served, {
    path: '/domain',
    signedUrl: `http://127.0.0.1:${port}/sandbox/1.0/domain`,
    headers: { 'x-forwarded-proto': 'https' }
  })).body.errorCode, 'INVALID_SIGNATURE', 'X-Forwarded-Proto wins over the connection scheme')
  t.equal((await ovhCall(served, {
    path: '/domain/demo-shop.com,demo-blog.net',
    headers: { 'x-ovh-batch': ',' }
  })).status, 200, 'commas are signed as sent')
})

t.test('consumer key states', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const unknown = await ovhCall(served, { path: '/domain', consumerKey: 'x'.repeat(32) })
  t.equal(unknown.status, 403)
  t.same(unknown.body, { errorCode: 'INVALID_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential does not exist' })

  const other = sandbox.admin.createApplication({ name: 'other' })
  const ofAnotherApp = await ovhCall(served, { path: '/domain', applicationKey: other.applicationKey, applicationSecret: other.applicationSecret })
  t.same(ofAnotherApp.body.errorCode, 'INVALID_CREDENTIAL', 'a key of another application does not exist for this one')

  const request = await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })
  const pendingKey = request.body.consumerKey
  const pending = await ovhCall(served, { path: '/domain', consumerKey: pendingKey })
  t.equal(pending.status, 403)
  t.same(pending.body, { errorCode: 'INVALID_CREDENTIAL', httpCode: '403 Forbidden', message: 'This credential is not valid' })

  sandbox.admin.refuseCredential({ consumerKey: pendingKey })
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: pendingKey })).body.message, 'This credential is not valid', 'refused')

  const expiring = keyWithRules(served, [{ method: 'GET', path: '/*' }])
  sandbox.admin.expireCredential({ consumerKey: expiring })
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: expiring })).body.message, 'This credential is not valid', 'expired')
})

t.test('allowed IPs', async t => {
  const served = await serveSandbox(t)
  const inside = keyWithRules(served, [{ method: 'GET', path: '/*' }])
  served.sandbox.state.credentials[inside].allowedIPs = ['127.0.0.0/8', '2001:db8::/32']
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: inside })).status, 200)
  const outside = keyWithRules(served, [{ method: 'GET', path: '/*' }])
  served.sandbox.state.credentials[outside].allowedIPs = ['203.0.113.7']
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: outside })).body.errorCode, 'INVALID_CREDENTIAL')
})

t.test('access rules, as OVH matches them', async t => {
  const served = await serveSandbox(t)
  const under = keyWithRules(served, [{ method: 'GET', path: '/domain/*' }])
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com', consumerKey: under })).status, 200)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos', consumerKey: under })).status, 200, "'*' spans several segments")
  const list = await ovhCall(served, { path: '/domain', consumerKey: under })
  t.equal(list.status, 403, "'/domain/*' does not cover '/domain'")
  t.same(list.body, { errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' })
  t.equal((await ovhCall(served, { path: '/domain?whoisOwner=1', consumerKey: keyWithRules(served, [{ method: 'GET', path: '/domain' }]) })).status, 200, 'rules ignore the query string')
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com', consumerKey: keyWithRules(served, [{ method: 'GET', path: '/domain' }]) })).body.errorCode, 'NOT_GRANTED_CALL', "'/domain' is exact")
  t.equal((await ovhCall(served, { method: 'POST', path: '/auth/logout', consumerKey: keyWithRules(served, [{ method: 'GET', path: '/*' }]) })).body.errorCode, 'NOT_GRANTED_CALL', 'the method must match')
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com', consumerKey: keyWithRules(served, [{ method: 'GET', path: '/domain/*.com' }]) })).status, 200, "'*' inside a path")
})

t.test('every answer carries X-Ovh-Queryid and the last use is recorded', async t => {
  const served = await serveSandbox(t)
  const answers = await Promise.all([
    ovhCall(served, { path: '/auth/time', consumerKey: null }),
    ovhCall(served, { path: '/domain' }),
    ovhCall(served, { path: '/domain/missing.com' }),
    ovhCall(served, { path: '/nothing/here' }),
    ovhCall(served, { path: '/domain', applicationKey: 'nope' })
  ])
  const ids = answers.map(answer => answer.headers['x-ovh-queryid'])
  for (const id of ids) t.match(id, QUERY_ID)
  t.equal(new Set(ids).size, ids.length, 'unique per call')
  t.not(served.sandbox.state.credentials[served.sandbox.demo.consumerKey].lastUse, null)
})
