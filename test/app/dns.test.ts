// DNS through GraphQL and REST: zones, records (filters, pages, checks before OVH, refresh after
// changes), SOA, DNSSEC, export/import and zone tasks with their refusals.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

const ZONE = 'demo-shop.com'

t.test('DNS', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zoneState = (name = ZONE) => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![name]
  const callsSince = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)

  t.test('zones: list, one zone, a domain\'s zone, unknown zones', async t => {
    const since = lastCallId(ctx.sandbox)
    const list = await q('{ dnsZones(first: 3) { totalCount edges { node { name nameServers dnssecSupported } } pageInfo { hasNextPage } } }')
    const all = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones!).sort()
    t.equal(list.body.data.dnsZones.totalCount, all.length)
    t.same(list.body.data.dnsZones.edges.map((e: any) => e.node.name), all.slice(0, 3))
    t.same(callsSince(since), ['GET /domain/zone', 'GET /domain/zone/{zoneName}'], 'the list and one batch read')

    const domains = await q('{ a: domain(name: "demo-shop.com") { dnsZone { name nameServers } } b: domain(name: "demo-kiez.berlin") { dnsZone { name } } }')
    t.same(domains.body.data, { a: { dnsZone: { name: ZONE, nameServers: ['dns10.ovh.net', 'ns10.ovh.net'] } }, b: { dnsZone: null } })

    t.same((await q('{ dnsZone(name: "unknown-zone.com") { name } }')).body.data, { dnsZone: null })
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones/unknown-zone.com/status')), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match((await q('mutation { createDnsRecord(zone: "unknown-zone.com", input: { fieldType: A, target: "192.0.2.1" }) { refreshed } }')).body.errors,
      [{ extensions: { code: 'NOT_FOUND' } }], 'a record for a zone the account does not have')
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones?first=2&nameContains=.fr')).body, { items: [{ name: 'demo-agency.fr' }, { name: 'demo-boulangerie.fr' }], totalCount: 2 })
  })

  t.test('records: filters and pages, read with batch reads', async t => {
    const records = Object.values(zoneState().records)
    const mx = records.filter(r => r.fieldType === 'MX').map(r => r.target).sort()
    const since = lastCallId(ctx.sandbox)
    const answer = await q(`{ dnsZone(name: "${ZONE}") { recordCount mx: records(filter: { fieldType: MX, subDomain: "@" }) { totalCount edges { node { target ttl subDomain } } } } }`)
    t.equal(answer.body.data.dnsZone.recordCount, records.length)
    t.same(answer.body.data.dnsZone.mx.edges.map((e: any) => e.node.target).sort(), mx)
    t.equal(answer.body.data.dnsZone.mx.totalCount, mx.length)
    t.match(ctx.sandbox.admin.calls({ since }).filter(c => c.route === '/domain/zone/{zoneName}/record/{id}'), [{ batchSize: mx.length }], 'one batch read of the records')

    const seen: string[] = []
    let after: string | null = null
    for (let page = 0; page < 10; page++) {
      const answer: any = await q('query ($after: String) { dnsZone(name: "demo-shop.com") { records(first: 4, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }', { after })
      const connection = answer.body.data.dnsZone.records
      t.equal(connection.totalCount, records.length)
      seen.push(...connection.edges.map((e: any) => e.node.id))
      if (!connection.pageInfo.hasNextPage) break
      after = connection.pageInfo.endCursor
    }
    t.same(seen, records.map(r => String(r.id)).sort((a, b) => Number(a) - Number(b)), 'every record once, in id order')

    const www = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/records?subDomain=WWW&first=1`)
    t.match(www.body, { items: [{ fieldType: 'CNAME', subDomain: 'www' }], totalCount: 1, pageInfo: { hasNextPage: false } })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/records?fieldType=BOGUS`)).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'querystring.fieldType' }] })
  })

  t.test('cursors are checked before OVH is called, and only work in their own list', async t => {
    const records = await q(`{ dnsZone(name: "${ZONE}") { records(first: 1) { pageInfo { endCursor } } } }`)
    const recordCursor = records.body.data.dnsZone.records.pageInfo.endCursor
    const zones = await q('{ dnsZones(first: 1) { pageInfo { endCursor } } }')
    const zoneCursor = zones.body.data.dnsZones.pageInfo.endCursor
    const since = lastCallId(ctx.sandbox)
    const refused = [
      [`{ dnsZone(name: "${ZONE}") { tasks(after: "${recordCursor}") { totalCount } } }`, 'a record cursor for zone tasks'],
      [`{ dnsZoneTasks(after: "${recordCursor}") { totalCount } }`, 'a record cursor for the account\'s zone tasks'],
      [`{ dnsZone(name: "${ZONE}") { records(after: "${zoneCursor}") { totalCount } } }`, 'a zone cursor for records'],
      [`{ dnsZones(after: "${recordCursor}") { totalCount } }`, 'a record cursor for zones'],
      ['{ dnsZones(after: "bm9wZQ") { totalCount } }', 'not a cursor']
    ]
    for (const [query, title] of refused) {
      t.match((await q(query)).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }], title)
    }
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/tasks?after=${zoneCursor}`), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } })
    t.same(callsSince(since).filter(call => call !== 'GET /domain/zone/{zoneName}'), [], 'no list was read for them')
    const next = await q(`{ dnsZone(name: "${ZONE}") { records(first: 1, after: "${recordCursor}") { edges { node { id } } } } }`)
    t.equal(next.body.data.dnsZone.records.edges.length, 1, 'a record cursor pages its records')
  })

  t.test('a change is deployed when the zone is refreshed, which mutations do unless told not to', async t => {
    let since = lastCallId(ctx.sandbox)
    const created = await q('mutation { createDnsRecord(zone: "demo-shop.com", input: { fieldType: A, subDomain: "app", target: "192.0.2.80", ttl: 300 }) { refreshed refreshError record { id subDomain target ttl } } }')
    t.match(created.body.data.createDnsRecord, { refreshed: true, refreshError: null, record: { subDomain: 'app', target: '192.0.2.80', ttl: 300 } })
    t.same(callsSince(since).filter(call => !call.startsWith('GET')), ['POST /domain/zone/{zoneName}/record', 'POST /domain/zone/{zoneName}/refresh'])
    t.equal(zoneState().deployed, true)
    const id = created.body.data.createDnsRecord.record.id

    const pending = await q(`mutation { updateDnsRecord(zone: "demo-shop.com", id: "${id}", input: { target: "192.0.2.81" }, refresh: false) { refreshed record { target ttl } } }`)
    t.same(pending.body.data.updateDnsRecord, { refreshed: false, record: { target: '192.0.2.81', ttl: 300 } })
    t.same((await q('{ dnsZone(name: "demo-shop.com") { status { isDeployed errors warnings } } }')).body.data.dnsZone.status, { isDeployed: false, errors: [], warnings: [] })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/export`)).body.zoneFile, /\napp\t300 IN A\t192\.0\.2\.81\n/, 'export shows the pending change')

    const refreshed = await q('mutation { refreshDnsZone(zone: "demo-shop.com") { zone { name } status { isDeployed } } }')
    t.same(refreshed.body.data.refreshDnsZone, { zone: { name: ZONE }, status: { isDeployed: true } })

    // REST: the same, with ?refresh=false then POST .../refresh.
    const restCreated = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/records?refresh=false`, { fieldType: 'TXT', subDomain: 'note', target: '"hello world"' })
    t.match(restCreated, { statusCode: 200, body: { refreshed: false, refreshError: null, record: { fieldType: 'TXT', target: '"hello world"' } } })
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/status`)).body, { isDeployed: false })
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/refresh`)).body, { isDeployed: true })
    t.match((await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/records/${restCreated.body.record.id}`, { ttl: 600 })).body, { refreshed: true, record: { ttl: 600, target: '"hello world"' } })

    since = lastCallId(ctx.sandbox)
    const deleted = await rest(ctx, user.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/records/${restCreated.body.record.id}`)
    t.same(deleted.body, { id: restCreated.body.record.id, refreshed: true, refreshError: null })
    t.same(callsSince(since), ['DELETE /domain/zone/{zoneName}/record/{id}', 'POST /domain/zone/{zoneName}/refresh'])
    t.same((await q(`mutation { deleteDnsRecord(zone: "demo-shop.com", id: "${id}") { deletedId refreshed } }`)).body.data.deleteDnsRecord, { deletedId: id, refreshed: true })
    t.match((await q(`{ dnsZone(name: "demo-shop.com") { record(id: "${id}") { id } } }`)).body.data.dnsZone, { record: null })

    // A refresh that fails does not hide that the record was made.
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/domain/zone/*/refresh', status: 500, times: 1 })
    const failed = await q('mutation { createDnsRecord(zone: "demo-shop.com", input: { fieldType: AAAA, subDomain: "v6", target: "2001:db8::80" }) { refreshed refreshError record { target } } }')
    t.match(failed.body.data.createDnsRecord, { refreshed: false, refreshError: /^UPSTREAM_UNAVAILABLE/, record: { target: '2001:db8::80' } })
    t.equal(zoneState().deployed, false)
  })

  t.test('invalid records are refused with field errors and never reach OVH', async t => {
    const bad: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ fieldType: 'A', target: '2001:db8::1' }, 'input.target', /IPv4/],
      [{ fieldType: 'A', target: '192.0.2.300' }, 'input.target', /IPv4/],
      [{ fieldType: 'AAAA', target: '192.0.2.1' }, 'input.target', /IPv6/],
      [{ fieldType: 'MX', target: 'mx1.example.net.' }, 'input.target', /priority/],
      [{ fieldType: 'MX', target: '70000 mx1.example.net.' }, 'input.target', /0 to 65535/],
      [{ fieldType: 'MX', target: '10 192.0.2.1' }, 'input.target', /host name/],
      [{ fieldType: 'CNAME', target: 'other.example.net.' }, 'input.subDomain', /apex/],
      [{ fieldType: 'CNAME', subDomain: 'x', target: '192.0.2.1' }, 'input.target', /host name/],
      [{ fieldType: 'TXT', subDomain: 'x', target: '"unbalanced' }, 'input.target', /quoted/],
      [{ fieldType: 'TXT', subDomain: 'x', target: 'a'.repeat(256) }, 'input.target', /255/],
      [{ fieldType: 'TXT', subDomain: 'x', target: `"${'a'.repeat(256)}"` }, 'input.target', /255/],
      [{ fieldType: 'TXT', subDomain: 'x', target: 'line\nbreak' }, 'input.target', /control/],
      [{ fieldType: 'SPF', target: '"include:x ~all"' }, 'input.target', /v=spf1/],
      [{ fieldType: 'SRV', subDomain: 'sip', target: '0 5 5060 sip.example.net.' }, 'input.target', /_service\._protocol/],
      [{ fieldType: 'SRV', subDomain: '_sip._tcp', target: '0 5 99999 sip.example.net.' }, 'input.target', /0 to 65535/],
      [{ fieldType: 'CAA', target: '0 issuer "letsencrypt.org"' }, 'input.target', /issue, issuewild, iodef/],
      [{ fieldType: 'CAA', target: '0 iodef "nope"' }, 'input.target', /mailto/],
      [{ fieldType: 'A', subDomain: 'x', target: '192.0.2.1', ttl: 10 }, 'input.ttl', /60 to 86400/],
      [{ fieldType: 'A', subDomain: 'x', target: '192.0.2.1', ttl: 100_000 }, 'input.ttl', /60 to 86400/],
      [{ fieldType: 'A', subDomain: 'bad name', target: '192.0.2.1' }, 'input.subDomain', /labels/],
      [{ fieldType: 'A', subDomain: 'a.*', target: '192.0.2.1' }, 'input.subDomain', /wildcard/],
      [{ fieldType: 'A', subDomain: 'www.demo-shop.com', target: '192.0.2.1' }, 'input.subDomain', /relative/],
      [{ fieldType: 'NS', subDomain: 'sub', target: '192.0.2.1' }, 'input.target', /host name/]
    ]
    const since = lastCallId(ctx.sandbox)
    for (const [input, field, message] of bad) {
      const answer = await q('mutation ($input: DnsRecordInput!) { createDnsRecord(zone: "demo-shop.com", input: $input) { refreshed } }', { input })
      t.match(answer.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field, message }] } }], JSON.stringify(input))
    }
    const restBad = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/records`, { fieldType: 'A', subDomain: 'x', target: 'nope', ttl: 5 })
    t.match(restBad, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.ttl' }, { field: 'body.target' }] } })
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/records`, { fieldType: 'A', target: '192.0.2.1', extra: 1 })).body, { code: 'BAD_USER_INPUT' })
    t.match((await q('mutation { updateDnsRecord(zone: "demo-shop.com", id: "abc", input: { ttl: 300 }) { refreshed } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'id' }] } }])
    t.same(callsSince(since), [], 'OVH saw none of it')

    // The CNAME rules that depend on the zone cost a read of the name, never a write.
    const conflictSince = lastCallId(ctx.sandbox)
    t.match((await q('mutation { createDnsRecord(zone: "demo-shop.com", input: { fieldType: CNAME, subDomain: "api", target: "x.example.net." }) { refreshed } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.fieldType', message: /only record/ }] } }])
    t.match((await q('mutation { createDnsRecord(zone: "demo-shop.com", input: { fieldType: TXT, subDomain: "www", target: "x" }) { refreshed } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.subDomain', message: /is a CNAME/ }] } }])
    t.same(callsSince(conflictSince), ['GET /domain/zone/{zoneName}/record', 'GET /domain/zone/{zoneName}/record'])

    // Valid shapes of each kind pass.
    const good = [
      { fieldType: 'MX', subDomain: 'mail', target: '10 mx1.example.net.' },
      { fieldType: 'SRV', subDomain: '_sip._tcp', target: '0 5 5060 sip.example.net.' },
      { fieldType: 'CAA', subDomain: 'ca', target: '0 iodef "mailto:security@example.net"' },
      { fieldType: 'TXT', subDomain: 'long', target: `"${'a'.repeat(255)}" "${'b'.repeat(100)}"` },
      { fieldType: 'SPF', subDomain: 'spf', target: '"v=spf1 include:mx.ovh.com ~all"' },
      { fieldType: 'A', subDomain: '*.wild', target: '192.0.2.9', ttl: 0 }
    ]
    for (const input of good) {
      t.match((await q('mutation ($input: DnsRecordInput!) { createDnsRecord(zone: "demo-shop.com", input: $input, refresh: false) { record { fieldType } } }', { input })).body,
        { data: { createDnsRecord: { record: { fieldType: input.fieldType } } } }, input.fieldType)
    }
  })

  t.test('SOA', async t => {
    const soa = (await q('{ dnsZone(name: "demo-blog.net") { soa { server email serial refresh expire nxDomainTtl ttl } } }')).body.data.dnsZone.soa
    t.match(soa, { server: 'dns10.ovh.net', email: 'tech.ovh.net', ttl: 3600 })
    const updated = await q('mutation { updateDnsSoa(zone: "demo-blog.net", input: { ttl: 600, nxDomainTtl: 300 }) { refreshed soa { ttl nxDomainTtl serial server } } }')
    t.match(updated.body.data.updateDnsSoa, { refreshed: true, soa: { ttl: 600, nxDomainTtl: 300, server: 'dns10.ovh.net' } })
    t.ok(updated.body.data.updateDnsSoa.soa.serial > soa.serial, 'the refresh deployed a new serial')
    const since = lastCallId(ctx.sandbox)
    t.match((await q('mutation { updateDnsSoa(zone: "demo-blog.net", input: { ttl: 5, expire: 10, email: "nope" }) { refreshed } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email' }, { field: 'input.expire' }, { field: 'input.ttl' }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/dns/zones/demo-blog.net/soa', {})).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] })
    t.same(callsSince(since), [])
    t.match((await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones/demo-blog.net/soa')).body, { ttl: 600 })
  })

  t.test('DNSSEC of a zone hosted at OVH', async t => {
    const enabled = await q('mutation { enableDnssec(zone: "demo-boulangerie.fr") { dnssec { status } task { function status zone canCancel } } }')
    t.same(enabled.body.data.enableDnssec, { dnssec: { status: 'enableInProgress' }, task: { function: 'DnssecEnable', status: 'todo', zone: 'demo-boulangerie.fr', canCancel: true } })
    ctx.sandbox.admin.advanceClock({ seconds: 600 })
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones/demo-boulangerie.fr/dnssec')).body, { status: 'enabled' })
    const again = await rest(ctx, user.apiKey, 'POST', '/v1/dns/zones/demo-boulangerie.fr/dnssec')
    t.match(again, { statusCode: 422, body: { code: 'OVH_ERROR', ovh: { class: 'Client::BadRequest', message: /already enabled/ } } })
    t.match((await rest(ctx, user.apiKey, 'DELETE', '/v1/dns/zones/demo-boulangerie.fr/dnssec')).body, { dnssec: { status: 'disableInProgress' }, task: { function: 'DnssecDisable' } })
    t.match((await q('mutation { enableDnssec(zone: "demo-studio.berlin") { dnssec { status } } }')).body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /not supported/ } } }])
  })

  t.test('import, export and zone tasks, with the actions OVH refuses', async t => {
    const exported = (await q('{ dnsZone(name: "demo-tea.co.uk") { export } }')).body.data.dnsZone.export
    t.match(exported, /^\$TTL 3600\n/)
    const imported = await q('mutation ($file: String!) { importDnsZone(zone: "demo-tea.co.uk", zoneFile: $file) { id function status canCancel canAccelerate zone } }', { file: '@ IN A 192.0.2.5\nwww IN A 192.0.2.5\n' })
    const task = imported.body.data.importDnsZone
    t.match(task, { function: 'ZoneImport', status: 'todo', canCancel: true, zone: 'demo-tea.co.uk' })

    const cancelled = await q(`mutation { cancelDnsZoneTask(zone: "demo-tea.co.uk", id: "${task.id}") { status canCancel } }`)
    t.same(cancelled.body.data.cancelDnsZoneTask, { status: 'cancelled', canCancel: false })
    const since = lastCallId(ctx.sandbox)
    const refused = await q(`mutation { cancelDnsZoneTask(zone: "demo-tea.co.uk", id: "${task.id}") { status } }`)
    t.match(refused.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'TASK_NOT_CANCELABLE', task: { status: 'cancelled', canCancel: false } } }])
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/demo-tea.co.uk/tasks/${task.id}/relaunch`)), { statusCode: 409, body: { code: 'CONFLICT' } })
    t.same(callsSince(since), ['GET /domain/zone/{zoneName}/task/{id}', 'GET /domain/zone/{zoneName}/task/{id}'], 'the refused actions never reached OVH')

    const second = (await rest(ctx, user.apiKey, 'POST', '/v1/dns/zones/demo-tea.co.uk/import', { zoneFile: '@ IN A 192.0.2.6\n' })).body
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/demo-tea.co.uk/tasks/${second.id}/accelerate`)).body, { id: second.id, canAccelerate: false })
    ctx.sandbox.admin.advanceClock({ seconds: 300 })
    const tasks = await q('{ dnsZone(name: "demo-tea.co.uk") { tasks(first: 2) { totalCount edges { node { id function status } } } done: tasks(filter: { function: ZoneImport, status: done }) { totalCount } } }')
    t.match(tasks.body.data.dnsZone, { tasks: { edges: [{ node: { id: String(second.id), status: 'done' } }, { node: { id: task.id, status: 'cancelled' } }] }, done: { totalCount: 1 } })
    t.match((await q('{ dnsZone(name: "demo-tea.co.uk") { records { totalCount } } }')).body.data.dnsZone.records, { totalCount: 1 })

    // The seeded import that failed on OVH's side: relaunch it.
    const archive = await rest(ctx, user.apiKey, 'GET', '/v1/dns/zones/demo-archive.com/tasks?status=error')
    const failed = archive.body.items[0]
    t.match(failed, { function: 'ZoneImport', canRelaunch: true })
    t.match((await q(`mutation { relaunchDnsZoneTask(zone: "demo-archive.com", id: "${failed.id}") { status canRelaunch } }`)).body.data.relaunchDnsZoneTask, { status: 'todo', canRelaunch: false })

    t.match((await q('mutation { importDnsZone(zone: "demo-tea.co.uk", zoneFile: "   ") { id } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'zoneFile' }] } }])
  })

  t.test('a viewer reads zones but changes nothing', async t => {
    t.equal((await graphql(ctx, viewer.apiKey, '{ dnsZone(name: "demo-shop.com") { recordCount } }')).body.data.dnsZone.recordCount > 0, true)
    const since = lastCallId(ctx.sandbox)
    t.match((await graphql(ctx, viewer.apiKey, 'mutation { refreshDnsZone(zone: "demo-shop.com") { status { isDeployed } } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.match((await rest(ctx, viewer.apiKey, 'DELETE', '/v1/dns/zones/demo-shop.com/records/1')).body, { code: 'FORBIDDEN' })
    t.same(callsSince(since), [])
  })
})

// Zone tasks follow the rule of domain tasks: one in error can be cancelled (or relaunched). A build
// of its own, so the seeded failed import is as seeded (the test above relaunches it).
t.test('the seeded failed ZoneImport can be cancelled through the gateway', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const tasks = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones!['demo-archive.com'].tasks
  const failed = Object.values(tasks).find(task => task.function === 'ZoneImport' && task.status === 'error')!
  t.ok(failed, 'the seed has an import in error')
  const read = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/demo-archive.com/tasks/${failed.id}`)
  t.match(read.body, { status: 'error', canCancel: true, canRelaunch: true, canAccelerate: false })

  const since = lastCallId(ctx.sandbox)
  const cancelled = await graphql(ctx, user.apiKey, `mutation { cancelDnsZoneTask(zone: "demo-archive.com", id: "${failed.id}") { status canCancel canRelaunch } }`)
  t.same(cancelled.body.data.cancelDnsZoneTask, { status: 'cancelled', canCancel: false, canRelaunch: false })
  t.same(ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`),
    ['GET /domain/zone/{zoneName}/task/{id}', 'POST /domain/zone/{zoneName}/task/{id}/cancel', 'GET /domain/zone/{zoneName}/task/{id}'], 'OVH was asked to cancel it')
  t.equal(failed.status, 'cancelled')
})

t.test('zone tasks of every zone (/me/task/dns): filtered, paginated, acted on by id alone', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zones = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones!
  const all = Object.values(zones).flatMap(zone => Object.values(zone.tasks).map(task => ({ id: task.id, zone: zone.name, function: task.function, status: task.status })))
  const newestFirst = all.map(task => String(task.id)).sort((a, b) => Number(b) - Number(a))

  const seen: string[] = []
  let after: string | null = null
  for (let page = 0; page < 20; page++) {
    const since = lastCallId(ctx.sandbox)
    const answer: any = await q('query ($after: String) { dnsZoneTasks(first: 5, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id zone function status } } } }', { after })
    const connection = answer.body.data.dnsZoneTasks
    t.equal(connection.totalCount, all.length)
    seen.push(...connection.edges.map((edge: any) => edge.node.id))
    t.match(ctx.sandbox.admin.calls({ since }), [{ route: '/me/task/dns' }, { route: '/me/task/dns/{id}', batchSize: connection.edges.length }], 'one list and one batch read per page')
    t.equal(ctx.sandbox.admin.calls({ since }).length, 2)
    if (!connection.pageInfo.hasNextPage) break
    after = connection.pageInfo.endCursor
  }
  t.same(seen, newestFirst, 'every zone task once, newest first')

  const failed = all.find(task => task.status === 'error')!
  const filtered = await q('{ dnsZoneTasks(filter: { zone: "DEMO-ARCHIVE.COM", function: ZoneImport, status: error }) { totalCount edges { node { id zone canCancel canRelaunch } } } }')
  t.same(filtered.body.data.dnsZoneTasks, { totalCount: 1, edges: [{ node: { id: String(failed.id), zone: 'demo-archive.com', canCancel: true, canRelaunch: true } }] })
  t.match(ctx.sandbox.admin.calls().at(-2), { route: '/me/task/dns', path: /zone=demo-archive\.com/ }, 'OVH filters by zone')
  const shop = await rest(ctx, user.apiKey, 'GET', '/v1/dns/tasks?zone=demo-shop.com&status=done&first=1')
  t.match(shop.body, { totalCount: all.filter(task => task.zone === 'demo-shop.com' && task.status === 'done').length, items: [{ zone: 'demo-shop.com', status: 'done' }] })
  t.match((await q(`{ dnsZoneTask(id: "${failed.id}") { zone function status } }`)).body.data.dnsZoneTask, { zone: 'demo-archive.com', function: 'ZoneImport', status: 'error' })
  t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/tasks/${failed.id}`)).body, { id: failed.id, zone: 'demo-archive.com' })
  t.match(await rest(ctx, user.apiKey, 'GET', '/v1/dns/tasks/1'), { statusCode: 404, body: { code: 'NOT_FOUND' } })

  const since = lastCallId(ctx.sandbox)
  t.match(await rest(ctx, user.apiKey, 'GET', '/v1/dns/tasks?function=DomainCreate'), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'querystring.function' }] } })
  t.match((await q('{ dnsZoneTasks(filter: { zone: "not a zone" }) { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.zone' }] } }])
  const done = all.find(task => task.status === 'done')!
  t.match((await q(`mutation { cancelDnsZoneTask(id: "${done.id}") { status } }`)).body.errors, [{ extensions: { code: 'CONFLICT', reason: 'TASK_NOT_CANCELABLE' } }])
  t.same(ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`), ['GET /me/task/dns/{id}'], 'bad input and refused actions never reach OVH')

  // By id alone, through the account-wide route: the seeded import in error is relaunched.
  const relaunched = await rest(ctx, user.apiKey, 'POST', `/v1/dns/tasks/${failed.id}/relaunch`)
  t.match(relaunched, { statusCode: 200, body: { id: failed.id, zone: 'demo-archive.com', status: 'todo', canRelaunch: false } })
  t.ok(ctx.sandbox.admin.calls().some(call => call.method === 'POST' && call.route === '/me/task/dns/{id}/relaunch'), 'the account-wide route was used')
})
