// Renewal settings through PUT /domain/{serviceName}/serviceInfos, and domain options.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'

t.test('renewal settings', async t => {
  const served = await serveSandbox(t)
  const put = (name: string, renew: object) => ovhCall(served, { method: 'PUT', path: `/domain/${name}/serviceInfos`, body: { renew } })
  t.equal((await put('demo-shop.com', { automatic: false, deleteAtExpiration: false, forced: false })).status, 200)
  t.match((await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos' })).body, { renewalType: 'manual', renew: { automatic: false, manualPayment: true } })
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com' })).body.renewalState, 'manual_renew')
  t.equal((await put('demo-shop.com', { deleteAtExpiration: true })).status, 200)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com' })).body.renewalState, 'cancellation_requested')
  t.equal((await put('demo-shop.com', { automatic: true, deleteAtExpiration: false, period: 24 })).status, 200)
  t.match((await ovhCall(served, { path: '/domain/demo-shop.com/serviceInfos' })).body, { renewalType: 'automaticV2016', renew: { automatic: true, period: 24 } })

  t.equal((await ovhCall(served, { path: '/domain/demo-leaving.org/serviceInfos' })).body.canDeleteAtExpiration, false)
  t.match(await put('demo-leaving.org', { deleteAtExpiration: true }), { status: 403, body: { class: 'Client::Forbidden' } })
  t.match(await put('demo-shop.com', { period: 13 }), { status: 400, body: { message: /period/ } })
  t.match(await put('demo-shop.com', { automatic: 'yes' }), { status: 400 })
})

t.test('options', async t => {
  const served = await serveSandbox(t)
  t.same((await ovhCall(served, { path: '/domain/demo-archive.com/option' })).body, ['dnsAnycast'])
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/option' })).body, [])
  t.match((await ovhCall(served, { path: '/domain/demo-archive.com/option/dnsAnycast' })).body, { option: 'dnsAnycast', state: 'subscribed' })
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com/option/dnsAnycast' })).status, 404)
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com/option/other' })).status, 400, 'not a domain.DomainOptionEnum')
  t.equal((await ovhCall(served, { method: 'DELETE', path: '/domain/demo-archive.com/option/dnsAnycast' })).status, 200)
  t.match((await ovhCall(served, { path: '/domain/demo-archive.com/option/dnsAnycast' })).body, { state: 'released' })
  t.equal((await ovhCall(served, { method: 'DELETE', path: '/domain/demo-archive.com/option/dnsAnycast' })).status, 400)
  t.same((await ovhCall(served, { path: '/domain/demo-shop.com/options' })).body, { hosting: null, offer: null, zone: { serviceName: 'demo-shop.com' } })
  t.same((await ovhCall(served, { path: '/domain/demo-kiez.berlin/options' })).body, { hosting: null, offer: null, zone: null })
})
