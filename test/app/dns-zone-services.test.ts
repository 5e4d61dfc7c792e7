// A DNS zone as a billed service, end to end through the gateway: its renewal settings, its options
// and theirs, and its capabilities, in GraphQL and REST; roles, input checked before OVH, the
// audit trail, and a user limited to a customer reaching only its own domains' zones.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { customerWorld } from '../support/customers.js'
import { lastCallId } from '../support/sandbox.js'
// OVH's dates are Paris dates: between 23:00 and midnight UTC the UTC date is the day before.
import { formatDate } from '../../src/sandbox/time.js'

t.test('DNS zones as services', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, operator.apiKey, query, variables)
  const callsSince = (since: number) => ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`)
  const zoneOf = (name: string) => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones![name]

  t.test('reads: serviceInfos, options with theirs, capabilities', async t => {
    const since = lastCallId(ctx.sandbox)
    const answer = await q(`{ dnsZone(name: "demo-archive.com") {
      serviceInfos { serviceId domain expiration renewalType renew { automatic deleteAtExpiration period } possibleRenewPeriod canDeleteAtExpiration }
      options { name serviceInfos { domain renew { automatic deleteAtExpiration } } }
      option(name: "dnsAnycast") { name }
      missing: option(name: "other") { name }
      capabilities { dynHost } } }`)
    t.equal(answer.body.errors, undefined)
    const zone = answer.body.data.dnsZone
    t.match(zone.serviceInfos, { domain: 'demo-archive.com', renewalType: 'automaticV2016', renew: { automatic: true, deleteAtExpiration: false, period: 12 }, possibleRenewPeriod: [12], canDeleteAtExpiration: true })
    t.equal(zone.serviceInfos.expiration, formatDate(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains['demo-archive.com'].expiration), 'a zone with its domain expires with it')
    t.same(zone.options, [{ name: 'dnsAnycast', serviceInfos: { domain: 'demo-archive.com', renew: { automatic: true, deleteAtExpiration: false } } }])
    t.same(zone.option, { name: 'dnsAnycast' })
    t.equal(zone.missing, null)
    t.same(zone.capabilities, { dynHost: true })
    t.same(callsSince(since).filter(call => call !== 'GET /domain/zone/{zoneName}').sort(), [
      'GET /domain/zone/{zoneName}/capabilities',
      'GET /domain/zone/{zoneName}/option',
      'GET /domain/zone/{zoneName}/option/{name}',
      'GET /domain/zone/{zoneName}/option/{name}',
      'GET /domain/zone/{zoneName}/option/{name}/serviceInfos',
      'GET /domain/zone/{zoneName}/serviceInfos'
    ], 'one call each')

    const rest1 = await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-shop.com/serviceInfos')
    t.match(rest1, { statusCode: 200, body: { domain: 'demo-shop.com', renew: { automatic: true } } })
    t.same((await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-shop.com/options')).body, [])
    t.same((await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-archive.com/options')).body, [{ name: 'dnsAnycast' }])
    t.same((await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-archive.com/options/dnsAnycast')).body, { name: 'dnsAnycast' })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-shop.com/options/dnsAnycast'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match((await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-archive.com/options/dnsAnycast/serviceInfos')).body, { domain: 'demo-archive.com', possibleRenewPeriod: [12] })
    t.same((await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/demo-shop.com/capabilities')).body, { dynHost: true })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/not-mine.com/serviceInfos'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/dns/zones/not-mine.com/capabilities'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
  })

  t.test('the zone\'s renewal, checked before OVH, audited', async t => {
    const manual = await q('mutation { updateDnsZoneRenewal(zone: "demo-blog.net", input: { automatic: false }) { renewalType renew { automatic deleteAtExpiration period } } }')
    t.same(manual.body.data, { updateDnsZoneRenewal: { renewalType: 'manual', renew: { automatic: false, deleteAtExpiration: false, period: 12 } } })
    t.equal(zoneOf('demo-blog.net').service?.renew.automatic, false, 'stored in the sandbox')
    const put = await rest(ctx, operator.apiKey, 'PUT', '/v1/dns/zones/demo-blog.net/serviceInfos', { renew: { automatic: true, deleteAtExpiration: true } })
    t.match(put, { statusCode: 200, body: { renew: { automatic: true, deleteAtExpiration: true } } })

    const since = lastCallId(ctx.sandbox)
    t.match((await q('mutation { updateDnsZoneRenewal(zone: "demo-blog.net", input: { period: 24 }) { renewalType } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.period', message: /12/ }] } }])
    t.match((await q('mutation { updateDnsZoneRenewal(zone: "demo-blog.net", input: {}) { renewalType } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.match(await rest(ctx, operator.apiKey, 'PUT', '/v1/dns/zones/demo-blog.net/serviceInfos', { renew: { period: 36 } }), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.renew.period' }] } })
    t.match(await rest(ctx, operator.apiKey, 'PUT', '/v1/dns/zones/demo-blog.net/serviceInfos', { renew: { automatic: 'yes' } }), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.match((await graphql(ctx, viewer.apiKey, 'mutation { updateDnsZoneRenewal(zone: "demo-blog.net", input: { automatic: true }) { renewalType } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.match(await rest(ctx, viewer.apiKey, 'PUT', '/v1/dns/zones/demo-blog.net/serviceInfos', { renew: { automatic: true } }), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    t.notOk(callsSince(since).some(call => call.startsWith('PUT')), 'no refused change reached OVH')

    const deadline = Date.now() + 5000
    let operations: string[] = []
    while (Date.now() < deadline) {
      operations = (await ctx.db.auditEntry.findMany({ where: { tenantId: operator.tenant.id } })).map(entry => entry.operation)
      if (operations.filter(operation => operation === 'ovh PUT /domain/zone/{zoneName}/serviceInfos').length >= 2) break
      await new Promise(resolve => setTimeout(resolve, 20))
    }
    t.equal(operations.filter(operation => operation === 'ovh PUT /domain/zone/{zoneName}/serviceInfos').length, 2, 'each change is in the audit trail')
  })

  t.test('an option\'s renewal', async t => {
    const ended = await q('mutation { updateDnsZoneOptionRenewal(zone: "demo-archive.com", option: "dnsAnycast", input: { deleteAtExpiration: true }) { renew { automatic deleteAtExpiration } } }')
    t.same(ended.body.data, { updateDnsZoneOptionRenewal: { renew: { automatic: true, deleteAtExpiration: true } } })
    t.equal(zoneOf('demo-archive.com').optionServices?.dnsAnycast.renew.deleteAtExpiration, true)
    t.match(await rest(ctx, operator.apiKey, 'PUT', '/v1/dns/zones/demo-archive.com/options/dnsAnycast/serviceInfos', { renew: { deleteAtExpiration: false } }), { statusCode: 200, body: { renew: { deleteAtExpiration: false } } })
    const since = lastCallId(ctx.sandbox)
    t.match((await q('mutation { updateDnsZoneOptionRenewal(zone: "demo-archive.com", option: "dns anycast", input: { automatic: true }) { renewalType } }')).body.errors,
      [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'option' }] } }])
    t.match(await rest(ctx, operator.apiKey, 'GET', '/v1/dns/zones/demo-archive.com/options/bad%20name'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.same(callsSince(since), [], 'a malformed option name never reaches OVH')
    t.match((await q('mutation { updateDnsZoneOptionRenewal(zone: "demo-shop.com", option: "dnsAnycast", input: { automatic: true }) { renewalType } }')).body.errors, [{ extensions: { code: 'NOT_FOUND' } }])
    t.match((await graphql(ctx, viewer.apiKey, 'mutation { updateDnsZoneOptionRenewal(zone: "demo-archive.com", option: "dnsAnycast", input: { automatic: true }) { renewalType } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  })
})

t.test('a user limited to a customer reaches only its own domains\' zones', async t => {
  const ctx = await build(t)
  const world = await customerWorld(ctx)
  const zones = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones ?? {})
  const own = world.aDomains.find(name => zones.includes(name))
  const other = [...world.bDomains, ...world.unowned].find(name => zones.includes(name))
  t.ok(own !== undefined && other !== undefined, 'zones on both sides')
  t.match(await rest(ctx, world.aUser.apiKey, 'GET', `/v1/dns/zones/${own!}/serviceInfos`), { statusCode: 200, body: { domain: own } })
  const since = lastCallId(ctx.sandbox)
  for (const path of ['serviceInfos', 'options', 'capabilities', 'options/dnsAnycast/serviceInfos']) {
    t.match(await rest(ctx, world.aUser.apiKey, 'GET', `/v1/dns/zones/${other!}/${path}`), { statusCode: 404 }, path)
  }
  t.match(await rest(ctx, world.aUser.apiKey, 'PUT', `/v1/dns/zones/${other!}/serviceInfos`, { renew: { automatic: false } }), { statusCode: 404 })
  t.equal((await graphql(ctx, world.aUser.apiKey, `{ dnsZone(name: "${other!}") { serviceInfos { domain } } }`)).body.data.dnsZone, null)
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.path.includes(other!)).map(call => call.path), [], 'no OVH call on the other customer\'s zone')
})
