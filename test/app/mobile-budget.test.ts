// The mobile app's round trip (issue 4 item 7): a page of 50 domains with their expiry, owner email,
// pending tasks and record count costs a small, known number of upstream calls, asserted with the
// sandbox's call log: lists and batch reads for everything OVH can batch, and one record list per
// zone for the record count, which OVH cannot batch (README "DNS", "Reading zones costs").
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { addDomains, addZones, lastCallId } from '../support/sandbox.js'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'

t.test('a page of 50 domains with expiry, owner email, pending tasks and record count', async t => {
  const ctx = await build(t)
  const account = ctx.sandbox.demo.account
  const state = ctx.sandbox.state.accounts[account]
  const added = addDomains(ctx.sandbox, account, 60)
  // Half of the bulk domains have a zone at OVH; the others use external name servers.
  addZones(ctx.sandbox, account, added.filter((_, index) => index % 2 === 0))
  // Two owners over the page, and pending tasks on some domains.
  const owners = Object.keys(state.contacts).slice(0, 2)
  added.forEach((name, index) => { state.domains[name].contacts.owner = owners[index % 2] })
  for (const name of added.slice(0, 12)) createDomainTask(ctx.sandbox, { account, domain: name, function: 'DomainDnsUpdate' })
  const user = await seedUser(ctx)

  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, `{
    domains(first: 50) {
      totalCount
      edges { node {
        name
        expirationDate
        owner { email }
        tasks(first: 5, filter: { status: [todo, doing] }) { totalCount edges { node { id function status } } }
        dnsZone { recordCount }
      } }
    }
  }`)
  t.equal(answer.statusCode, 200)
  t.notOk(answer.body.errors)
  const nodes = answer.body.data.domains.edges.map((edge: any) => edge.node)
  t.equal(nodes.length, 50)
  const pending = (name: string) => Object.values(state.domainTasks).filter(task => task.domain === name && (task.status === 'todo' || task.status === 'doing')).length
  for (const node of nodes) {
    const domain = state.domains[node.name]
    const zone = state.zones![node.name]
    t.same({ ...node, tasks: node.tasks.totalCount }, {
      name: node.name,
      expirationDate: node.expirationDate,
      owner: { email: state.contacts[domain.contacts.owner].email },
      tasks: pending(node.name),
      dnsZone: zone === undefined ? null : { recordCount: Object.keys(zone.records).length }
    }, node.name)
  }
  t.ok(nodes.some((node: any) => node.tasks.totalCount > 0), 'some domains have pending tasks')
  const zonesOnPage = nodes.filter((node: any) => node.dnsZone !== null).length
  t.equal(zonesOnPage, 25)

  const calls = ctx.sandbox.admin.calls({ since })
  const byRoute = (route: string) => calls.filter(call => call.route === route)
  t.equal(byRoute('/domain').length, 1, 'the domain list')
  t.match(byRoute('/domain/{serviceName}'), [{ batchSize: 50 }], 'one batch read of the 50 domains (expiry)')
  t.match(byRoute('/domain/contact/{contactId}'), [{ batchSize: 2 }], 'one batch read of the distinct owners (email)')
  t.equal(byRoute('/me/task/domain').length, 2, 'one account-wide task list per pending status (todo, doing)')
  t.equal(byRoute('/me/task/domain/{id}').length, 1, 'one batch read of the pending tasks')
  t.equal(byRoute('/domain/zone').length, 1, 'one zone list tells which domains have a zone')
  t.equal(byRoute('/domain/zone/{zoneName}/record').length, zonesOnPage, 'one record list per zone on the page, never twice')
  t.equal(calls.length, 7 + zonesOnPage, `the whole budget: 7 calls + one per zone (${zonesOnPage})`)
  t.ok(calls.every(call => call.method === 'GET' && call.status === 200))
})
