// Web redirections through GraphQL and REST: create (each type), read, list, update, delete, the
// records OVH puts in the zone for them, the refresh after each change, input refused before OVH
// sees it, roles and tenant isolation.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const shared = await build(t)
const ZONE = 'demo-shop.com'

t.test('redirections', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const zoneState = () => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![ZONE]
  const calls = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)
  const FIELDS = 'id zone subDomain target type title keywords description'

  t.test('create each type through GraphQL: OVH adds its records, the zone is refreshed', async t => {
    const since = lastCallId(ctx.sandbox)
    const created = await q(`mutation ($input: DnsRedirectionInput!) { createDnsRedirection(zone: "${ZONE}", input: $input) { redirection { ${FIELDS} } refreshed refreshError } }`,
      { input: { subDomain: 'go', target: 'https://example.net/landing', type: 'visible' } })
    t.match(created.body.data.createDnsRedirection, {
      redirection: { zone: ZONE, subDomain: 'go', target: 'https://example.net/landing', type: 'visible', title: null },
      refreshed: true,
      refreshError: null
    })
    const upstream = calls(since)
    t.ok(upstream.includes('POST /domain/zone/{zoneName}/redirection'))
    t.equal(upstream.at(-1), 'POST /domain/zone/{zoneName}/refresh', 'the zone is refreshed after the change')
    const records = Object.values(zoneState().records).filter(record => record.subDomain === 'go')
    t.same(records.map(record => record.fieldType).sort(), ['A', 'TXT'], 'OVH\'s forwarder address and marker are in the zone')
    t.equal(zoneState().deployed, true)

    const permanent = await q(`mutation { createDnsRedirection(zone: "${ZONE}", input: { subDomain: "old", target: "https://example.net/new", type: visiblePermanent }, refresh: false) { redirection { type } refreshed } }`)
    t.same(permanent.body.data.createDnsRedirection, { redirection: { type: 'visiblePermanent' }, refreshed: false })
    t.equal(zoneState().deployed, false, 'refresh: false leaves the change waiting')

    const framed = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/redirections`,
      { subDomain: 'frame', target: 'https://example.org/', type: 'invisible', title: 'Shop', keywords: 'tea', description: 'Our shop' })
    t.equal(framed.statusCode, 200)
    t.match(framed.body, { redirection: { subDomain: 'frame', type: 'invisible', title: 'Shop', keywords: 'tea', description: 'Our shop' }, refreshed: true })
    t.equal(zoneState().deployed, true)
  })

  t.test('read and list, in GraphQL and REST', async t => {
    const list = await q(`{ dnsZone(name: "${ZONE}") { redirections(first: 2) { totalCount edges { node { subDomain type } } pageInfo { hasNextPage endCursor } } } }`)
    const connection = list.body.data.dnsZone.redirections
    t.equal(connection.totalCount, 3)
    t.same(connection.edges.map((edge: any) => edge.node.subDomain), ['go', 'old'])
    const next = await q(`{ dnsZone(name: "${ZONE}") { redirections(after: "${connection.pageInfo.endCursor}") { edges { node { subDomain } } pageInfo { hasNextPage } } } }`)
    t.same(next.body.data.dnsZone.redirections.edges.map((edge: any) => edge.node.subDomain), ['frame'])

    const filtered = await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/redirections?subDomain=OLD`)
    t.match(filtered.body, { items: [{ subDomain: 'old', type: 'visiblePermanent' }], totalCount: 1 })
    const id = filtered.body.items[0].id
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/redirections/${id}`)).body, { id, target: 'https://example.net/new' })
    t.match((await q(`{ dnsZone(name: "${ZONE}") { redirection(id: "${id}") { target } none: redirection(id: "1") { target } } }`)).body.data.dnsZone,
      { redirection: { target: 'https://example.net/new' }, none: null })
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/dns/zones/${ZONE}/redirections/1`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
  })

  t.test('update and delete, each followed by a refresh', async t => {
    const id = Object.values(zoneState().redirections!).find(r => r.subDomain === 'go')!.id
    const updated = await q(`mutation { updateDnsRedirection(zone: "${ZONE}", id: "${id}", input: { target: "https://example.com/", type: visiblePermanent }) { redirection { target type } refreshed } }`)
    t.same(updated.body.data.updateDnsRedirection, { redirection: { target: 'https://example.com/', type: 'visiblePermanent' }, refreshed: true })
    const txt = Object.values(zoneState().records).find(record => record.subDomain === 'go' && record.fieldType === 'TXT')!
    t.match(txt.target, /example\.com/, 'OVH\'s marker follows the new target')

    const framedId = Object.values(zoneState().redirections!).find(r => r.subDomain === 'frame')!.id
    t.match((await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/redirections/${framedId}`, { title: 'New title' })).body,
      { redirection: { title: 'New title', keywords: 'tea' }, refreshed: true })

    const since = lastCallId(ctx.sandbox)
    t.same((await rest(ctx, user.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/redirections/${id}`)).body, { id, refreshed: true, refreshError: null })
    t.same(calls(since), ['DELETE /domain/zone/{zoneName}/redirection/{id}', 'POST /domain/zone/{zoneName}/refresh'])
    t.same(Object.values(zoneState().records).filter(record => record.subDomain === 'go'), [], 'its records went with it')
    const deleted = await q(`mutation { deleteDnsRedirection(zone: "${ZONE}", id: "${framedId}") { deletedId refreshed } }`)
    t.same(deleted.body.data.deleteDnsRedirection, { deletedId: String(framedId), refreshed: true })
    t.match((await q(`mutation { deleteDnsRedirection(zone: "${ZONE}", id: "1") { deletedId } }`)).body.errors, [{ extensions: { code: 'NOT_FOUND' } }])
  })

  t.test('bad input is refused with its fields, before OVH sees it', async t => {
    const since = lastCallId(ctx.sandbox)
    const refused = await q(`mutation { createDnsRedirection(zone: "${ZONE}", input: { subDomain: "www.${ZONE}", target: "ftp://example.net", type: visible, title: "x" }) { refreshed } }`)
    t.match(refused.body.errors, [{
      extensions: {
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'input.subDomain' }, { field: 'input.target', message: /http/ }, { field: 'input.title', message: /invisible/ }]
      }
    }])
    const rest400 = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/redirections`, { subDomain: 'loop', target: `https://loop.${ZONE}`, type: 'visible' })
    t.match(rest400, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.target', message: /itself/ }] } })
    t.match((await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/redirections`, { target: 'https://example.net', type: 'temporary' })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.type' }] })
    t.match((await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/redirections/5`, {})).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body' }] })
    t.same(calls(since).filter(call => !call.startsWith('GET')), [], 'nothing was written at OVH')

    // An update whose target or texts are wrong whatever the redirection: refused before OVH is
    // even asked for the redirection (found by the OpenAPI fuzz).
    const beforeUpdate = lastCallId(ctx.sandbox)
    const badUpdate = await rest(ctx, user.apiKey, 'PUT', `/v1/dns/zones/${ZONE}/redirections/999999`, { target: 'Q:ebAUBz', type: 'invisible', keywords: 'x'.repeat(2_000) })
    t.match(badUpdate, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.target' }, { field: 'body.keywords' }] } })
    t.same(calls(beforeUpdate), [], 'no OVH call at all')

    // Names that already answer otherwise: checked against the zone before OVH is asked.
    const cname = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/redirections`, { subDomain: 'www', target: 'https://example.net', type: 'visible' })
    t.match(cname.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body.subDomain', message: /CNAME/ }] })
    const address = await q(`mutation { createDnsRedirection(zone: "${ZONE}", input: { subDomain: "api", target: "https://example.net", type: visible }) { refreshed } }`)
    t.match(address.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.subDomain', message: /A record/ }] } }])
    const twice = await rest(ctx, user.apiKey, 'POST', `/v1/dns/zones/${ZONE}/redirections`, { subDomain: 'old', target: 'https://example.net', type: 'visible' })
    t.match(twice.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body.subDomain', message: /already has a redirection/ }] })
    t.same(calls(since).filter(call => !call.startsWith('GET')), [], 'still nothing written at OVH')
  })

  t.test('viewers read, only writers change; another account\'s zone is not found', async t => {
    t.ok((await graphql(ctx, viewer.apiKey, `{ dnsZone(name: "${ZONE}") { redirections { totalCount } } }`)).body.data.dnsZone.redirections.totalCount >= 1)
    t.match((await graphql(ctx, viewer.apiKey, `mutation { createDnsRedirection(zone: "${ZONE}", input: { subDomain: "v", target: "https://example.net", type: visible }) { refreshed } }`)).body.errors,
      [{ extensions: { code: 'FORBIDDEN' } }])
    t.match((await rest(ctx, viewer.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/redirections/1`)).body, { code: 'FORBIDDEN' })

    const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const stranger = await seedUser(ctx, { role: 'operator', account: other.nic })
    t.match(await rest(ctx, stranger.apiKey, 'GET', `/v1/dns/zones/${ZONE}/redirections`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match((await graphql(ctx, stranger.apiKey, `mutation { createDnsRedirection(zone: "${ZONE}", input: { subDomain: "x", target: "https://example.net", type: visible }) { refreshed } }`)).body.errors,
      [{ extensions: { code: 'NOT_FOUND' } }])
    const id = Object.values(zoneState().redirections!)[0].id
    t.match(await rest(ctx, stranger.apiKey, 'DELETE', `/v1/dns/zones/${ZONE}/redirections/${id}`), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.ok(zoneState().redirections![String(id)], 'the redirection is still there')
  })
})
