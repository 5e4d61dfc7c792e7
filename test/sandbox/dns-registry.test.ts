// The domain's DNS at the registry: name-server type, name servers, glue records and DS records,
// each change a domain task (DomainDnsUpdate, DomainHost*, DomainDsUpdate) applied when it is done.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'

t.test('name servers', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => ovhCall(served, { method, path, body })
  const full = async (name: string) => {
    const ids: number[] = (await call('GET', `/domain/${name}/nameServer`)).body
    return (await Promise.all(ids.map(id => call('GET', `/domain/${name}/nameServer/${id}`)))).map(answer => answer.body)
  }

  // A domain on OVH's DNS: its name servers are OVH's.
  const shop = await full('demo-shop.com')
  t.same(shop.map(ns => [ns.host, ns.isUsed, ns.toDelete]), [['dns10.ovh.net', true, false], ['ns10.ovh.net', true, false]])
  t.match(await call('POST', '/domain/demo-shop.com/nameServers/update', { nameServers: [{ host: 'ns1.example.net' }] }), { status: 403, body: { class: 'Client::Forbidden', message: /hosted/ } })
  t.match(await call('POST', '/domain/demo-shop.com/nameServer', { nameServer: [{ host: 'ns1.example.net' }] }), { status: 403 })
  t.match(await call('DELETE', `/domain/demo-shop.com/nameServer/${shop[0].id}`), { status: 403 })
  t.match(await call('POST', '/domain/demo-shop.com/nameServers/update', { nameServer: [{ host: 'ns1.example.net' }] }), { status: 400, body: { message: /nameServer/ } }, 'the guide\'s body key is refused')
  t.match(await call('PUT', '/domain/demo-shop.com', { nameServerType: 'parking' }), { status: 400, body: { message: /hosted or external/ } })

  // Switch to external, then replace the set: a DomainDnsUpdate task applies it.
  const external = await call('PUT', '/domain/demo-shop.com', { nameServerType: 'external' })
  t.match(external.body, { nameServerType: 'external', nameServers: [{ nameServerType: 'external' }, { nameServerType: 'external' }] })
  t.notOk('iam' in external.body, 'domain.DomainService has no iam')
  const task = (await call('POST', '/domain/demo-shop.com/nameServers/update', { nameServers: [{ host: 'ns1.example.net' }, { host: 'NS2.example.net.' }] })).body
  t.match(task, { function: 'DomainDnsUpdate', status: 'todo', domain: 'demo-shop.com' })
  t.same((await full('demo-shop.com')).map(ns => [ns.host, ns.isUsed, ns.toDelete]),
    [['dns10.ovh.net', true, true], ['ns10.ovh.net', true, true], ['ns1.example.net', false, false], ['ns2.example.net', false, false]])
  const pendingId = (await full('demo-shop.com'))[2].id
  t.match((await call('GET', `/domain/demo-shop.com/nameServer/${pendingId}/status`)).body, { state: 'ko', type: 'external', usedSince: null })
  sandbox.admin.advanceClock({ seconds: 900 })
  t.match((await call('GET', `/domain/demo-shop.com/task/${task.id}`)).body, { status: 'done' })
  t.same((await full('demo-shop.com')).map(ns => [ns.host, ns.isUsed, ns.toDelete]), [['ns1.example.net', true, false], ['ns2.example.net', true, false]])
  t.same((await call('GET', '/domain/demo-shop.com')).body.nameServers.map((ns: any) => ns.nameServer), ['ns1.example.net', 'ns2.example.net'])

  // Add one, delete one, each a task; the last one cannot go.
  const added = (await call('POST', '/domain/demo-shop.com/nameServer', { nameServer: [{ host: 'ns3.example.net' }] })).body
  t.match(added, { function: 'DomainDnsUpdate' })
  t.match(await call('POST', '/domain/demo-shop.com/nameServer', { nameServer: [{ host: 'ns3.example.net' }] }), { status: 400 })
  sandbox.admin.advanceClock({ seconds: 900 })
  const [first, second, third] = await full('demo-shop.com')
  t.equal(third.host, 'ns3.example.net')
  t.match((await call('DELETE', `/domain/demo-shop.com/nameServer/${first.id}`)).body, { function: 'DomainDnsUpdate' })
  t.match((await call('DELETE', `/domain/demo-shop.com/nameServer/${second.id}`)).body, { function: 'DomainDnsUpdate' })
  t.match(await call('DELETE', `/domain/demo-shop.com/nameServer/${third.id}`), { status: 400, body: { message: /at least one/ } })
  t.equal((await call('GET', '/domain/demo-shop.com/nameServer/1')).status, 404)

  // An in-domain name server without an address: the registry refuses it, the task ends in error.
  const inZone = (await call('POST', '/domain/demo-shop.com/nameServers/update', { nameServers: [{ host: 'ns1.demo-shop.com' }, { host: 'ns1.example.net' }] })).body
  sandbox.admin.advanceClock({ seconds: 900 })
  t.match((await call('GET', `/domain/demo-shop.com/task/${inZone.id}`)).body, { status: 'error', comment: /ns1\.demo-shop\.com.*glue/ })
  t.match(await call('POST', '/domain/demo-shop.com/nameServer', { nameServer: [{ host: 'ns5.example.net', ip: '192.0.2.1' }] }), { status: 400, body: { message: /inside/ } })

  // Back to OVH's DNS: needs a zone, and brings OVH's name servers back.
  t.match(await call('PUT', '/domain/demo-kiez.berlin', { nameServerType: 'hosted' }), { status: 403, body: { message: /no DNS zone/ } })
  t.match((await call('PUT', '/domain/demo-shop.com', { nameServerType: 'hosted' })).body, { nameServerType: 'hosted' })
  sandbox.admin.advanceClock({ seconds: 900 })
  t.same((await call('GET', '/domain/demo-shop.com')).body.nameServers.map((ns: any) => [ns.nameServer, ns.nameServerType]), [['dns10.ovh.net', 'hosted'], ['ns10.ovh.net', 'hosted']])
})

t.test('glue records and DS records', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) => ovhCall(served, { method, path, body })

  const create = (await call('POST', '/domain/demo-agency.fr/glueRecord', { host: 'NS1.demo-agency.fr', ips: ['192.0.2.53', '2001:db8::53'] })).body
  t.match(create, { function: 'DomainHostCreate', status: 'todo' })
  t.same((await call('GET', '/domain/demo-agency.fr/glueRecord')).body, [], 'created when the task is done')
  sandbox.admin.advanceClock({ seconds: 900 })
  t.same((await call('GET', '/domain/demo-agency.fr/glueRecord')).body, ['ns1.demo-agency.fr'])
  t.same((await call('GET', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr')).body, { host: 'ns1.demo-agency.fr', ips: ['192.0.2.53', '2001:db8::53'] })
  t.match(await call('POST', '/domain/demo-agency.fr/glueRecord', { host: 'ns1.demo-agency.fr', ips: ['192.0.2.1'] }), { status: 409 })
  t.match(await call('POST', '/domain/demo-agency.fr/glueRecord', { host: 'ns1.example.net', ips: ['192.0.2.1'] }), { status: 400, body: { message: /not inside/ } })
  t.match(await call('POST', '/domain/demo-app.io/glueRecord', { host: 'ns1.demo-app.io', ips: ['192.0.2.1'] }), { status: 403, body: { message: /does not manage hosts/ } })
  t.match((await call('POST', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr/update', { ips: ['192.0.2.54'] })).body, { function: 'DomainHostUpdate' })
  t.match(await call('POST', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr', { ips: ['192.0.2.54'] }), { status: 404 }, 'the guide\'s path is no route')
  sandbox.admin.advanceClock({ seconds: 900 })
  t.same((await call('GET', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr')).body.ips, ['192.0.2.54'])

  sandbox.state.accounts['demo-ovh'].domains['demo-agency.fr'].nameServers[0].nameServer = 'ns1.demo-agency.fr'
  t.match(await call('DELETE', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr'), { status: 400, body: { message: /still a name server/ } })
  sandbox.state.accounts['demo-ovh'].domains['demo-agency.fr'].nameServers[0].nameServer = 'dns10.ovh.net'
  t.match((await call('DELETE', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr')).body, { function: 'DomainHostDelete' })
  sandbox.admin.advanceClock({ seconds: 900 })
  t.equal((await call('GET', '/domain/demo-agency.fr/glueRecord/ns1.demo-agency.fr')).status, 404)

  const key = { algorithm: 13, flags: 257, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', tag: 2371 }
  t.match(await call('POST', '/domain/demo-shop.com/dsRecord', { keys: [key] }), { status: 403, body: { message: /zone\/demo-shop\.com\/dnssec/ } })
  t.match(await call('POST', '/domain/demo-kiez.berlin/dsRecord', { keys: [key] }), { status: 403, body: { message: /does not support DNSSEC/ } })
  t.match((await call('POST', '/domain/demo-app.io/dsRecord', { keys: [key, { ...key, flags: 256, tag: 100 }] })).body, { function: 'DomainDsUpdate' })
  sandbox.admin.advanceClock({ seconds: 900 })
  const ids: number[] = (await call('GET', '/domain/demo-app.io/dsRecord')).body
  t.equal(ids.length, 2)
  t.match((await call('GET', `/domain/demo-app.io/dsRecord/${ids[0]}`)).body, { ...key, status: 'active' })
  t.same((await call('GET', '/domain/demo-app.io/dsRecord?flags=256')).body, [ids[1]])
  t.equal((await call('GET', '/domain/demo-app.io')).body.dnssecState, 'enabled')
  t.match(await call('POST', '/domain/demo-app.io/dsRecord', { keys: [{ ...key, algorithm: 6 }] }), { status: 400 })
  t.match(await call('POST', '/domain/demo-app.io/dsRecord', { keys: [] }), { status: 200 })
  sandbox.admin.advanceClock({ seconds: 900 })
  t.same((await call('GET', '/domain/demo-app.io/dsRecord')).body, [])
  t.equal((await call('GET', '/domain/demo-app.io')).body.dnssecState, 'disabled')
})
