// /domain/zone routes: records and deployment by refresh, status errors and warnings, export and
// import through a ZoneImport task, SOA, DNSSEC tasks, zone task actions and their refusals.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'

t.test('zones of the demo account', async t => {
  const served = await serveSandbox(t)
  const zones = (await ovhCall(served, { path: '/domain/zone' })).body
  t.ok(zones.includes('demo-shop.com'))
  t.notOk(zones.includes('demo-kiez.berlin'), 'no zone for a domain on external DNS')
  t.match((await ovhCall(served, { path: '/domain/zone/demo-shop.com' })).body, { name: 'demo-shop.com', nameServers: ['dns10.ovh.net', 'ns10.ovh.net'], dnssecSupported: true })
  t.match(await ovhCall(served, { path: '/domain/zone/unknown.com/status' }), { status: 404, body: { class: 'Client::NotFound', message: 'This service does not exist' } })
  const other = served.sandbox.admin.createAccount({ seed: 'empty' })
  t.equal((await ovhCall(served, { path: '/domain/zone/demo-shop.com', consumerKey: other.consumerKey })).status, 404, 'another account does not see it')
})

t.test('record changes are deployed by a refresh only', async t => {
  const served = await serveSandbox(t)
  const zone = '/domain/zone/demo-shop.com'
  const before = (await ovhCall(served, { path: `${zone}/soa` })).body.serial
  const created = await ovhCall(served, { method: 'POST', path: `${zone}/record`, body: { fieldType: 'A', subDomain: 'New', target: '192.0.2.44', ttl: 300 } })
  t.match(created.body, { zone: 'demo-shop.com', fieldType: 'A', subDomain: 'new', target: '192.0.2.44', ttl: 300 })
  t.same((await ovhCall(served, { path: `${zone}/status` })).body, { errors: [], isDeployed: false, warnings: [] })
  t.match((await ovhCall(served, { path: `${zone}/export` })).body, /\nnew\t300 IN A\t192\.0\.2\.44\n/, 'export shows the configured zone, refreshed or not')
  t.equal((await ovhCall(served, { path: `${zone}/soa` })).body.serial, before, 'the serial moves at deployment only')

  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/refresh` })).status, 200)
  t.equal((await ovhCall(served, { path: `${zone}/status` })).body.isDeployed, true)
  t.ok((await ovhCall(served, { path: `${zone}/soa` })).body.serial > before)

  const id = created.body.id
  t.same((await ovhCall(served, { path: `${zone}/record?subDomain=new` })).body, [id])
  t.same((await ovhCall(served, { path: `${zone}/record?fieldType=AAAA&subDomain=new` })).body, [])
  t.equal((await ovhCall(served, { method: 'PUT', path: `${zone}/record/${id}`, body: { target: '192.0.2.45' } })).status, 200)
  t.match((await ovhCall(served, { path: `${zone}/record/${id}` })).body, { target: '192.0.2.45', ttl: 300 })
  t.equal((await ovhCall(served, { path: `${zone}/status` })).body.isDeployed, false)
  t.equal((await ovhCall(served, { method: 'DELETE', path: `${zone}/record/${id}` })).status, 200)
  t.equal((await ovhCall(served, { path: `${zone}/record/${id}` })).status, 404)
})

t.test('what OVH refuses in a record', async t => {
  const served = await serveSandbox(t)
  const post = (body: object) => ovhCall(served, { method: 'POST', path: '/domain/zone/demo-shop.com/record', body })
  t.match(await post({ fieldType: 'A', target: '2001:db8::1' }), { status: 400, body: { class: 'Client::BadRequest', message: /IPv4/ } })
  t.match(await post({ fieldType: 'AAAA', target: '192.0.2.1' }), { status: 400, body: { message: /IPv6/ } })
  t.match(await post({ fieldType: 'CNAME', target: 'x.example.' }), { status: 400, body: { message: /apex/ } })
  t.match(await post({ fieldType: 'CNAME', subDomain: 'api', target: 'x.example.' }), { status: 400, body: { message: /coexist/ } })
  t.match(await post({ fieldType: 'TXT', subDomain: 'www', target: '"x"' }), { status: 400, body: { message: /CNAME record already exists/ } })
  t.match(await post({ fieldType: 'A', subDomain: 'bad name', target: '192.0.2.1' }), { status: 400, body: { message: /subDomain/ } })
  t.match(await post({ fieldType: 'BOGUS', target: 'x' }), { status: 400, body: { message: /fieldType/ } })
})

t.test('import through a ZoneImport task, export, and the task actions', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const zone = '/domain/zone/demo-tea.co.uk'
  const file = '$TTL 600\n; a comment\n@ IN SOA dns10.ovh.net. tech.ovh.net. (\n 1 2 3 4 5 )\n@ IN NS dns10.ovh.net.\n@ IN NS ns10.ovh.net.\n@ 300 IN A 192.0.2.10\nwww IN CNAME demo-tea.co.uk.\nmail.demo-tea.co.uk. IN MX 10 mx.example.net.\n  IN TXT "v=spf1 -all" ; same name\n'
  const task = (await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: file } })).body
  t.match(task, { function: 'ZoneImport', status: 'todo', canCancel: true, canAccelerate: true, canRelaunch: false })
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/task/${task.id}/accelerate` })).status, 200)
  sandbox.admin.advanceClock({ seconds: 1 })
  t.match((await ovhCall(served, { path: `${zone}/task/${task.id}` })).body, { status: 'doing', canCancel: false })
  t.match(await ovhCall(served, { method: 'POST', path: `${zone}/task/${task.id}/cancel` }), { status: 403, body: { class: 'Client::Forbidden', message: /can't be cancelled/ } })
  sandbox.admin.advanceClock({ seconds: 300 })
  t.match((await ovhCall(served, { path: `${zone}/task/${task.id}` })).body, { status: 'done', doneDate: String })
  const ids: number[] = (await ovhCall(served, { path: `${zone}/record` })).body
  const records = (await ovhCall(served, { path: `${zone}/record/${ids.join(',')}`, headers: { 'x-ovh-batch': ',' } })).body.map((item: any) => item.value)
  t.same(records.map((r: any) => [r.fieldType, r.subDomain, r.target, r.ttl]), [
    ['NS', '', 'dns10.ovh.net.', 0], ['NS', '', 'ns10.ovh.net.', 0], ['A', '', '192.0.2.10', 300],
    ['CNAME', 'www', 'demo-tea.co.uk.', 0], ['MX', 'mail', '10 mx.example.net.', 0], ['TXT', 'mail', '"v=spf1 -all"', 0]
  ])
  t.equal((await ovhCall(served, { path: `${zone}/soa` })).body.ttl, 600)
  t.equal((await ovhCall(served, { path: `${zone}/status` })).body.isDeployed, true, 'an import is deployed by its task')
  const exported = (await ovhCall(served, { path: `${zone}/export` })).body
  t.match(exported, /^\$TTL 600\n@\tIN SOA dns10\.ovh\.net\. tech\.ovh\.net\. \(\d+ /)

  // The export imports back to the same records.
  const again = (await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: exported } })).body
  sandbox.admin.advanceClock({ seconds: 600 })
  t.equal((await ovhCall(served, { path: `${zone}/task/${again.id}` })).body.status, 'done')
  const reimported = (await ovhCall(served, { path: `${zone}/record/${(await ovhCall(served, { path: `${zone}/record` })).body.join(',')}`, headers: { 'x-ovh-batch': ',' } })).body.map((item: any) => item.value)
  t.same(reimported.map((r: any) => [r.fieldType, r.subDomain, r.target, r.ttl]), records.map((r: any) => [r.fieldType, r.subDomain, r.target, r.ttl]))

  // A file OVH cannot read leaves the task in error, with the reason; a task to do can be cancelled once.
  const bad = (await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: '@ IN BOGUS x\n' } })).body
  sandbox.admin.advanceClock({ seconds: 600 })
  t.match((await ovhCall(served, { path: `${zone}/task/${bad.id}` })).body, { status: 'error', comment: /line 1: unknown record type "BOGUS"/, canRelaunch: true })
  const todo = (await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: file } })).body
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/task/${todo.id}/cancel` })).status, 200)
  t.match((await ovhCall(served, { path: `${zone}/task/${todo.id}` })).body, { status: 'cancelled', canCancel: false })
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/task/${todo.id}/cancel` })).status, 403)
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/task/${todo.id}/relaunch` })).status, 403)
  t.same((await ovhCall(served, { path: `${zone}/task?status=cancelled` })).body, [todo.id])
  t.match(await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: '  ' } }), { status: 400 })
})

t.test('the seeded import in error succeeds when relaunched', async t => {
  const served = await serveSandbox(t)
  const zone = '/domain/zone/demo-archive.com'
  const [id] = (await ovhCall(served, { path: `${zone}/task?status=error` })).body
  t.match((await ovhCall(served, { path: `${zone}/task/${id}` })).body, { function: 'ZoneImport', canRelaunch: true, comment: /relaunch/ })
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/task/${id}/relaunch` })).status, 200)
  served.sandbox.admin.advanceClock({ seconds: 600 })
  t.match((await ovhCall(served, { path: `${zone}/task/${id}` })).body, { status: 'done', comment: null })
})

t.test('zone tasks account-wide (/me/task/dns): every zone, filtered by zone, function and status, with their zone', async t => {
  const served = await serveSandbox(t)
  const zones = served.sandbox.state.accounts['demo-ovh'].zones!
  const all = Object.values(zones).flatMap(zone => Object.values(zone.tasks).map(task => task.id)).sort((a, b) => a - b)
  t.same((await ovhCall(served, { path: '/me/task/dns' })).body, all)
  const [failed] = (await ovhCall(served, { path: '/me/task/dns?zone=DEMO-ARCHIVE.COM&function=ZoneImport&status=error' })).body
  t.same((await ovhCall(served, { path: '/me/task/dns?status=error' })).body, [failed], 'the seeded import is the only task in error')
  t.same((await ovhCall(served, { path: '/me/task/dns?zone=demo-archive.com&status=done' })).body, Object.values(zones['demo-archive.com'].tasks).filter(task => task.status === 'done').map(task => task.id))
  t.match((await ovhCall(served, { path: `/me/task/dns/${failed}` })).body, { id: failed, zone: 'demo-archive.com', function: 'ZoneImport', status: 'error', canCancel: true, canRelaunch: true })

  // A task in error can be cancelled, as a domain task can; then nothing more.
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/dns/${failed}/cancel` })).status, 200)
  t.match((await ovhCall(served, { path: `/domain/zone/demo-archive.com/task/${failed}` })).body, { status: 'cancelled', canCancel: false, canRelaunch: false })
  t.match(await ovhCall(served, { method: 'POST', path: `/me/task/dns/${failed}/relaunch` }), { status: 403, body: { class: 'Client::Forbidden' } })
  t.match(await ovhCall(served, { path: '/me/task/dns/1' }), { status: 404, body: { class: 'Client::NotFound' } })
  const other = served.sandbox.admin.createAccount({ seed: 'empty' })
  t.same((await ovhCall(served, { path: '/me/task/dns', consumerKey: other.consumerKey })).body, [], 'another account sees none of them')
  t.equal((await ovhCall(served, { path: `/me/task/dns/${failed}`, consumerKey: other.consumerKey })).status, 404)
})

t.test('status reports errors and warnings', async t => {
  const served = await serveSandbox(t)
  const zone = '/domain/zone/demo-agency.fr'
  const task = (await ovhCall(served, { method: 'POST', path: `${zone}/import`, body: { zoneFile: '@ IN NS dns10.ovh.net.\nwww IN CNAME x.example.\nwww IN A 192.0.2.1\n' } })).body
  served.sandbox.admin.advanceClock({ seconds: 600 })
  t.equal((await ovhCall(served, { path: `${zone}/task/${task.id}` })).body.status, 'done')
  t.same((await ovhCall(served, { path: `${zone}/status` })).body, {
    errors: ['CNAME record on www.demo-agency.fr conflicts with the other records on the same name'],
    isDeployed: true,
    warnings: ["The zone's NS records do not list its name server ns10.ovh.net"]
  })
})

t.test('SOA and DNSSEC', async t => {
  const served = await serveSandbox(t)
  const zone = '/domain/zone/demo-blog.net'
  const soa = (await ovhCall(served, { path: `${zone}/soa` })).body
  t.match(soa, { server: 'dns10.ovh.net', email: 'tech.ovh.net', refresh: 86400, ttl: 3600 })
  t.equal((await ovhCall(served, { method: 'PUT', path: `${zone}/soa`, body: { ...soa, ttl: 300, server: 'ignored.example', serial: 1 } })).status, 200)
  t.same((await ovhCall(served, { path: `${zone}/soa` })).body, { ...soa, ttl: 300 }, 'server and serial stay OVH\'s')
  t.match(await ovhCall(served, { method: 'PUT', path: `${zone}/soa`, body: { email: 'not an email' } }), { status: 400 })

  t.same((await ovhCall(served, { path: `${zone}/dnssec` })).body, { status: 'disabled' })
  t.match(await ovhCall(served, { method: 'DELETE', path: `${zone}/dnssec` }), { status: 400, body: { message: /not enabled/ } })
  t.equal((await ovhCall(served, { method: 'POST', path: `${zone}/dnssec` })).status, 200)
  t.same((await ovhCall(served, { path: `${zone}/dnssec` })).body, { status: 'enableInProgress' })
  t.match(await ovhCall(served, { method: 'POST', path: `${zone}/dnssec` }), { status: 400 })
  const [taskId] = (await ovhCall(served, { path: `${zone}/task?function=DnssecEnable` })).body
  t.ok(taskId)
  served.sandbox.admin.advanceClock({ seconds: 600 })
  t.same((await ovhCall(served, { path: `${zone}/dnssec` })).body, { status: 'enabled' })
  t.equal((await ovhCall(served, { path: '/domain/demo-blog.net' })).body.dnssecState, 'enabled', 'the domain follows its zone')
  t.match(await ovhCall(served, { method: 'POST', path: '/domain/zone/demo-studio.berlin/dnssec' }), { status: 400, body: { message: /not supported/ } })
})
