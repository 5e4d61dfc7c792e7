// A zone's history and reset through GraphQL and REST: versions listed newest first and filtered by
// date, a new version at each deployment, a version's zone file, restoring one (a ZoneRestore task),
// the reset (OVH's defaults, minimized, with given records) with its refresh, refusals before OVH,
// roles and tenant isolation.
import t from 'tap'
import { ZONE_FILE_LINK_MAX_BYTES } from '../../src/modules/dns/zone-file.js'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const shared = await build(t)
const ZONE = 'demo-shop.com'
const enc = encodeURIComponent

t.test('zone history', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zoneState = () => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![ZONE]
  const calls = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)

  const versions = async (): Promise<string[]> => {
    const answer = await q(`{ dnsZone(name: "${ZONE}") { history { totalCount edges { node { creationDate } } } } }`)
    return answer.body.data.dnsZone.history.edges.map((edge: any) => edge.node.creationDate)
  }

  t.test('versions newest first; a deployment adds one', async t => {
    const before = await versions()
    t.equal(before.length, 2, 'the seeded versions')
    t.ok(Date.parse(before[0]) > Date.parse(before[1]), 'newest first')
    ctx.sandbox.admin.advanceClock({ seconds: 5 })
    await q(`mutation { createDnsRecord(zone: "${ZONE}", input: { fieldType: A, subDomain: "new", target: "192.0.2.44" }) { refreshed } }`)
    const after = await versions()
    t.equal(after.length, 3)
    t.same(after.slice(1), before, 'the refresh saved a new version')

    const page = await q(`{ dnsZone(name: "${ZONE}") { history(first: 1) { edges { node { creationDate } } pageInfo { hasNextPage endCursor } } } }`)
    const { endCursor } = page.body.data.dnsZone.history.pageInfo
    const next = await q(`{ dnsZone(name: "${ZONE}") { history(first: 5, after: "${endCursor}") { edges { node { creationDate } } pageInfo { hasNextPage } } } }`)
    t.same(next.body.data.dnsZone.history.edges.map((edge: any) => edge.node.creationDate), after.slice(1))

    const ranged = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history?from=${enc(before[1])}&to=${enc(before[0])}`)
    t.match(ranged.body, { items: before.map(creationDate => ({ creationDate })), totalCount: 2 })
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history?from=yesterday`), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
  })

  t.test('a version with its zone file, in GraphQL and REST', async t => {
    const [newest, , oldest] = await versions()
    const answer = await q(`query ($at: DateTime!) { dnsZone(name: "${ZONE}") { version(creationDate: $at) { creationDate zoneFileUrl zoneFile } } }`, { at: oldest })
    const version = answer.body.data.dnsZone.version
    t.equal(version.creationDate, oldest)
    t.match(version.zoneFileUrl, /^http:\/\/.+\/zone-history\//)
    t.match(version.zoneFile, /IN NS\tdns10\.ovh\.net\./)
    t.notMatch(version.zoneFile, /\napi\t/, 'the oldest version is the zone as OVH created it')

    const newestOne = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc(newest)}`)
    t.equal(newestOne.statusCode, 200)
    t.match(newestOne.body, { creationDate: newest, zoneFileUrl: String, zoneFile: /new\t+IN A\t192\.0\.2\.44/ })

    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc('2001-01-01T00:00:00+00:00')}`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.same((await q(`{ dnsZone(name: "${ZONE}") { version(creationDate: "2001-01-01T00:00:00Z") { creationDate } } }`)).body.data.dnsZone.version, null)
    const since = lastCallId(ctx.sandbox)
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/not-a-date`), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'params.creationDate' }] } })
    t.same(calls(since), [], 'a bad date never reaches OVH')
  })

  t.test('the zone file spends one call of the budget, and only OVH\'s links are followed', async t => {
    const [newest] = await versions()
    const budget = ctx.app.ovh.budget
    const key = user.credential!.id
    const before = await budget.remaining(key)
    const withFile = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc(newest)}`)
    t.equal(withFile.statusCode, 200)
    t.equal(before - await budget.remaining(key), 2, 'the version read and its zone file: two calls')

    // OVH's storage failing behind the link: a coded 502, OVH's answer not passed on.
    const point = zoneState().history!.find(candidate => Date.parse(newest) === candidate.creation)!
    const records = point.records
    point.records = null as any
    t.teardown(() => { point.records = records })
    const failing = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc(newest)}`)
    t.match(failing, { statusCode: 502, body: { code: 'UPSTREAM_UNAVAILABLE' } })
    const inGraphql = await q(`query ($at: DateTime!) { dnsZone(name: "${ZONE}") { version(creationDate: $at) { zoneFile } } }`, { at: newest })
    t.match(inGraphql.body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE' } }])

    // A file bigger than ZONE_FILE_LINK_MAX_BYTES behind the link: read no further, a coded 502.
    const line = { ...records[0], fieldType: 'TXT' as const, target: `"${'x'.repeat(250)}"`, ttl: 0 }
    const lines = Math.ceil(ZONE_FILE_LINK_MAX_BYTES / 250) + 100
    point.records = Array.from({ length: lines }, (_, index) => ({ ...line, id: 900_000 + index, subDomain: `big${index}` }))
    const tooBig = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc(newest)}`)
    t.match(tooBig, { statusCode: 502, body: { code: 'UPSTREAM_UNAVAILABLE', detail: /too big/ } })
  })

  t.test('restore a version: a ZoneRestore task that puts its records back', async t => {
    const all = await versions()
    const oldest = all.at(-1)!
    const restored = await q(`mutation ($at: DateTime!) { restoreDnsZoneVersion(zone: "${ZONE}", creationDate: $at) { id zone function status } }`, { at: oldest })
    t.match(restored.body.data.restoreDnsZoneVersion, { zone: ZONE, function: 'ZoneRestore', status: 'todo' })
    t.ok(Object.values(zoneState().records).some(record => record.subDomain === 'api'), 'not yet restored')
    ctx.sandbox.admin.advanceClock({ seconds: 600 })
    const task = await q(`{ dnsZone(name: "${ZONE}") { task(id: "${restored.body.data.restoreDnsZoneVersion.id}") { status } } }`)
    t.equal(task.body.data.dnsZone.task.status, 'done')
    const records = Object.values(zoneState().records)
    t.notOk(records.some(record => record.subDomain === 'api' || record.subDomain === 'new'), 'the records of the old version are back')
    t.ok(records.some(record => record.fieldType === 'NS'))
    t.equal((await versions()).length, all.length + 1, 'the restore was deployed, a new version')

    const viaRest = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/history/${enc(all[0])}/restore`)
    t.match(viaRest, { statusCode: 200, body: { function: 'ZoneRestore' } })
    t.match(await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/history/${enc('2001-01-01T00:00:00Z')}/restore`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
  })

  t.test('viewers read the history, only writers restore; another account\'s zone is not found', async t => {
    const [newest] = await versions()
    t.ok((await graphql(ctx, viewer.apiKey, `{ dnsZone(name: "${ZONE}") { history { totalCount } } }`)).body.data.dnsZone.history.totalCount > 0)
    t.match(await rest(ctx, viewer.apiKey, 'POST', `/v1/dns/zones/${ZONE}/history/${enc(newest)}/restore`), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const stranger = await seedUser(ctx, { role: 'operator', account: other.nic })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/dns/zones/${ZONE}/history/${enc(newest)}`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, stranger.apiKey, 'POST', `/v1/dns/zones/${ZONE}/history/${enc(newest)}/restore`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
  })
})

t.test('zone reset', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zoneState = (name: string) => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![name]
  const records = (name: string) => Object.values(zoneState(name).records).map(record => `${record.subDomain}|${record.fieldType}|${record.target}`).sort()
  const calls = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)

  t.test('OVH\'s defaults, then refreshed; redirections go with the records', async t => {
    await q('mutation { createDnsRedirection(zone: "demo-shop.com", input: { subDomain: "go", target: "https://example.net", type: visible }) { refreshed } }')
    const since = lastCallId(ctx.sandbox)
    const answer = await q('mutation { resetDnsZone(zone: "demo-shop.com") { zone { name } refreshed refreshError } }')
    t.same(answer.body.data.resetDnsZone, { zone: { name: 'demo-shop.com' }, refreshed: true, refreshError: null })
    t.same(calls(since), ['POST /domain/zone/{zoneName}/reset', 'POST /domain/zone/{zoneName}/refresh'])
    const now = records('demo-shop.com')
    t.ok(now.includes('|A|213.186.33.5') && now.includes('|NS|dns10.ovh.net.') && now.includes('www|CNAME|demo-shop.com.'))
    t.notOk(now.some(line => line.startsWith('api|') || line.startsWith('go|')), 'the old records are gone')
    t.same(Object.keys(zoneState('demo-shop.com').redirections ?? {}), [])
    t.equal(zoneState('demo-shop.com').deployed, true)
  })

  t.test('minimized, with given records, without refresh (REST)', async t => {
    const minimized = await rest(ctx, user.apiKey, 'POST', '/v1/dns/zones/demo-blog.net/reset?refresh=false', { minimized: true })
    t.same(minimized.body, { zone: 'demo-blog.net', refreshed: false, refreshError: null })
    t.same(records('demo-blog.net'), ['|NS|dns10.ovh.net.', '|NS|ns10.ovh.net.'].sort())
    t.equal(zoneState('demo-blog.net').deployed, false)

    const given = await rest(ctx, user.apiKey, 'POST', '/v1/dns/zones/demo-agency.fr/reset', { dnsRecords: [{ fieldType: 'A', target: '192.0.2.10' }, { fieldType: 'MX', target: '10 mail.example.net.' }] })
    t.match(given, { statusCode: 200, body: { refreshed: true } })
    const now = records('demo-agency.fr')
    t.ok(now.includes('|A|192.0.2.10') && now.includes('|MX|10 mail.example.net.'))
    t.notOk(now.some(line => line.includes('mx1.mail.ovh.net') || line.includes('213.186.33.5')), 'the given records replace OVH\'s')
  })

  t.test('bad records are refused before OVH; roles; isolation', async t => {
    const since = lastCallId(ctx.sandbox)
    const refused = await q('mutation { resetDnsZone(zone: "demo-agency.fr", input: { dnsRecords: [{ fieldType: A, target: "2001:db8::1" }, { fieldType: MX, target: "10 192.0.2.1" }] }) { refreshed } }')
    t.match(refused.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.dnsRecords.0.target' }, { field: 'input.dnsRecords.1.target' }] } }])
    t.match((await rest(ctx, user.apiKey, 'POST', '/v1/dns/zones/demo-agency.fr/reset', { dnsRecords: [{ fieldType: 'CNAME', target: 'x.example.net.' }] })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.dnsRecords.0.fieldType' }] })
    t.same(calls(since), [], 'nothing reached OVH')

    t.match((await graphql(ctx, viewer.apiKey, 'mutation { resetDnsZone(zone: "demo-agency.fr") { refreshed } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const stranger = await seedUser(ctx, { role: 'operator', account: other.nic })
    const before = records('demo-agency.fr')
    t.match(await rest(ctx, stranger.apiKey, 'POST', '/v1/dns/zones/demo-agency.fr/reset', { minimized: true }), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.same(records('demo-agency.fr'), before, 'the zone is untouched')
  })
})
