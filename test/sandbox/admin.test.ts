// The admin controls over HTTP: reset and seed, accounts, applications, credentials, clock,
// injected faults and the call log.
import t from 'tap'
import { request } from 'undici'
import { adminCall, ovhCall, serveSandbox } from './helpers.js'
import { createOrder, freshName } from './order-helpers.js'

t.test('reset and seed', async t => {
  const served = await serveSandbox(t)
  await ovhCall(served, { method: 'POST', path: '/auth/logout' })
  t.equal((await ovhCall(served, { path: '/domain' })).status, 403, 'the demo key is logged out')
  await adminCall(served, 'POST', '/faults', { path: '/*', status: 500 })
  const reset = await adminCall(served, 'POST', '/reset')
  t.equal(reset.status, 200)
  t.same(await adminCall(served, 'GET', '/faults'), { status: 200, body: [] }, 'faults are cleared')
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200, 'the demo key works again')
  t.equal(served.sandbox.calls.list().length, 1, 'the call log restarted')

  await adminCall(served, 'POST', '/reset', { seed: 'empty' })
  t.same((await ovhCall(served, { path: '/domain' })).body, [], 'an empty seed: no domains, but the demo key works')
  t.equal((await adminCall(served, 'POST', '/reset', { seed: 'full' })).status, 400)
  t.equal((await adminCall(served, 'POST', '/reset', { seeds: 'demo' })).status, 400, 'unknown options are refused')
})

t.test('accounts and applications', async t => {
  const served = await serveSandbox(t)
  const created = await adminCall(served, 'POST', '/accounts', { nic: 'acme-ovh' })
  t.equal(created.status, 201)
  t.equal(created.body.nic, 'acme-ovh')
  t.ok(created.body.domains.every((name: string) => name.startsWith('acme-')))
  t.same((await ovhCall(served, { path: '/domain', consumerKey: created.body.consumerKey })).body, created.body.domains)
  t.equal((await ovhCall(served, { path: '/auth/details', consumerKey: created.body.consumerKey })).body.account, 'acme-ovh')
  t.equal((await adminCall(served, 'POST', '/accounts', { nic: 'acme-ovh' })).status, 409, 'a NIC handle is unique')
  const empty = await adminCall(served, 'POST', '/accounts', { seed: 'empty' })
  t.match(empty.body.nic, /^[a-z]{2}\d{5}-ovh$/, 'a generated NIC handle')
  t.same(empty.body.domains, [])
  const listed = await adminCall(served, 'GET', '/accounts')
  t.same(listed.body.map((account: { nic: string }) => account.nic).sort(), ['acme-ovh', 'demo-ovh', empty.body.nic].sort())

  const application = await adminCall(served, 'POST', '/applications', { name: 'Storefront' })
  t.equal(application.status, 201)
  const { applicationKey, applicationSecret } = application.body
  const requested = await ovhCall(served, { method: 'POST', path: '/auth/credential', applicationKey, consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })
  const consumerKey = requested.body.consumerKey
  const validated = await adminCall(served, 'POST', '/credentials/validate', { consumerKey, account: 'acme-ovh' })
  t.match(validated.body, { status: 'validated', account: 'acme-ovh', expiration: null })
  t.same((await ovhCall(served, { path: '/domain', applicationKey, applicationSecret, consumerKey })).body, created.body.domains, 'a new application, its own key, another account')
  t.equal((await ovhCall(served, { path: '/domain', consumerKey })).body.errorCode, 'INVALID_CREDENTIAL', 'the key belongs to its application only')
})

t.test('credential controls', async t => {
  const served = await serveSandbox(t)
  const pending = async () => (await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })).body.consumerKey as string
  t.equal((await adminCall(served, 'POST', '/credentials/validate', { consumerKey: 'nope' })).status, 404)
  const first = await pending()
  t.equal((await adminCall(served, 'POST', '/credentials/validate', { consumerKey: first, account: 'nobody' })).status, 404)
  t.equal((await adminCall(served, 'POST', '/credentials/refuse', { consumerKey: first })).body.status, 'refused')
  t.equal((await adminCall(served, 'POST', '/credentials/validate', { consumerKey: first })).status, 409, 'only a pending key can be validated')
  const second = await pending()
  const validated = await adminCall(served, 'POST', '/credentials/validate', { consumerKey: second, expiresInSeconds: 60 })
  t.ok(Date.parse(validated.body.expiration) > served.sandbox.clock.now())
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: second })).status, 200)
  t.equal((await adminCall(served, 'POST', '/credentials/expire', { consumerKey: second })).body.status, 'expired')
  t.equal((await ovhCall(served, { path: '/domain', consumerKey: second })).body.errorCode, 'INVALID_CREDENTIAL')
})

t.test('clock', async t => {
  const served = await serveSandbox(t)
  const before = (await adminCall(served, 'GET', '/clock')).body
  t.equal(before.offsetSeconds, 0)
  const after = (await adminCall(served, 'POST', '/clock/advance', { seconds: 86_400 })).body
  t.ok(after.epochSeconds - before.epochSeconds >= 86_400)
  t.equal(after.offsetSeconds, 86_400)
  const time = (await ovhCall(served, { path: '/auth/time', consumerKey: null })).body
  t.ok(time >= after.epochSeconds && time - after.epochSeconds < 60, 'GET /auth/time follows the sandbox clock')
  t.equal((await adminCall(served, 'POST', '/clock/advance', { seconds: -1 })).status, 400, 'only forward')
})

t.test('faults: a status for the next N calls, then normal', async t => {
  const served = await serveSandbox(t)
  const added = await adminCall(served, 'POST', '/faults', { method: 'GET', path: '/domain/*', status: 503, times: 2 })
  t.equal(added.status, 201)
  t.match(added.body, { id: Number, path: '/domain/*', status: 503, times: 2 })
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200, "'/domain/*' does not match '/domain'")
  const first = await ovhCall(served, { path: '/domain/demo-shop.com' })
  t.equal(first.status, 503)
  t.same(first.body, { class: 'Server::ServiceUnavailable', message: 'Service temporarily unavailable, please retry later' })
  t.match(first.headers['x-ovh-queryid'], /^EU\./)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos' })).status, 503)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com' })).status, 200, 'back to normal after two calls')
  t.same((await adminCall(served, 'GET', '/faults')).body, [], 'a spent fault is gone')

  await adminCall(served, 'POST', '/faults', { path: '/domain', status: 429, retryAfterSeconds: 7, times: 1 })
  const limited = await ovhCall(served, { path: '/domain' })
  t.equal(limited.status, 429)
  t.equal(limited.headers['retry-after'], '7')
  t.equal(limited.body.class, 'Client::TooManyRequests')

  await adminCall(served, 'POST', '/faults', { method: 'POST', path: '/*', status: 500, message: 'Boom' })
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200, 'the method must match')
  t.same((await ovhCall(served, { method: 'POST', path: '/auth/logout' })).body, { class: 'Server::InternalServerError', message: 'Boom' })
  t.same((await adminCall(served, 'DELETE', '/faults')).body, { removed: 1 })
})

t.test('faults: a share of calls, latency, reset, malformed body', async t => {
  const served = await serveSandbox(t)
  await adminCall(served, 'POST', '/faults', { path: '/domain', status: 500, ratio: 0.5 })
  const statuses = []
  for (let i = 0; i < 6; i++) statuses.push((await ovhCall(served, { path: '/domain' })).status)
  t.same(statuses, [200, 500, 200, 500, 200, 500], 'every second call, deterministically')
  const [ratioFault] = (await adminCall(served, 'GET', '/faults')).body
  t.match(ratioFault, { seen: 6, hits: 3 })
  t.equal((await adminCall(served, 'DELETE', `/faults/${ratioFault.id}`)).status, 200)
  t.equal((await adminCall(served, 'DELETE', `/faults/${ratioFault.id}`)).status, 404)

  await adminCall(served, 'POST', '/faults', { path: '/auth/time', latencyMs: 200, times: 1 })
  const started = performance.now()
  t.equal((await ovhCall(served, { path: '/auth/time', consumerKey: null })).status, 200, 'latency alone still answers')
  t.ok(performance.now() - started >= 150, 'the answer was held back')

  await adminCall(served, 'POST', '/faults', { path: '/domain', reset: true, times: 1 })
  await t.rejects(ovhCall(served, { path: '/domain' }), 'the connection is reset')
  t.equal((await ovhCall(served, { path: '/domain' })).status, 200)

  await adminCall(served, 'POST', '/faults', { path: '/domain', malformed: true, times: 1 })
  const malformed = await ovhCall(served, { path: '/domain' })
  t.equal(malformed.status, 200)
  t.match(malformed.headers['content-type'], /^application\/json/)
  t.throws(() => JSON.parse(malformed.text), 'the body is not JSON')

  // A batch read answered, its failing ids with another bare string than OVH's message.
  await adminCall(served, 'POST', '/faults', { path: '/domain/*', itemError: 'Something went wrong', times: 1 })
  const reworded = await ovhCall(served, { path: '/domain/demo-shop.com,nope.com', headers: { 'x-ovh-batch': ',' } })
  t.equal(reworded.status, 200)
  t.match(reworded.body, [{ key: 'demo-shop.com', value: { domain: 'demo-shop.com' }, error: null }, { key: 'nope.com', value: null, error: 'Something went wrong' }])
  t.match((await ovhCall(served, { path: '/domain/nope.com,demo-shop.com', headers: { 'x-ovh-batch': ',' } })).body, [{ key: 'nope.com', error: 'This service does not exist' }], 'for `times` calls')
  t.equal((await adminCall(served, 'POST', '/faults', { path: '/domain', itemError: 'x', status: 500 })).status, 400, 'itemError is an effect of its own')

  const calls = served.sandbox.calls.list({ path: '/domain' })
  const reset = calls.find(call => call.status === null)
  t.ok(reset, 'the reset call is logged without a status')
  t.ok(reset?.fault, 'with the fault that shaped it')
  t.equal(reset?.route, '/domain', 'and the route it was meant for')

  t.equal((await adminCall(served, 'POST', '/faults', { path: '/domain' })).status, 400, 'a fault needs an effect')
  t.equal((await adminCall(served, 'POST', '/faults', { path: '/domain', reset: true, status: 500 })).status, 400, 'effects are exclusive')
  t.equal((await adminCall(served, 'POST', '/faults', { path: '/domain', lostAnswer: true, status: 500 })).status, 400, 'a lost answer is no status')
  t.equal((await adminCall(served, 'POST', '/faults', { path: 'domain', status: 500 })).status, 400)
  t.equal((await adminCall(served, 'POST', '/faults', { path: '/domain', status: 500, ratio: 2 })).status, 400)
})

t.test('faults: a lost answer is a call carried out whose connection is cut', async t => {
  const served = await serveSandbox(t)
  const carts = () => Object.keys(served.sandbox.state.orders?.carts ?? {}).length
  const before = carts()
  t.match((await adminCall(served, 'POST', '/faults', { method: 'POST', path: '/order/cart', lostAnswer: true, times: 1 })).body, { lostAnswer: true })
  await t.rejects(ovhCall(served, { method: 'POST', path: '/order/cart', body: { ovhSubsidiary: 'FR' } }), 'no answer arrives')
  t.equal(carts() - before, 1, 'the cart was made all the same')
  t.match(served.sandbox.calls.list({ path: '/order/cart' }).at(-1), { method: 'POST', status: 200, fault: Number }, 'logged with the status it would have answered')
  t.equal((await ovhCall(served, { method: 'POST', path: '/order/cart', body: { ovhSubsidiary: 'FR' } })).status, 200, 'once only')
  t.equal(carts() - before, 2)
})

t.test('call log', async t => {
  const served = await serveSandbox(t, { prefix: '/sandbox' })
  await ovhCall(served, { path: '/auth/time', consumerKey: null })
  t.same((await adminCall(served, 'DELETE', '/calls')).body, { ok: true })
  const answers = [
    await ovhCall(served, { path: `/domain?whoisOwner=${served.sandbox.state.accounts['demo-ovh'].domains['demo-shop.com'].contacts.owner}` }),
    await ovhCall(served, { path: '/domain/demo-shop.com,demo-blog.net,nope.com', headers: { 'x-ovh-batch': ',' } }),
    await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos', applicationSecret: 'wrong' }),
    await ovhCall(served, { path: '/not/a/route' }),
    await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })
  ]
  const log = (await adminCall(served, 'GET', '/calls')).body
  t.equal(log.length, 5, 'exactly one entry per call received')
  const demoCredential = served.sandbox.state.credentials[served.sandbox.demo.consumerKey].credentialId
  t.match(log[0], { method: 'GET', route: '/domain', status: 200, applicationKey: served.sandbox.demo.applicationKey, credentialId: demoCredential, account: 'demo-ovh', batchSize: 1, fault: null })
  t.match(log[0].path, /^\/domain\?whoisOwner=\d+$/, 'path as called, without the mount prefix, with the query')
  t.match(log[1], { path: '/domain/demo-shop.com,demo-blog.net,nope.com', route: '/domain/{serviceName}', status: 200, batchSize: 3 })
  t.match(log[2], { route: '/domain/{serviceName}/serviceInfos', status: 400, credentialId: null, account: null })
  t.match(log[3], { path: '/not/a/route', route: null, status: 404 })
  t.match(log[4], { method: 'POST', route: '/auth/credential', status: 200, credentialId: null })
  answers.forEach((answer, i) => t.equal(log[i].queryId, answer.headers['x-ovh-queryid'], `entry ${i} carries the answer's query id`))
  t.match(log[0].at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
  for (let i = 1; i < log.length; i++) t.ok(log[i].id > log[i - 1].id)

  const text = JSON.stringify(log)
  t.notMatch(text, served.sandbox.demo.consumerKey, 'no consumer key in the log')
  t.notMatch(text, answers[4].body.consumerKey, 'not even a new one')
  t.notMatch(text, '$1$', 'no signature in the log')

  t.same((await adminCall(served, 'GET', `/calls?since=${log[2].id}`)).body.map((call: { id: number }) => call.id), [log[3].id, log[4].id])
  t.same((await adminCall(served, 'GET', '/calls?path=/domain/*')).body.map((call: { id: number }) => call.id), [log[1].id, log[2].id])
  t.equal((await adminCall(served, 'GET', '/calls?since=x')).status, 400)
  t.equal((await request(`${served.base}/admin/calls`)).headers['x-ovh-queryid'], undefined, 'admin answers are not OVH answers')
  t.same((await adminCall(served, 'GET', '/routes')).body, served.sandbox.servedRoutes)
})

t.test('orders: every order with its domains and payment, per account', async t => {
  const served = await serveSandbox(t)
  t.same((await adminCall(served, 'GET', '/orders')).body, [], 'none before the first checkout')
  const [first, second] = [freshName(), freshName('net')]
  const unpaid = await createOrder(served, [first], { configure: true })
  const paid = await createOrder(served, [second, first], { configure: true, pay: true })
  const listed = await adminCall(served, 'GET', '/orders?account=demo-ovh')
  t.equal(listed.status, 200)
  t.match(listed.body, [
    { orderId: unpaid, account: 'demo-ovh', paid: false, domains: [first] },
    { orderId: paid, account: 'demo-ovh', paid: true, domains: [second, first] }
  ])
  t.match(listed.body[0].date, /^\d{4}-\d{2}-\d{2}T/)
  t.same((await adminCall(served, 'GET', '/orders?account=nobody-ovh')).body, [], 'another account has none')
  t.equal((await adminCall(served, 'GET', '/orders?acount=demo-ovh')).status, 400, 'unknown options are refused')
})
