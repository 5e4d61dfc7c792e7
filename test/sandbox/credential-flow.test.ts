// The delegation flow end to end over HTTP: POST /auth/credential, the HTML validation page,
// approve or refuse, the redirect, then the key works (or not), expires with the clock, logs out.
import t from 'tap'
import { request } from 'undici'
import { adminCall, ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

async function requestKey (served: Served, body: unknown, headers: Record<string, string> = {}) {
  const answer = await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body, headers })
  t.equal(answer.status, 200, 'credential requested')
  return answer.body as { consumerKey: string, state: string, validationUrl: string }
}

async function getPage (url: string) {
  const response = await request(url)
  return { status: response.statusCode, type: String(response.headers['content-type']), html: await response.body.text() }
}

function formOf (html: string) {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]
  const token = /name="credentialToken" value="([^"]+)"/.exec(html)?.[1]
  if (action === undefined || token === undefined) throw new Error('no validation form in the page')
  return { action, token }
}

async function submit (served: Served, html: string, fields: Record<string, string>) {
  const { action, token } = formOf(html)
  const response = await request(served.origin + action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ credentialToken: token, ...fields }).toString()
  })
  return { status: response.statusCode, location: response.headers.location, html: await response.body.text() }
}

t.test('approve with a validity, redirect, use, expire with the clock', async t => {
  const served = await serveSandbox(t, { prefix: '/sandbox' })
  const rules = [{ method: 'GET', path: '/domain' }, { method: 'GET', path: '/domain/*' }, { method: 'GET', path: '/auth/*' }]
  const requested = await requestKey(served, { accessRules: rules, redirection: 'https://shop.example/ovh/callback?state=abc' })
  t.equal(requested.state, 'pendingValidation')
  t.match(requested.consumerKey, /^[A-Za-z0-9]{32}$/)
  t.match(requested.validationUrl, new RegExp(`^${served.origin}/sandbox/auth/\\?credentialToken=[A-Za-z0-9]+$`), 'absolute, on the sandbox itself, mount prefix included')
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).body.message, 'This credential is not valid', 'unusable while pending')

  const page = await getPage(requested.validationUrl)
  t.equal(page.status, 200)
  t.match(page.type, /^text\/html/)
  t.match(page.html, 'Sandbox demo application')
  t.match(page.html, '<code>/domain/*</code>')
  t.match(page.html, /<select id="account" name="account"><option value="demo-ovh" selected>/)
  t.match(page.html, /<option value="3600">1 hour<\/option>/)
  t.match(page.html, 'https://shop.example/ovh/callback?state=abc')

  const approved = await submit(served, page.html, { action: 'approve', account: 'demo-ovh', validity: '3600' })
  t.equal(approved.status, 303)
  t.equal(approved.location, 'https://shop.example/ovh/callback?state=abc')

  const current = await ovhCall(served, { path: '/auth/currentCredential', consumerKey: requested.consumerKey })
  t.equal(current.status, 200)
  t.equal(current.body.status, 'validated')
  t.same(current.body.rules, rules)
  t.equal(current.body.allowedIPs, null)
  const expiresIn = Date.parse(current.body.expiration) - served.sandbox.clock.now()
  t.ok(expiresIn > 3_590_000 && expiresIn <= 3_600_000, 'expires in one hour of sandbox time')
  t.same((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).status, 200)
  t.equal((await ovhCall(served, { path: '/auth/details', consumerKey: requested.consumerKey })).body.account, 'demo-ovh')

  t.equal((await getPage(requested.validationUrl)).status, 409, 'the page cannot be used twice')

  t.equal((await adminCall(served, 'POST', '/clock/advance', { seconds: 3500 })).status, 200)
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).status, 200, 'still valid shortly before')
  await adminCall(served, 'POST', '/clock/advance', { seconds: 101 })
  const expired = await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })
  t.equal(expired.status, 403)
  t.equal(expired.body.errorCode, 'INVALID_CREDENTIAL')
  t.equal(served.sandbox.state.credentials[requested.consumerKey].status, 'expired', 'the scheduled expiry ran')
})

t.test('refuse', async t => {
  const served = await serveSandbox(t)
  const requested = await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }], redirection: 'https://shop.example/cb' })
  const page = await getPage(requested.validationUrl)
  const refused = await submit(served, page.html, { action: 'refuse' })
  t.equal(refused.status, 303)
  t.equal(refused.location, 'https://shop.example/cb')
  t.equal(served.sandbox.state.credentials[requested.consumerKey].status, 'refused')
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).body.errorCode, 'INVALID_CREDENTIAL')
})

t.test('without redirection: a confirmation page; unlimited validity; another account', async t => {
  const served = await serveSandbox(t)
  const other = served.sandbox.admin.createAccount({ nic: 'other-ovh' })
  const requested = await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }] })
  const page = await getPage(requested.validationUrl)
  t.match(page.html, '<option value="other-ovh">other-ovh</option>')
  const approved = await submit(served, page.html, { action: 'approve', account: 'other-ovh', validity: '0' })
  t.equal(approved.status, 200)
  t.match(approved.html, 'Access granted')
  t.match(approved.html, 'other-ovh')
  const current = await ovhCall(served, { path: '/auth/currentCredential', consumerKey: requested.consumerKey })
  t.equal(current.body.expiration, null, 'unlimited')
  t.same((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).body, other.domains, 'logged in as the account chosen on the page')

  const refusedPage = await getPage((await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }] })).validationUrl)
  t.match((await submit(served, refusedPage.html, { action: 'refuse' })).html, 'Access refused')
})

t.test('bad tokens and bad choices', async t => {
  const served = await serveSandbox(t)
  const unknown = await getPage(`${served.base}/auth/?credentialToken=nope`)
  t.equal(unknown.status, 404)
  t.match(unknown.type, /^text\/html/)
  t.match(unknown.html, 'does not exist')
  t.equal((await getPage(`${served.base}/auth/`)).status, 404, 'no token')
  const requested = await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }] })
  const page = await getPage(requested.validationUrl)
  t.equal((await submit(served, page.html, { action: 'approve', validity: '12' })).status, 400, 'a validity not offered')
  t.equal((await submit(served, page.html, { action: 'approve', account: 'nobody-ovh' })).status, 400, 'an unknown account')
  t.equal((await submit(served, page.html, { action: 'maybe' })).status, 400)
  t.equal(served.sandbox.state.credentials[requested.consumerKey].status, 'pendingValidation', 'nothing changed')
})

t.test('everything shown in the page is escaped', async t => {
  const served = await serveSandbox(t)
  const application = served.sandbox.admin.createApplication({ name: '<script>alert(1)</script>', description: '"quoted" & <b>' })
  const answer = await ovhCall(served, {
    method: 'POST',
    path: '/auth/credential',
    applicationKey: application.applicationKey,
    consumerKey: null,
    body: { accessRules: [{ method: 'GET', path: '/<img src=x>' }], redirection: 'https://x.example/?a="><script>' }
  })
  const page = await getPage(answer.body.validationUrl)
  t.notMatch(page.html, '<script>')
  t.notMatch(page.html, '<img')
  t.match(page.html, '&lt;script&gt;alert(1)&lt;/script&gt;')
  t.match(page.html, '&quot;quoted&quot; &amp; &lt;b&gt;')
  t.match(page.html, '/&lt;img src=x&gt;')
})

t.test('validationUrl follows the scheme and host the client used', async t => {
  const served = await serveSandbox(t, { prefix: '/sandbox' })
  const requested = await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }] }, { host: 'gw.example', 'x-forwarded-proto': 'https' })
  t.match(requested.validationUrl, /^https:\/\/gw\.example\/sandbox\/auth\/\?credentialToken=/)
})

t.test('logout expires the key that signed the call', async t => {
  const served = await serveSandbox(t)
  const requested = await requestKey(served, { accessRules: [{ method: 'GET', path: '/*' }, { method: 'POST', path: '/auth/logout' }] })
  t.equal((await adminCall(served, 'POST', '/credentials/validate', { consumerKey: requested.consumerKey, expiresInSeconds: 86_400 })).body.status, 'validated')
  const logout = await ovhCall(served, { method: 'POST', path: '/auth/logout', consumerKey: requested.consumerKey })
  t.equal(logout.status, 200)
  t.equal(logout.text, 'null', 'void answers null')
  t.equal(served.sandbox.state.credentials[requested.consumerKey].status, 'expired')
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: requested.consumerKey })).body.errorCode, 'INVALID_CREDENTIAL')
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200, 'other keys are untouched')
})

t.test('the request body is validated against auth.ApiCredentialRequestParams', async t => {
  const served = await serveSandbox(t)
  const call = (body: unknown) => ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body })
  const typo = await call({ accessRule: [{ method: 'GET', path: '/*' }] })
  t.equal(typo.status, 400)
  t.equal(typo.body.class, 'Client::BadRequest')
  t.match(typo.body.message, 'Missing parameter(s): accessRules')
  t.match(typo.body.message, 'Unknown body parameter accessRule')
  t.match((await call({ accessRules: [{ method: 'PATCH', path: '/*' }] })).body.message, 'accessRules[0].method')
  t.match((await call({ accessRules: [{ method: 'GET' }] })).body.message, 'accessRules[0].path')
  t.match((await call({ accessRules: 'GET /*' })).body.message, 'accessRules')
  t.match((await call({ accessRules: [{ method: 'GET', path: '/*' }], allowedIPs: ['not an ip'] })).body.message, 'allowedIPs[0]')
  t.same((await call('{"accessRules": [')).body, { class: 'Client::BadRequest', message: 'Invalid JSON in request body' })
  t.equal((await call({ accessRules: [{ method: 'GET', path: '/*' }], redirection: null })).status, 200, 'redirection may be null')
  t.match((await call({ accessRules: null })).body, { class: 'Client::BadRequest', message: /accessRules: must not be null/ }, 'a required property may not')
})

// ovh 1.2.0, client.py request_consumerkey: self.post('/auth/credential', _need_auth=False,
// accessRules=access_rules, redirection=redirect_url, allowedIPs=allowedIPs), sent as
// json.dumps(data, separators=(",", ":")): these exact bytes when no redirection or IPs are given.
t.test('the body OVH\'s Python SDK sends: null optional properties are not given', async t => {
  const served = await serveSandbox(t)
  const body = '{"accessRules":[{"method":"GET","path":"/domain"}],"redirection":null,"allowedIPs":null}'
  const requested = await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body, headers: { 'content-type': 'application/json' } })
  t.equal(requested.status, 200, requested.text)
  t.equal(requested.body.state, 'pendingValidation')
  const credential = served.sandbox.state.credentials[requested.body.consumerKey]
  t.equal(credential.allowedIPs, null, 'no IP restriction')
  await adminCall(served, 'POST', '/credentials/validate', { consumerKey: requested.body.consumerKey })
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: requested.body.consumerKey })).status, 200, 'the key works from anywhere')
})
