// End customers: managed by the tenant's admins, owning domains (given explicitly or by an order
// placed for them), and users limited to them who see and change only those domains.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest } from '../support/fixtures.js'
import { customerWorld } from '../support/customers.js'
import { fillMirror } from '../support/mirror.js'

t.test('customers', async t => {
  const ctx = await build(t)
  const world = await customerWorld(ctx)
  const { admin, aUser } = world

  t.test('admins manage customers, and every change is audited', async t => {
    const list = await rest(ctx, admin.apiKey, 'GET', '/v1/customers')
    t.same(list.body.items.map((c: { reference: string }) => c.reference), ['cust-a', 'cust-b'])
    t.same(list.body.items[0].domains, world.aDomains)
    const dup = await rest(ctx, admin.apiKey, 'POST', '/v1/customers', { reference: 'cust-a', name: 'Again', email: 'x@example.com' })
    t.equal(dup.statusCode, 409)
    const patched = await rest(ctx, admin.apiKey, 'PATCH', `/v1/customers/${world.b.id}`, { name: 'Bee' })
    t.equal(patched.body.name, 'Bee')
    const gql = await graphql(ctx, admin.apiKey, 'query ($id: ID!) { customer(id: $id) { reference domains } users { email customers } }', { id: world.a.id })
    t.same(gql.body.data.customer, { reference: 'cust-a', domains: world.aDomains })
    t.ok(gql.body.data.users.some((u: { customers: string[] | null }) => u.customers?.[0] === world.a.id))
    const bad = await rest(ctx, admin.apiKey, 'PUT', `/v1/customers/${world.a.id}/domains`, { domains: ['not a name'] })
    t.equal(bad.statusCode, 400)
    const audit = await rest(ctx, admin.apiKey, 'GET', '/v1/audit?limit=100')
    const operations = new Set(audit.body.items.map((entry: { operation: string }) => entry.operation))
    for (const operation of ['customer.create', 'customer.update', 'customer.domains.set', 'customer.keyuser.set', 'user.create']) t.ok(operations.has(operation), operation)
  })

  t.test('a limited user sees and changes only their customers\' domains', async t => {
    const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    const list = await graphql(ctx, aUser.apiKey, '{ domains(first: 100) { totalCount edges { node { name } } } }')
    t.same(list.body.data.domains.edges.map((e: { node: { name: string } }) => e.node.name).sort(), world.aDomains)
    t.equal((await rest(ctx, aUser.apiKey, 'GET', `/v1/domains/${world.aDomains[0]}`)).statusCode, 200)
    const mark = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
    for (const name of [world.bDomains[0], world.unowned[0]]) {
      t.equal((await rest(ctx, aUser.apiKey, 'GET', `/v1/domains/${name}`)).statusCode, 404)
      t.equal((await graphql(ctx, aUser.apiKey, `{ domain(name: "${name}") { name } }`)).body.data.domain, null)
      t.equal((await rest(ctx, aUser.apiKey, 'PUT', `/v1/domains/${name}/transfer-lock`, { locked: false })).statusCode, 404)
    }
    t.same(ctx.sandbox.admin.calls({ since: mark }), [], 'no OVH call for another customer\'s domain')
    t.ok(ctx.sandbox.admin.calls({ since }).length > 0)
    // Tasks: listed per domain of the customer, and reached by id only through them.
    const tasks = await rest(ctx, aUser.apiKey, 'GET', '/v1/tasks')
    t.equal(tasks.statusCode, 200)
    t.ok(tasks.body.items.every((task: { domain: string }) => world.aDomains.includes(task.domain)), 'only the customer\'s tasks')
    const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
    const taskOf = (domains: string[]) => Object.values(account.domainTasks).find(task => domains.includes(task.domain))
    const own = taskOf(world.aDomains)
    if (own) t.equal((await rest(ctx, aUser.apiKey, 'GET', `/v1/tasks/${own.id}`)).statusCode, 200)
    const foreign = taskOf(world.bDomains)
    if (foreign) t.equal((await rest(ctx, aUser.apiKey, 'GET', `/v1/tasks/${foreign.id}`)).statusCode, 404)
    // Management and account-wide objects are the reseller's.
    t.equal((await rest(ctx, aUser.apiKey, 'GET', '/v1/customers')).statusCode, 403)
    t.equal((await rest(ctx, aUser.apiKey, 'GET', '/v1/orders')).statusCode, 403)
  })

  t.test('a token narrows to customers and never widens', async t => {
    const token = await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { customers: ['cust-b'] })
    t.equal(token.statusCode, 201)
    t.same(token.body.customers, [world.b.id])
    const list = await graphql(ctx, token.body.token, '{ domains(first: 100) { edges { node { name } } } }')
    t.same(list.body.data.domains.edges.map((e: { node: { name: string } }) => e.node.name).sort(), world.bDomains)
    const wider = await rest(ctx, aUser.apiKey, 'POST', '/v1/tokens', { customers: ['cust-b'] })
    t.equal(wider.statusCode, 400)
  })

  t.test('an order placed for a customer gives it the domain', async t => {
    const unknown = await rest(ctx, admin.apiKey, 'POST', '/v1/orders/domain', { domain: 'fresh-for-a.com', ownerLegalAge: true, customer: 'nobody' })
    t.equal(unknown.statusCode, 400)
    const placed = await ctx.app.inject({
      method: 'POST',
      url: '/v1/orders/domain',
      headers: { authorization: `Bearer ${admin.apiKey}`, 'idempotency-key': `customer-order-${Date.now()}` },
      payload: { domain: 'fresh-for-a.com', ownerLegalAge: true, customer: 'cust-a' }
    })
    t.equal(placed.statusCode, 201, 'placed')
    const customer = await rest(ctx, admin.apiKey, 'GET', `/v1/customers/${world.a.id}`)
    t.ok(customer.body.domains.includes('fresh-for-a.com'))
  })
})

// With the portfolio mirror on, lists, counts and the export answer from the gateway's database:
// they follow the same customer limit, with no OVH call.
t.test('mirrored lists, counts and exports keep to the customer', async t => {
  const ctx = await build(t, { env: { MIRROR_READS: 'on' } })
  const world = await customerWorld(ctx)
  await fillMirror(ctx, { tenantId: world.admin.tenant.id, nic: ctx.sandbox.demo.account, consumerKey: world.admin.consumerKey! })
  const key = world.aUser.apiKey
  const since = ctx.sandbox.admin.calls().at(-1)?.id ?? 0
  const list = (await graphql(ctx, key, '{ domains(first: 100) { source totalCount edges { node { name } } } }')).body.data.domains
  t.equal(list.source, 'MIRROR')
  t.same(list.edges.map((e: { node: { name: string } }) => e.node.name).sort(), world.aDomains)
  const counts = await rest(ctx, key, 'GET', '/v1/domains/counts')
  t.equal(counts.statusCode, 200)
  t.equal(counts.body.total ?? counts.body.byTld.reduce((sum: number, c: { count: number }) => sum + c.count, 0), world.aDomains.length)
  const csv = await ctx.app.inject({ method: 'GET', url: '/v1/domains/export.csv', headers: { authorization: `Bearer ${key}` } })
  t.ok(world.aDomains.every(name => csv.body.includes(name)))
  t.notOk([...world.bDomains, ...world.unowned].some(name => csv.body.includes(name)), 'no other customer\'s domain in the export')
  t.equal((await graphql(ctx, key, `{ domain(name: "${world.bDomains[0]}") { name } }`)).body.data.domain, null)
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET' || [...world.bDomains, ...world.unowned].some(name => call.path.includes(name))), [])
})
