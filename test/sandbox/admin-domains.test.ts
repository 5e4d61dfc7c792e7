// Changes made outside the gateway: the admin domain controls, in process (sandbox.admin.*) and
// over HTTP (/admin/domains), seen by the OVH routes exactly as OVH would show them.
import t from 'tap'
import type { Test } from 'tap'
import { checkValue } from '../../src/sandbox/schema/check.js'
import { adminCall, ovhCall, serveSandbox } from './helpers.js'
import type { Served } from './helpers.js'

async function details (t: Test, served: Served, name: string): Promise<any> {
  const answer = await ovhCall(served, { path: `/domain/${name}` })
  if (answer.status === 200) {
    t.same(checkValue(served.sandbox.schema, 'domain.DomainServiceWithIAM', answer.body, { mode: 'response', file: 'domain' }), [], `${name} as OVH sends it`)
  }
  return answer
}

async function serviceInfos (served: Served, name: string): Promise<any> {
  return (await ovhCall(served, { path: `/domain/${name}/serviceInfos` })).body
}

t.test('state, expiry, renewal, lock and name servers, as OVH then shows them', async t => {
  const served = await serveSandbox(t)
  const { admin } = served.sandbox
  const before = (await details(t, served, 'demo-shop.com')).body

  const expired = admin.updateDomain({ domain: 'demo-shop.com', state: 'expired', expiration: '2026-01-15' })
  t.match(expired.details, { state: 'expired', expirationDate: /^2026-01-15T/ })
  let shop = (await details(t, served, 'demo-shop.com')).body
  t.match(shop, { state: 'expired', suspensionState: 'not_suspended', expirationDate: /^2026-01-15T13:00:00\+01:00$/ }, 'a date is that day, noon UTC')
  t.not(shop.lastUpdate, before.lastUpdate, 'lastUpdate moves')
  t.match(await serviceInfos(served, 'demo-shop.com'), { expiration: '2026-01-15', status: 'expired' })

  admin.updateDomain({ domain: 'demo-shop.com', state: 'technical_suspended', expiration: '2027-06-30T10:00:00+02:00' })
  t.match((await details(t, served, 'demo-shop.com')).body, { state: 'technical_suspended', suspensionState: 'suspended', expirationDate: '2027-06-30T10:00:00+02:00' })
  admin.updateDomain({ domain: 'DEMO-SHOP.COM', state: 'ok' })
  t.equal((await details(t, served, 'demo-shop.com')).body.suspensionState, 'not_suspended', 'the suspension follows the state')

  admin.updateDomain({ domain: 'demo-shop.com', renewalState: 'manual_renew' })
  t.equal((await details(t, served, 'demo-shop.com')).body.renewalState, 'manual_renew')
  t.match(await serviceInfos(served, 'demo-shop.com'), { renew: { automatic: false, deleteAtExpiration: false, manualPayment: true, period: null }, renewalType: 'manual' }, 'the service renews manually')
  admin.updateDomain({ domain: 'demo-shop.com', renewalState: 'automatic_renew', renewPeriod: 24 })
  t.match(await serviceInfos(served, 'demo-shop.com'), { renew: { automatic: true, deleteAtExpiration: false, period: 24 }, renewalType: 'automaticV2016' })
  admin.updateDomain({ domain: 'demo-shop.com', renewalState: 'cancellation_requested' })
  t.equal((await details(t, served, 'demo-shop.com')).body.renewalState, 'cancellation_requested')
  t.match(await serviceInfos(served, 'demo-shop.com'), { renew: { automatic: true, deleteAtExpiration: true, period: 24 } })
  admin.updateDomain({ domain: 'demo-blog.net', renewalState: 'automatic_renew' })
  t.match(await serviceInfos(served, 'demo-blog.net'), { renew: { automatic: true, period: 12 } }, 'a manual renewal made automatic gets a year')

  admin.updateDomain({ domain: 'demo-shop.com', transferLockStatus: 'unlocked' })
  t.equal((await details(t, served, 'demo-shop.com')).body.transferLockStatus, 'unlocked')
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com/authInfo' })).status, 200, 'an unlocked domain gives its auth code')

  admin.updateDomain({ domain: 'demo-shop.com', nameServers: ['ns1.example.net', 'NS2.example.net.', { host: 'ns3.demo-shop.com', ip: '192.0.2.7' }] })
  shop = (await details(t, served, 'demo-shop.com')).body
  t.equal(shop.nameServerType, 'external', 'other name servers than OVH\'s: external')
  t.same(shop.nameServers.map((ns: { nameServer: string, ipv4: string | null }) => [ns.nameServer, ns.ipv4]), [['ns1.example.net', null], ['ns2.example.net', null], ['ns3.demo-shop.com', '192.0.2.7']])
  const ids = (await ovhCall(served, { path: '/domain/demo-shop.com/nameServer' })).body as number[]
  t.same(ids, shop.nameServers.map((ns: { id: number }) => ns.id), 'the name server routes see them')
  admin.updateDomain({ domain: 'demo-shop.com', nameServers: ['dns12.ovh.net', 'ns12.ovh.net'] })
  t.equal((await details(t, served, 'demo-shop.com')).body.nameServerType, 'hosted', 'OVH\'s own: hosted')
  admin.updateDomain({ domain: 'demo-shop.com', nameServerType: 'external' })
  t.equal((await details(t, served, 'demo-shop.com')).body.nameServers[0].nameServerType, 'external', 'the type alone')

  // DNS Anycast (a premium offer's option) ends with the domain.
  admin.updateDomain({ domain: 'demo-archive.com', expiration: '2029-09-09' })
  t.match((await ovhCall(served, { path: '/domain/demo-archive.com/option/dnsAnycast' })).body, { expirationDate: /^2029-09-09T/ })
})

t.test('a refused change changes nothing', async t => {
  const served = await serveSandbox(t)
  const { admin } = served.sandbox
  const before = JSON.stringify(served.sandbox.state.accounts['demo-ovh'].domains['demo-blog.net'])
  const refusals: Array<[object, number, RegExp]> = [
    [{ domain: 'nope.com' }, 404, /no domain nope\.com/],
    [{ domain: 'demo-blog.net', account: 'nobody-ovh' }, 404, /unknown account/],
    [{ domain: 'demo-blog.net', state: 'expired', expiration: '2026-02-30' }, 400, /expiration/],
    [{ domain: 'demo-blog.net', expiration: '2026-02-03T10:00:00' }, 400, /offset/],
    [{ domain: 'demo-blog.net', renewalState: 'automatic_renew', renewPeriod: 18 }, 400, /renewPeriod/],
    [{ domain: 'demo-blog.net', renewPeriod: 24 }, 400, /manual renewal has no period/],
    [{ domain: 'demo-blog.net', state: 'expired', nameServers: ['not a host'] }, 400, /not a host name/],
    [{ domain: 'demo-blog.net', nameServers: [] }, 400, /from 1 to 13/],
    [{ domain: 'demo-blog.net', nameServers: ['ns1.a.net', 'ns1.a.net'] }, 400, /twice/],
    [{ domain: 'demo-blog.net', nameServers: [{ host: 'ns1.example.net', ip: '192.0.2.1' }] }, 400, /not inside demo-blog\.net/],
    [{ domain: 'demo-blog.net', nameServers: [{ host: 'ns1.demo-blog.net', ip: '192.0.2.300' }] }, 400, /not an IP address/]
  ]
  for (const [options, status, message] of refusals) {
    t.throws(() => admin.updateDomain(options as never), { statusCode: status, message }, JSON.stringify(options))
  }
  t.equal(JSON.stringify(served.sandbox.state.accounts['demo-ovh'].domains['demo-blog.net']), before, 'the domain is untouched')
})

t.test('over HTTP: read, change, add and remove', async t => {
  const served = await serveSandbox(t)
  const read = await adminCall(served, 'GET', '/domains/demo-blog.net')
  t.equal(read.status, 200)
  t.match(read.body, { details: { domain: 'demo-blog.net', renewalState: 'manual_renew' }, serviceInfos: { domain: 'demo-blog.net' } })

  const changed = await adminCall(served, 'PATCH', '/domains/demo-blog.net', { state: 'pending_delete', renewalState: 'cancellation_requested', transferLockStatus: 'unlocked' })
  t.equal(changed.status, 200)
  t.match(changed.body.details, { state: 'pending_delete', renewalState: 'cancellation_requested', transferLockStatus: 'unlocked' })
  t.match((await details(t, served, 'demo-blog.net')).body, { state: 'pending_delete' })
  t.match(await adminCall(served, 'PATCH', '/domains/demo-blog.net', { colour: 'blue' }), { status: 400, body: { error: 'BAD_REQUEST', message: /colour/ } }, 'unknown fields are refused')
  t.match(await adminCall(served, 'PATCH', '/domains/demo-blog.net', { state: 'gone' }), { status: 400 })
  t.match(await adminCall(served, 'PATCH', '/domains/demo-blog.net', { renewPeriod: 18 }), { status: 400, body: { message: /renewPeriod/ } })
  t.match(await adminCall(served, 'PATCH', '/domains/nope.com', { state: 'ok' }), { status: 404, body: { error: 'NOT_FOUND' } })

  const added = await adminCall(served, 'POST', '/domains', { domain: 'Made-Outside.fr', expiration: '2027-04-01', nameServers: ['ns1.example.net', 'ns2.example.net'] })
  t.equal(added.status, 201)
  t.match(added.body.details, { domain: 'made-outside.fr', state: 'ok', renewalState: 'automatic_renew', transferLockStatus: 'locked', nameServerType: 'external', expirationDate: /^2027-04-01T/ })
  t.ok((await ovhCall(served, { path: '/domain' })).body.includes('made-outside.fr'), 'listed by GET /domain')
  t.equal((await details(t, served, 'made-outside.fr')).status, 200)
  const owner = (await details(t, served, 'made-outside.fr')).body.whoisOwner
  t.equal((await ovhCall(served, { path: `/me/contact/${owner}` })).status, 200, 'owned by a contact of the account')
  t.match(await adminCall(served, 'POST', '/domains', { domain: 'made-outside.fr' }), { status: 409, body: { error: 'CONFLICT', message: /demo-ovh/ } })
  t.match(await adminCall(served, 'POST', '/domains', { domain: 'demo-shop.com' }), { status: 409 })
  t.match(await adminCall(served, 'POST', '/domains', { domain: 'nowhere.unknowntld' }), { status: 400, body: { message: /domain:/ } })
  t.match(await adminCall(served, 'POST', '/domains', { domain: 'x.co.uk', owner: 1 }), { status: 404, body: { message: /no contact 1/ } })
  t.match(await adminCall(served, 'POST', '/domains', {}), { status: 400 })
  t.equal((await adminCall(served, 'POST', '/domains', { domain: 'tea-party.co.uk' })).body.details.transferLockStatus, 'unavailable', 'no lock where the registry has none')

  t.same(await adminCall(served, 'DELETE', '/domains/made-outside.fr'), { status: 200, body: { removed: 'made-outside.fr' } })
  t.notOk((await ovhCall(served, { path: '/domain' })).body.includes('made-outside.fr'), 'gone from GET /domain')
  t.equal((await details(t, served, 'made-outside.fr')).status, 404)
  t.equal((await adminCall(served, 'DELETE', '/domains/made-outside.fr')).status, 404)
  t.equal((await adminCall(served, 'GET', '/domains/made-outside.fr')).status, 404)
})

t.test('on another account, and on generated domains', async t => {
  const served = await serveSandbox(t, { extraDomains: 50 })
  const acme = await adminCall(served, 'POST', '/accounts', { nic: 'acme-ovh', seed: 'empty' })
  const added = await adminCall(served, 'POST', '/domains', { domain: 'acme-outside.com', account: 'acme-ovh' })
  t.equal(added.status, 201)
  t.same((await ovhCall(served, { path: '/domain', consumerKey: acme.body.consumerKey })).body, ['acme-outside.com'], 'a contact is made for an account without one')
  t.notOk((await ovhCall(served, { path: '/domain' })).body.includes('acme-outside.com'), 'the demo account does not see it')
  t.equal((await adminCall(served, 'GET', '/domains/acme-outside.com')).status, 404, 'the demo account is the default')
  t.equal((await adminCall(served, 'GET', '/domains/acme-outside.com?account=acme-ovh')).status, 200)
  t.equal((await adminCall(served, 'DELETE', '/domains/acme-outside.com?account=acme-ovh')).status, 200)

  const name = Object.values(served.sandbox.state.accounts['demo-ovh'].domains).find(domain => domain.serviceId >= 300_000_001)!.domain
  const patched = await adminCall(served, 'PATCH', `/domains/${name}`, { expiration: '2030-12-31', renewalState: 'manual_renew' })
  t.match(patched.body.serviceInfos, { expiration: '2030-12-31', renew: { automatic: false } }, 'a generated domain changes like any')
})
