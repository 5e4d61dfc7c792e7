// A connection asked for its totalCount alone reads the list, not the objects of the page: what
// docs/dns.md and docs/domains.md say each costs, counted in the sandbox's call log.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

t.test('totalCount alone costs the list', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'viewer' })
  const records = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].zones!['demo-shop.com'].records).length
  const domains = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains).length
  const cost = async (query: string) => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, user.apiKey, query)
    t.equal(answer.body.errors, undefined, query)
    return { data: answer.body.data, calls: ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`) }
  }
  const ZONE = 'GET /domain/zone/{zoneName}'
  const LIST = 'GET /domain/zone/{zoneName}/record'
  const READ = 'GET /domain/zone/{zoneName}/record/{id}'

  // Twice each: the second run is graphql-jit's compiled query.
  for (const run of ['first', 'compiled']) {
    const total = await cost('{ dnsZone(name: "demo-shop.com") { records { totalCount } } }')
    t.same(total, { data: { dnsZone: { records: { totalCount: records } } }, calls: [ZONE, LIST] }, `${run}: the zone and its record list`)
    const both = await cost('{ dnsZone(name: "demo-shop.com") { recordCount records { ... on DnsRecordConnection { totalCount } } } }')
    t.same(both.calls, [ZONE, LIST], `${run}: recordCount shares the list`)
    const nodes = await cost('{ dnsZone(name: "demo-shop.com") { records(first: 5) { totalCount edges { node { id } } pageInfo { hasNextPage } } } }')
    t.same(nodes.calls, [ZONE, LIST, READ], `${run}: nodes add one batch read, once for edges and pageInfo`)
    t.equal(nodes.data.dnsZone.records.edges.length, 5)
    t.equal(nodes.data.dnsZone.records.pageInfo.hasNextPage, true)

    t.same(await cost('{ domains { totalCount } }'), { data: { domains: { totalCount: domains } }, calls: ['GET /domain'] }, `${run}: the domain list alone`)
    const page = await cost('{ domains(first: 3) { totalCount edges { node { name } } } }')
    t.same(page.calls, ['GET /domain', 'GET /domain/{serviceName}'], `${run}: the list and one batch read`)
  }
})
