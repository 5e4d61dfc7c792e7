// The mobile app's round trip (issue 4 item 7): a page of 50 domains with their expiry, owner email,
// pending tasks and record count costs a small, known number of upstream calls, asserted with the
// sandbox's call log: lists and batch reads for everything OVH can batch, and one record list per
// zone for the record count, which OVH cannot batch (docs/dns.md, "Reading zones costs").
// Domain.tasks stays bounded on accounts with many tasks (docs/tasks.md).
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

// Domain.tasks over a page of domains groups tasks by domain the cheaper way (batch reads of the
// account-wide list, or one list per domain), and refuses before spending more than
// MAX_GROUPING_CALLS: an account with many tasks never turns a page into a fan-out.
t.test('Domain.tasks stays bounded however many tasks the account has', async t => {
  const ctx = await build(t)
  const account = ctx.sandbox.demo.account
  const added = addDomains(ctx.sandbox, account, 60)
  for (let i = 0; i < 600; i++) createDomainTask(ctx.sandbox, { account, domain: added[i % added.length], function: 'DomainDnsUpdate' })
  const user = await seedUser(ctx)
  const state = ctx.sandbox.state.accounts[account]
  const run = async (query: string) => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, user.apiKey, query)
    const calls = ctx.sandbox.admin.calls({ since })
    return { answer, calls, count: (route: string) => calls.filter(call => call.route === route).length }
  }

  // 600 more pending tasks: batch reads rather than 100 lists (50 domains, 2 statuses).
  const pending = await run('{ domains(first: 50) { edges { node { name tasks(first: 5, filter: { status: [todo, doing] }) { totalCount } } } } }')
  t.notOk(pending.answer.body.errors)
  for (const edge of pending.answer.body.data.domains.edges) {
    const expected = Object.values(state.domainTasks).filter(task => task.domain === edge.node.name && (task.status === 'todo' || task.status === 'doing')).length
    t.equal(edge.node.tasks.totalCount, expected, edge.node.name)
  }
  // The seed's own pending tasks are there too: 602 in all, 13 batch reads.
  const reads = Math.ceil(Object.values(state.domainTasks).filter(task => task.status === 'todo' || task.status === 'doing').length / 50)
  t.equal(reads, 13)
  t.equal(pending.count('/me/task/domain'), 2, 'one account-wide list per status')
  t.equal(pending.count('/me/task/domain/{id}'), reads, 'the pending tasks in batch reads of 50')
  t.equal(pending.count('/domain/{serviceName}/task'), 0, 'no list per domain')
  t.equal(pending.calls.length, 2 + 2 + reads, 'the domain list and batch read, then the tasks')

  // Past MAX_GROUPING_CALLS either way (1100 tasks: 23 batch reads, or 50 lists): refused before any of them.
  for (let i = 0; i < 500; i++) createDomainTask(ctx.sandbox, { account, domain: added[i % added.length], function: 'DomainRenew' })
  const refused = await run('{ domains(first: 50) { edges { node { tasks(first: 5) { totalCount } } } } }')
  t.match(refused.answer.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.status', message: /filter by status/ }] } }])
  t.same(refused.calls.map(call => call.route), ['/domain', '/domain/{serviceName}', '/me/task/domain'], 'only the account-wide list was read')

  // Fewer domains: one list per domain is the cheaper way, and within the bound.
  const few = await run('{ domains(first: 10) { edges { node { name tasks(first: 5) { totalCount } } } } }')
  t.notOk(few.answer.body.errors)
  for (const edge of few.answer.body.data.domains.edges) {
    t.equal(edge.node.tasks.totalCount, Object.values(state.domainTasks).filter(task => task.domain === edge.node.name).length, edge.node.name)
  }
  t.equal(few.count('/domain/{serviceName}/task'), 10, 'one list per domain')
  t.ok(few.calls.length <= 2 + 1 + 10 + 1, `a small budget (${few.calls.length} calls)`)
})
