// A domain's DNS at the registry through GraphQL and REST: name-server type, name servers, glue
// records and DS keys, each change a domain task; bad input never reaches OVH; OVH's refusals.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

t.test('DNS at the registry', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, user.apiKey, query, variables)
  const writesSince = (since: number) => ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET').map(call => `${call.method} ${call.route}`)
  const later = () => ctx.sandbox.admin.advanceClock({ seconds: 900 })

  t.test('name servers cannot change while OVH hosts the DNS, as OVH refuses it', async t => {
    const answer = await q('mutation { replaceNameServers(domain: "demo-shop.com", nameServers: [{ host: "ns1.example.net" }, { host: "ns2.example.net" }]) { id } }')
    t.match(answer.body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { status: 403, class: 'Client::Forbidden', message: /nameServerType is hosted/ } } }])
    t.match(await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-shop.com/nameServers', { nameServers: [{ host: 'ns1.example.net' }] }),
      { statusCode: 422, body: { code: 'OVH_ERROR', ovh: { class: 'Client::Forbidden' } } })
    t.match((await q('mutation { setNameServerType(domain: "demo-kiez.berlin", nameServerType: hosted) { nameServerType } }')).body.errors,
      [{ extensions: { code: 'OVH_ERROR', ovh: { message: /no DNS zone/ } } }], 'hosted needs a zone at OVH')
    t.match((await q('mutation { setNameServerType(domain: "demo-shop.com", nameServerType: parking) { nameServerType } }')).body.errors, [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-shop.com/nameServerType', { nameServerType: 'parking' })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body.nameServerType' }] })
  })

  t.test('invalid name servers, glue and DS keys never reach OVH', async t => {
    const since = lastCallId(ctx.sandbox)
    const ns = (nameServers: unknown) => q('mutation ($ns: [NameServerInput!]!) { replaceNameServers(domain: "demo-app.io", nameServers: $ns) { id } }', { ns: nameServers })
    t.match((await ns([{ host: '192.0.2.1' }])).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'nameServers[0].host', message: /host name/ }] } }])
    t.match((await ns([{ host: 'ns1.example.net' }, { host: 'NS1.example.net.' }])).body.errors, [{ extensions: { fields: [{ field: 'nameServers[1].host', message: /twice/ }] } }])
    t.match((await ns([{ host: 'ns1.example.net', ip: '192.0.2.1' }])).body.errors, [{ extensions: { fields: [{ field: 'nameServers[0].ip', message: /inside demo-app\.io/ }] } }])
    t.match((await ns([{ host: 'ns1.demo-app.io', ip: '999.1.1.1' }])).body.errors, [{ extensions: { fields: [{ field: 'nameServers[0].ip', message: /IPv4 or IPv6/ }] } }])
    t.match((await ns([])).body.errors, [{ extensions: { fields: [{ field: 'nameServers', message: /1 to 13/ }] } }])
    t.match((await ns(Array.from({ length: 14 }, (_, i) => ({ host: `ns${i}.example.net` })))).body.errors, [{ extensions: { fields: [{ field: 'nameServers' }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-app.io/nameServers', { nameServers: [{ host: 'bad host' }] })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.nameServers[0].host' }] })

    t.match((await q('mutation { createGlueRecord(domain: "demo-agency.fr", host: "ns1.example.net", ips: ["192.0.2.1", "nope"]) { id } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'host', message: /inside demo-agency\.fr/ }, { field: 'ips[1]' }] } }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-agency.fr/glueRecords/ns1.demo-agency.fr', { ips: [] })).body,
      { code: 'BAD_USER_INPUT', fields: [{ field: 'body.ips', message: /at least one/ }] })
    // Deleting or reading one host gets updateGlueRecord's check of the host.
    for (const [method, host, message] of [['DELETE', 'bad..host', /host name/], ['DELETE', 'ns1.other.com', /inside demo-shop\.com/], ['GET', 'ns1.other.com', /inside demo-shop\.com/]] as const) {
      const answer = await rest(ctx, user.apiKey, method, `/v1/domains/demo-shop.com/glueRecords/${host}`)
      t.equal(answer.statusCode, 400, `${method} ${host}`)
      t.match(answer.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'params.host', message }] }, `${method} ${host}`)
    }
    for (const host of ['ns1.other.com', 'bad..host', 'demo-shop.com']) {
      t.match((await q(`mutation { deleteGlueRecord(domain: "demo-shop.com", host: "${host}") { id } }`)).body.errors,
        [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'host' }] } }], `deleteGlueRecord ${host}`)
      t.same((await q(`mutation { updateGlueRecord(domain: "demo-shop.com", host: "${host}", ips: ["192.0.2.1"]) { id } }`)).body.errors?.[0].extensions.fields,
        (await q(`mutation { deleteGlueRecord(domain: "demo-shop.com", host: "${host}") { id } }`)).body.errors?.[0].extensions.fields, `${host}: the same error as an update`)
    }

    const key = { algorithm: 13, flags: 257, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', tag: 2371 }
    const ds = (keys: unknown) => q('mutation ($keys: [DsKeyInput!]!) { updateDsRecords(domain: "demo-app.io", keys: $keys) { id } }', { keys })
    t.match((await ds([{ ...key, algorithm: 6, flags: 255, tag: 70_000, publicKey: 'not base64!' }])).body.errors, [{
      extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'keys[0].algorithm', message: /5, 7, 8, 10, 13, 14, 15/ }, { field: 'keys[0].flags' }, { field: 'keys[0].tag' }, { field: 'keys[0].publicKey' }] }
    }])
    t.match((await ds(Array.from({ length: 5 }, () => key))).body.errors, [{ extensions: { fields: [{ field: 'keys', message: /at most 4/ }] } }])
    t.same(ctx.sandbox.admin.calls({ since }), [], 'OVH saw none of it')
  })

  t.test('switch to external, replace, add and delete name servers: DomainDnsUpdate tasks', async t => {
    const external = await q('mutation { setNameServerType(domain: "demo-boulangerie.fr", nameServerType: external) { nameServerType nameServers { nameServer nameServerType } } }')
    t.match(external.body.data.setNameServerType, { nameServerType: 'external', nameServers: [{ nameServerType: 'external' }, { nameServerType: 'external' }] })
    const since = lastCallId(ctx.sandbox)
    const task = await q('mutation { replaceNameServers(domain: "demo-boulangerie.fr", nameServers: [{ host: "ns1.example.net" }, { host: "NS2.Example.net." }]) { id function status domain canCancel } }')
    t.match(task.body.data.replaceNameServers, { function: 'DomainDnsUpdate', status: 'todo', domain: 'demo-boulangerie.fr' })
    t.same(writesSince(since), ['POST /domain/{serviceName}/nameServers/update'])
    const body = ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains['demo-boulangerie.fr'].nameServers.filter(ns => ns.pending).map(ns => ns.nameServer)
    t.same(body, ['ns1.example.net', 'ns2.example.net'], 'sent as OVH wants: nameServers, lower-case hosts without the final dot')

    const pending = await q('{ domain(name: "demo-boulangerie.fr") { fullNameServers { host isUsed toDelete status { state } } } }')
    t.same(pending.body.data.domain.fullNameServers.map((ns: any) => [ns.host, ns.isUsed, ns.toDelete, ns.status.state]), [
      ['dns10.ovh.net', true, true, 'ok'], ['ns10.ovh.net', true, true, 'ok'], ['ns1.example.net', false, false, 'ko'], ['ns2.example.net', false, false, 'ko']
    ])
    later()
    const done = await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-boulangerie.fr/nameServers')
    t.same(done.body.map((ns: any) => [ns.host, ns.isUsed, ns.toDelete]), [['ns1.example.net', true, false], ['ns2.example.net', true, false]])

    const added = await rest(ctx, user.apiKey, 'POST', '/v1/domains/demo-boulangerie.fr/nameServers', { nameServers: [{ host: 'ns3.example.net' }] })
    t.match(added.body, { function: 'DomainDnsUpdate', status: 'todo' })
    later()
    const third = (await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-boulangerie.fr/nameServers')).body.find((ns: any) => ns.host === 'ns3.example.net')
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/domains/demo-boulangerie.fr/nameServers/${third.id}/status`)).body, { state: 'ok', type: 'external' })
    t.match((await q(`mutation { deleteNameServer(domain: "demo-boulangerie.fr", id: "${third.id}") { function } }`)).body.data, { deleteNameServer: { function: 'DomainDnsUpdate' } })
    later()
    t.equal((await rest(ctx, user.apiKey, 'GET', `/v1/domains/demo-boulangerie.fr/nameServers/${third.id}`)).statusCode, 404)
    t.match((await q('{ domain(name: "demo-boulangerie.fr") { nameServers { nameServer } } }')).body.data.domain.nameServers, [{ nameServer: 'ns1.example.net' }, { nameServer: 'ns2.example.net' }])
  })

  t.test('glue records', async t => {
    const created = await q('mutation { createGlueRecord(domain: "demo-agency.fr", host: "ns1.demo-agency.fr", ips: ["192.0.2.53"]) { function status } }')
    t.same(created.body.data.createGlueRecord, { function: 'DomainHostCreate', status: 'todo' })
    later()
    t.same((await q('{ domain(name: "demo-agency.fr") { glueRecords { host ips } } }')).body.data.domain.glueRecords, [{ host: 'ns1.demo-agency.fr', ips: ['192.0.2.53'] }])
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-agency.fr/glueRecords/ns1.demo-agency.fr', { ips: ['192.0.2.54', '2001:db8::54'] })).body, { function: 'DomainHostUpdate' })
    later()
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-agency.fr/glueRecords/ns1.demo-agency.fr')).body, { host: 'ns1.demo-agency.fr', ips: ['192.0.2.54', '2001:db8::54'] })
    t.match((await q('mutation { createGlueRecord(domain: "demo-app.io", host: "ns1.demo-app.io", ips: ["192.0.2.1"]) { id } }')).body.errors,
      [{ extensions: { code: 'OVH_ERROR', ovh: { message: /does not manage hosts/ } } }], 'a registry without hosts')
    t.match((await rest(ctx, user.apiKey, 'DELETE', '/v1/domains/demo-agency.fr/glueRecords/ns1.demo-agency.fr')).body, { function: 'DomainHostDelete' })
    later()
    t.same((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-agency.fr/glueRecords')).body, [])
  })

  t.test('DS keys at the registry', async t => {
    const key = { algorithm: 13, flags: 257, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', tag: 2371 }
    t.match((await q('mutation ($keys: [DsKeyInput!]!) { updateDsRecords(domain: "demo-shop.com", keys: $keys) { id } }', { keys: [key] })).body.errors,
      [{ extensions: { code: 'OVH_ERROR', ovh: { message: /zone\/demo-shop\.com\/dnssec/ } } }], 'a domain on OVH\'s DNS uses the zone\'s DNSSEC')
    t.match((await rest(ctx, user.apiKey, 'PUT', '/v1/domains/demo-app.io/dsRecords', { keys: [key, { ...key, flags: 256, tag: 11 }] })).body, { function: 'DomainDsUpdate', status: 'todo' })
    later()
    const keys = await q('{ domain(name: "demo-app.io") { dnssecState dsRecords { algorithm flags tag status } ksk: dsRecords(flags: 257) { tag } } }')
    t.same(keys.body.data.domain, { dnssecState: 'enabled', dsRecords: [{ algorithm: 13, flags: 257, tag: 2371, status: 'active' }, { algorithm: 13, flags: 256, tag: 11, status: 'active' }], ksk: [{ tag: 2371 }] })
    const one = (await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-app.io/dsRecords?status=active')).body[0]
    t.match((await rest(ctx, user.apiKey, 'GET', `/v1/domains/demo-app.io/dsRecords/${one.id}`)).body, { publicKey: key.publicKey })

    // Flags other than OVH's dnssec.KeyFlagEnum (256, 257) are refused before any DS key list.
    const since = lastCallId(ctx.sandbox)
    t.match((await q('{ domain(name: "demo-app.io") { dsRecords(flags: 258) { tag } } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'flags', message: /256 \(ZSK\) or 257 \(KSK\)/ }] } }])
    t.match(await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-app.io/dsRecords?flags=1'), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'querystring.flags' }] } })
    t.same(ctx.sandbox.admin.calls({ since }).map(call => call.route), ['/domain/{serviceName}'], 'only the domain was read, no DS key list')
  })
})
