// /domain routes: list and owner filter, details, service infos, batch reads, query validation,
// business errors in OVH's class shape.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'

t.test('the demo portfolio', async t => {
  const served = await serveSandbox(t)
  const list = await ovhCall(served, { path: '/domain' })
  t.equal(list.status, 200)
  t.ok(list.body.length >= 12, 'a dozen domains')
  t.same(list.body, [...list.body].sort(), 'sorted')
  const tlds = new Set(list.body.map((name: string) => name.slice(name.indexOf('.') + 1)))
  for (const tld of ['com', 'net', 'fr', 'berlin', 'co.uk', 'org', 'eu', 'io']) t.ok(tlds.has(tld), `.${tld}`)

  const details = await Promise.all(list.body.map(async (name: string) => (await ovhCall(served, { path: `/domain/${name}` })).body))
  const values = (field: string) => new Set(details.map(detail => detail[field]))
  t.ok(values('state').size >= 4, 'several states')
  for (const state of ['ok', 'expired', 'pending_delete', 'outgoing_transfer']) t.ok(values('state').has(state), state)
  for (const renewal of ['automatic_renew', 'manual_renew', 'cancellation_requested']) t.ok(values('renewalState').has(renewal), renewal)
  for (const lock of ['locked', 'unlocked', 'unavailable']) t.ok(values('transferLockStatus').has(lock), lock)
  t.same([...values('nameServerType')].sort(), ['external', 'hosted'])
  const soon = details.filter(detail => Date.parse(detail.expirationDate) - Date.now() < 30 * 86_400_000 && detail.state === 'ok')
  t.ok(soon.length >= 2, 'some expire soon')
})

t.test('details and service infos of one domain', async t => {
  const served = await serveSandbox(t)
  const shop = await ovhCall(served, { path: '/domain/demo-shop.com' })
  t.equal(shop.status, 200)
  t.match(shop.body, {
    domain: 'demo-shop.com',
    state: 'ok',
    renewalState: 'automatic_renew',
    nameServerType: 'hosted',
    transferLockStatus: 'locked',
    contactAdmin: { id: 'demo-ovh' },
    iam: { urn: 'urn:v1:eu:resource:domain:demo-shop.com', displayName: 'demo-shop.com' },
    parentService: null
  })
  t.same(shop.body.nameServers.map((ns: { nameServer: string }) => ns.nameServer), ['dns10.ovh.net', 'ns10.ovh.net'])
  t.equal(shop.body.whoisOwner, shop.body.contactOwner.id)

  const infos = await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos' })
  t.match(infos.body, {
    domain: 'demo-shop.com',
    serviceId: shop.body.serviceId,
    status: 'ok',
    renewalType: 'automaticV2016',
    contactAdmin: 'demo-ovh',
    renew: { automatic: true, deleteAtExpiration: false, forced: false, period: 12 }
  })
  t.match(infos.body.expiration, /^\d{4}-\d{2}-\d{2}$/)
  t.equal(infos.body.expiration, shop.body.expirationDate.slice(0, 10))
  t.equal((await ovhCall(served, { path: '/domain/demo-old.com/serviceInfos' })).body.status, 'expired')
  t.equal((await ovhCall(served, { path: '/domain/DEMO-SHOP.COM' })).body.domain, 'demo-shop.com', 'names are case-insensitive')
})

t.test('owner filter and query validation', async t => {
  const served = await serveSandbox(t)
  const all: string[] = (await ovhCall(served, { path: '/domain' })).body
  const owner = (await ovhCall(served, { path: '/domain/demo-boulangerie.fr' })).body.whoisOwner
  const filtered: string[] = (await ovhCall(served, { path: `/domain?whoisOwner=${owner}` })).body
  t.ok(filtered.length > 0 && filtered.length < all.length)
  t.ok(filtered.includes('demo-boulangerie.fr'))
  t.same((await ovhCall(served, { path: '/domain?whoisOwner=0' })).body, [])
  const unknown = await ovhCall(served, { path: '/domain?whoisowner=1' })
  t.equal(unknown.status, 400)
  t.same(unknown.body, { class: 'Client::BadRequest', message: 'Unknown query parameter whoisowner' })
})

t.test('business errors', async t => {
  const served = await serveSandbox(t)
  const missing = await ovhCall(served, { path: '/domain/not-mine.com' })
  t.equal(missing.status, 404)
  t.same(missing.body, { class: 'Client::NotFound', message: 'This service does not exist' })
  t.match(missing.headers['x-ovh-queryid'], /^EU\./)
  t.equal((await ovhCall(served, { path: '/domain/not-mine.com/serviceInfos' })).status, 404)
  const route = await ovhCall(served, { path: '/domain/demo-shop.com/nothing' })
  t.equal(route.status, 404)
  t.same(route.body, { class: 'Client::NotFound', message: 'Got an invalid (or empty) URL' })
  t.same((await ovhCall(served, { method: 'PUT', path: '/auth/time', body: {} })).body, route.body, 'a method the sandbox does not serve')
  t.same((await ovhCall(served, { path: '/domain/' })).body, route.body, 'an empty service name')
})

t.test('batch reads', async t => {
  const served = await serveSandbox(t)
  const ids = ['demo-shop.com', 'missing.com', 'demo-tea.co.uk', 'demo-blog.net']
  const batch = await ovhCall(served, { path: `/domain/${ids.join(',')}`, headers: { 'x-ovh-batch': ',' } })
  t.equal(batch.status, 200, 'a missing id never fails the call')
  t.same(batch.body.map((item: { key: string }) => item.key), ids, 'one item per id, keys as in the URL')
  const [shop, missing, tea] = batch.body
  t.equal(shop.error, null)
  t.same(shop.value, (await ovhCall(served, { path: '/domain/demo-shop.com' })).body, 'the value is what a single GET returns')
  t.equal(tea.value.transferLockStatus, 'unavailable')
  t.equal(missing.value, null)
  t.ok(missing.error, 'the missing id has a truthy error')
  t.equal(missing.error, 'This service does not exist')
  const log = served.sandbox.calls.list()
  t.equal(log.find(call => call.path.startsWith('/domain/demo-shop.com,'))?.batchSize, 4, 'the call log counts the ids')

  const one = await ovhCall(served, { path: '/domain/demo-shop.com', headers: { 'x-ovh-batch': ',' } })
  t.equal(one.body.length, 1, 'a batch of one is a one-element array')
  const other = await ovhCall(served, { path: '/domain/demo-shop.com|demo-blog.net', headers: { 'x-ovh-batch': '|' } })
  t.same(other.body.map((item: { error: unknown }) => item.error), [null, null], 'any separator')

  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com,demo-blog.net' })).status, 404, 'without the header, the commas are part of the name')
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com,demo-blog.net/serviceInfos', headers: { 'x-ovh-batch': ',' } })).status, 404, 'only routes ending with an id read in batch')
  // 50 ids are far longer than the router's default limit for one path parameter (100 chars).
  const fifty = Array.from({ length: 50 }, (_, i) => i === 0 ? 'demo-shop.com' : `long-domain-name-number-${i}.com`)
  const long = await ovhCall(served, { path: `/domain/${fifty.join(',')}`, headers: { 'x-ovh-batch': ',' } })
  t.equal(long.status, 200, 'a batch of 50 long names')
  t.equal(long.body.length, 50)
  t.equal(long.body[0].value.domain, 'demo-shop.com')
  const longName = `${'x'.repeat(120)}.com`
  t.same((await ovhCall(served, { path: `/domain/${longName}/serviceInfos` })).body, { class: 'Client::NotFound', message: 'Got an invalid (or empty) URL' }, 'a long segment elsewhere is still answered in OVH shape')
  t.same((await ovhCall(served, { path: `/domain/${longName}` })).body, { class: 'Client::NotFound', message: 'This service does not exist' })
  t.same(served.sandbox.servedRoutes.filter(route => route.path.includes('*')), [], 'the long-segment twin is not a served route')
  const tooMany = Array.from({ length: 51 }, (_, i) => `d${i}.com`).join(',')
  const refused = await ovhCall(served, { path: `/domain/${tooMany}`, headers: { 'x-ovh-batch': ',' } })
  t.equal(refused.status, 400, 'at most 50 ids')
  t.equal(refused.body.class, 'Client::BadRequest')
})

t.test('tenant isolation: another account sees only its own domains', async t => {
  const served = await serveSandbox(t)
  const other = served.sandbox.admin.createAccount({ nic: 'other-ovh' })
  t.ok(other.domains.length >= 12)
  t.ok(other.domains.every(name => name.startsWith('other-')))
  const mine: string[] = (await ovhCall(served, { path: '/domain' })).body
  t.same((await ovhCall(served, { path: '/domain', consumerKey: other.consumerKey })).body, other.domains)
  t.notOk(mine.some(name => other.domains.includes(name)), 'no domain in common')
  t.equal((await ovhCall(served, { path: `/domain/${other.domains[0]}` })).status, 404, "the demo key cannot read the other account's domain")
  t.equal((await ovhCall(served, { path: `/domain/${mine[0]}`, consumerKey: other.consumerKey })).status, 404, 'nor the other way round')
  const batch = await ovhCall(served, { path: `/domain/${mine[0]},${other.domains[0]}`, headers: { 'x-ovh-batch': ',' } })
  t.same(batch.body.map((item: { error: unknown }) => item.error === null), [true, false], 'not through a batch either')
})

t.test('errors outside the handlers are answered in OVH shape too', async t => {
  const served = await serveSandbox(t)
  const big = await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body: JSON.stringify({ accessRules: [], pad: 'x'.repeat(1_100_000) }) })
  t.equal(big.status, 413)
  t.same(big.body, { class: 'Client::PayloadTooLarge', message: 'Request body is too large' })
  // A broken state is a sandbox bug: a 500 in OVH's shape, logged, never a made-up body.
  const shop = served.sandbox.state.accounts['demo-ovh'].domains['demo-shop.com'] as unknown as Record<string, unknown>
  shop.nameServers = null
  const broken = await ovhCall(served, { path: '/domain/demo-shop.com' })
  t.equal(broken.status, 500)
  t.same(broken.body, { class: 'Server::InternalServerError', message: 'Internal server error' })
  t.match(broken.headers['x-ovh-queryid'], /^EU\./)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com,demo-blog.net', headers: { 'x-ovh-batch': ',' } })).status, 500, 'a bug is not hidden in a batch item')
})
