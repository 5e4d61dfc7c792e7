// The mobile app's round trip: a page of 50 domains with their expiry and their zone's record count
// costs a small, known number of upstream calls (list + batch reads; record lists one per zone,
// which OVH cannot batch), asserted with the sandbox's call log.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { addDomains, addZones, lastCallId } from '../support/sandbox.js'

t.test('a page of 50 domains with expiry and record count', async t => {
  const ctx = await build(t)
  const account = ctx.sandbox.demo.account
  const added = addDomains(ctx.sandbox, account, 60)
  // Half of the bulk domains have a zone at OVH; the others use external name servers.
  const hosted = added.filter((_, index) => index % 2 === 0)
  addZones(ctx.sandbox, account, hosted)
  const user = await seedUser(ctx)

  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, `{
    domains(first: 50) {
      totalCount
      edges { node { name expirationDate dnsZone { recordCount } } }
    }
  }`)
  t.equal(answer.statusCode, 200)
  t.notOk(answer.body.errors)
  const nodes = answer.body.data.domains.edges.map((edge: any) => edge.node)
  t.equal(nodes.length, 50)
  const zones = ctx.sandbox.state.accounts[account].zones!
  for (const node of nodes) {
    const zone = zones[node.name]
    t.same(node.dnsZone, zone === undefined ? null : { recordCount: Object.keys(zone.records).length }, node.name)
  }
  const zonesOnPage = nodes.filter((node: any) => node.dnsZone !== null).length

  const calls = ctx.sandbox.admin.calls({ since })
  const byRoute = (route: string) => calls.filter(call => call.route === route)
  t.equal(byRoute('/domain').length, 1, 'the domain list')
  t.match(byRoute('/domain/{serviceName}'), [{ batchSize: 50 }], 'one batch read of the 50 domains')
  t.equal(byRoute('/domain/zone').length, 1, 'one zone list tells which domains have a zone')
  t.equal(byRoute('/domain/zone/{zoneName}/record').length, zonesOnPage, 'one record list per zone on the page, never per field or twice')
  t.equal(calls.length, 3 + zonesOnPage, `the whole budget: 3 + ${zonesOnPage} zones`)
  t.equal(byRoute('/domain/zone/{zoneName}').length, 0, 'counting needs no zone details')
})
