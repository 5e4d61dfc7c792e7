// Task and order reads from the portfolio mirror, after a real first sync against the sandbox over
// HTTP: no OVH call, the live answers' shapes, the consumer key's access rules, live fallbacks
// (unknown ids, ranges outside the mirrored window, MIRROR_READS=off) and reads after a write.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest } from '../support/fixtures.js'
import { recordRefreshes, seedSyncKey } from '../support/mirror.js'
import { lastCallId } from '../support/sandbox.js'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'
import { createOrder } from '../../src/sandbox/model/orders.js'
import type { Teardown } from '../support/database.js'

const DAY = 86_400_000
const ACCOUNT = 'demo-ovh'

// An order made `age` ms ago at OVH, with no lines (the reads here do not look at them).
function orderAt (ctx: TestApp, age: number): number {
  const account = ctx.sandbox.state.accounts[ACCOUNT]
  const cart = { cartId: `cart-${Math.random()}`, currency: 'EUR', ovhSubsidiary: 'FR', items: [], readOnly: false, orderId: null }
  const order = createOrder(ctx.sandbox, cart as unknown as Parameters<typeof createOrder>[1], account, ctx.sandbox.clock.now() - age)
  return order.orderId
}

async function synced (t: Teardown, reads: 'on' | 'off' = 'on') {
  const ctx = await build(t, { env: { MIRROR_READS: reads, MIRROR_MAX_AGE_SECONDS: '300', WORKERS: 'off' } })
  const setup = await seedSyncKey(ctx)
  const task = createDomainTask(ctx.sandbox, { account: ACCOUNT, domain: 'demo-shop.com', function: 'DomainRenew' })
  const recent = orderAt(ctx, 5 * DAY)
  const old = orderAt(ctx, 200 * DAY)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  return { ctx, setup, task, recent, old }
}

const callsSince = (ctx: TestApp, since: number) => ctx.sandbox.admin.calls({ since }).filter(call => call.route !== '/auth/time')

t.test('after a first sync, task reads answer from the mirror with no OVH call, in the live shapes', async t => {
  const { ctx, setup, task } = await synced(t)
  t.ok(await ctx.db.mirrorTask.count({ where: { id: BigInt(task.id) } }), 'the sync mirrored the task')
  const since = lastCallId(ctx.sandbox)
  const list = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks?first=5')
  t.equal(list.statusCode, 200)
  t.equal(list.headers['x-data-source'], 'mirror')
  t.ok(list.body.items.length > 0)
  t.ok(list.body.items.every((item: { source: string }) => item.source === 'MIRROR'))
  const one = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${task.id}`)
  t.equal(one.headers['x-data-source'], 'mirror')
  t.match(one.body, { id: task.id, domain: 'demo-shop.com', function: 'DomainRenew', status: 'todo', canCancel: Boolean, source: 'MIRROR' })
  const filtered = await rest(ctx, setup.apiKey, 'GET', '/v1/domains/demo-shop.com/tasks?status=todo,doing&function=DomainRenew')
  t.ok(filtered.body.items.some((item: { id: number }) => item.id === task.id), 'filters applied in SQL')
  t.ok(filtered.body.items.every((item: { domain: string, status: string }) => item.domain === 'demo-shop.com' && ['todo', 'doing'].includes(item.status)))
  const none = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks?status=cancelled&domain=demo-shop.com')
  t.same(none.body.items, [])
  const gql = await graphql(ctx, setup.apiKey, `{ domainTasks(first: 2) { totalCount source edges { cursor node { id status source syncedAt } } }
    domainTask(id: "${task.id}") { id status function source } }`)
  t.same(gql.body.errors, undefined)
  t.equal(gql.body.data.domainTasks.source, 'MIRROR')
  t.equal(gql.body.data.domainTask.source, 'MIRROR')
  const nested = await graphql(ctx, setup.apiKey, `{ domains(first: 100) { edges { node { name tasks(first: 5, filter: { status: [todo] }) {
    source edges { node { id domain status source } } } } } } }`)
  t.same(nested.body.errors, undefined)
  const shop = nested.body.data.domains.edges.find((edge: { node: { name: string } }) => edge.node.name === 'demo-shop.com').node
  t.equal(shop.tasks.source, 'MIRROR')
  t.ok(shop.tasks.edges.some((edge: { node: { id: string } }) => edge.node.id === String(task.id)), 'Domain.tasks from the mirror')
  t.same(callsSince(ctx, since), [], 'no OVH call')

  // The same reads live: the same shapes and cursors.
  const live = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks?first=5&live=true')
  t.equal(live.headers['x-data-source'], 'live')
  const strip = (items: Array<Record<string, unknown>>) => items.map(({ source: _s, syncedAt: _a, ...rest }) => rest)
  t.same(strip(live.body.items), strip(list.body.items), 'same tasks, same fields')
  t.same(live.body.pageInfo, list.body.pageInfo, 'same cursors')
  t.equal(live.body.totalCount, list.body.totalCount)
})

t.test('a task the mirror does not hold is read live, and kept', async t => {
  const { ctx, setup } = await synced(t)
  const late = createDomainTask(ctx.sandbox, { account: ACCOUNT, domain: 'demo-shop.com', function: 'DomainLock' })
  const since = lastCallId(ctx.sandbox)
  const first = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${late.id}`)
  t.equal(first.statusCode, 200)
  t.equal(first.headers['x-data-source'], 'live')
  t.ok(callsSince(ctx, since).length > 0, 'read from OVH')
  const again = lastCallId(ctx.sandbox)
  const second = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${late.id}`)
  t.equal(second.headers['x-data-source'], 'mirror', 'kept')
  t.same(callsSince(ctx, again), [])
  const missing = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks/1')
  t.equal(missing.statusCode, 404)
})

t.test('a task action followed by a read shows the new status', async t => {
  const { ctx, setup, task } = await synced(t)
  const cancelled = await rest(ctx, setup.apiKey, 'POST', `/v1/tasks/${task.id}/cancel`)
  t.equal(cancelled.statusCode, 200)
  t.equal(cancelled.body.status, 'cancelled')
  const since = lastCallId(ctx.sandbox)
  const read = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${task.id}`)
  t.match(read.body, { status: 'cancelled', source: 'MIRROR' })
  const list = await rest(ctx, setup.apiKey, 'GET', '/v1/domains/demo-shop.com/tasks?status=cancelled')
  t.ok(list.body.items.some((item: { id: number }) => item.id === task.id))
  t.same(callsSince(ctx, since), [])
})

t.test('a key limited by access rules sees the tasks of its domains only', async t => {
  const { ctx, setup, task } = await synced(t)
  const other = createDomainTask(ctx.sandbox, { account: ACCOUNT, domain: 'demo-tea.co.uk', function: 'DomainRenew' })
  // Created after the sync: read once with the full key, which keeps it in the mirror.
  t.equal((await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${other.id}`)).headers['x-data-source'], 'live')
  const rules = [{ method: 'GET', path: '/domain/demo-tea.co.uk/*' }, { method: 'GET', path: '/me' }]
  await ctx.db.ovhCredential.update({ where: { id: setup.credential!.id }, data: { accessRules: rules } })
  ctx.sandbox.state.credentials[setup.consumerKey!].rules = rules.map(rule => ({ ...rule, method: 'GET' as const }))
  const since = lastCallId(ctx.sandbox)
  const list = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks?first=100')
  t.equal(list.headers['x-data-source'], 'mirror')
  t.ok(list.body.items.some((item: { id: number }) => item.id === other.id))
  t.ok(list.body.items.every((item: { domain: string }) => item.domain === 'demo-tea.co.uk'), 'only its domain\'s tasks')
  t.notOk(list.body.items.some((item: { id: number }) => item.id === task.id))
  const forbidden = await rest(ctx, setup.apiKey, 'GET', '/v1/domains/demo-shop.com/tasks')
  t.equal(forbidden.statusCode, 403)
  t.same(callsSince(ctx, since), [], 'no OVH call')
  const visible = await rest(ctx, setup.apiKey, 'GET', `/v1/domains/demo-tea.co.uk/tasks/${other.id}`)
  t.match(visible.body, { id: other.id, source: 'MIRROR' })
  // Not shown by the mirror: read live, where OVH refuses it as it would without the gateway.
  const hidden = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${task.id}`)
  t.not(hidden.statusCode, 200)
})

t.test('after a first sync, order reads inside the window answer from the mirror', async t => {
  const { ctx, setup, recent, old } = await synced(t)
  const from = new Date(Date.now() - 30 * DAY).toISOString()
  const since = lastCallId(ctx.sandbox)
  const list = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?from=${encodeURIComponent(from)}`)
  t.equal(list.statusCode, 200)
  t.equal(list.headers['x-data-source'], 'mirror')
  t.ok(list.body.items.some((order: { orderId: number }) => order.orderId === recent))
  t.notOk(list.body.items.some((order: { orderId: number }) => order.orderId === old))
  const status = await rest(ctx, setup.apiKey, 'GET', `/v1/orders/${recent}/status`)
  t.same(status.body, { orderId: recent, status: 'notPaid' })
  t.equal(status.headers['x-data-source'], 'mirror')
  const gql = await graphql(ctx, setup.apiKey, `{ orders(filter: { from: "${from}" }) { totalCount source edges { node { orderId status source } } }
    order(orderId: "${recent}") { orderId date status source syncedAt } }`)
  t.same(gql.body.errors, undefined)
  t.equal(gql.body.data.orders.source, 'MIRROR')
  t.match(gql.body.data.order, { orderId: String(recent), status: 'notPaid', source: 'MIRROR' })
  t.same(callsSince(ctx, since), [], 'no OVH call')

  const live = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?from=${encodeURIComponent(from)}&live=true`)
  t.equal(live.headers['x-data-source'], 'live')
  t.same(live.body, list.body, 'the same answer as OVH\'s')
})

t.test('orders outside the window, unknown orders and reads off go live', async t => {
  const { ctx, setup, old } = await synced(t)
  const since = lastCallId(ctx.sandbox)
  const all = await rest(ctx, setup.apiKey, 'GET', '/v1/orders')
  t.equal(all.headers['x-data-source'], 'live', 'no start: all time, more than the mirror holds')
  t.ok(all.body.items.some((order: { orderId: number }) => order.orderId === old))
  const older = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?from=${encodeURIComponent(new Date(Date.now() - 365 * DAY).toISOString())}`)
  t.equal(older.headers['x-data-source'], 'live')
  const one = await graphql(ctx, setup.apiKey, `{ order(orderId: "${old}") { orderId source } }`)
  t.match(one.body.data.order, { orderId: String(old), source: 'LIVE' })
  t.ok(callsSince(ctx, since).length > 0)

  const off = await synced(t, 'off')
  const before = lastCallId(off.ctx.sandbox)
  const task = await rest(off.ctx, off.setup.apiKey, 'GET', `/v1/tasks/${off.task.id}`)
  t.equal(task.headers['x-data-source'], 'live')
  const order = await rest(off.ctx, off.setup.apiKey, 'GET', `/v1/orders/${off.recent}/status`)
  t.equal(order.headers['x-data-source'], 'live')
  t.ok(callsSince(off.ctx, before).length >= 2, 'MIRROR_READS=off: OVH answers')
})

t.test('an order key limited by access rules: orders it may not read are not shown', async t => {
  const { ctx, setup, recent } = await synced(t)
  const rules = [{ method: 'GET', path: '/me' }, { method: 'GET', path: '/domain/*' }]
  await ctx.db.ovhCredential.update({ where: { id: setup.credential!.id }, data: { accessRules: rules } })
  ctx.sandbox.state.credentials[setup.consumerKey!].rules = rules.map(rule => ({ ...rule, method: 'GET' as const }))
  const answer = await rest(ctx, setup.apiKey, 'GET', `/v1/orders/${recent}/status`)
  t.not(answer.statusCode, 200, 'read live, and refused as OVH refuses it')
})

t.test('a payment followed by a status read shows the new status', async t => {
  const { ctx, setup, recent } = await synced(t)
  const paid = await rest(ctx, setup.apiKey, 'POST', `/v1/orders/${recent}/pay`)
  t.equal(paid.statusCode, 200)
  t.not(paid.body.status, 'notPaid')
  const since = lastCallId(ctx.sandbox)
  const status = await rest(ctx, setup.apiKey, 'GET', `/v1/orders/${recent}/status`)
  t.equal(status.headers['x-data-source'], 'mirror')
  t.same(status.body, { orderId: recent, status: paid.body.status })
  t.same(callsSince(ctx, since), [])
})

t.test('tasks and orders older than maxAge are answered, and their refresh queued', async t => {
  const { ctx, setup, task, recent } = await synced(t)
  const refreshes = recordRefreshes(ctx)
  const old = new Date(Date.now() - 3_600_000)
  await ctx.db.mirrorTask.updateMany({ where: { id: BigInt(task.id) }, data: { syncedAt: old } })
  await ctx.db.mirrorOrder.updateMany({ where: { id: BigInt(recent) }, data: { syncedAt: old } })
  const since = lastCallId(ctx.sandbox)
  const one = await rest(ctx, setup.apiKey, 'GET', `/v1/tasks/${task.id}?maxAge=60`)
  t.equal(one.headers['x-data-source'], 'mirror')
  t.ok(Number(one.headers.age) >= 3600, 'Age: seconds since OVH said it')
  const order = await graphql(ctx, setup.apiKey, `{ order(orderId: "${recent}", maxAge: 60) { orderId source syncedAt } }`)
  t.match(order.body.data.order, { source: 'MIRROR', syncedAt: old.toISOString() })
  t.same(callsSince(ctx, since), [], 'no OVH call')
  t.match(refreshes, [{ targets: { tasks: [String(task.id)] }, reason: 'stale' }, { targets: { orders: [String(recent)] }, reason: 'stale' }])
})

t.test('until an activity run has read every task and order, their lists are read from OVH', async t => {
  const { ctx, setup } = await synced(t)
  await ctx.db.mirrorAccount.updateMany({ where: { tenantId: setup.tenant.id }, data: { lastActivityAt: null } })
  const tasks = await rest(ctx, setup.apiKey, 'GET', '/v1/tasks')
  t.equal(tasks.headers['x-data-source'], 'live')
  const orders = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?from=${encodeURIComponent(new Date(Date.now() - DAY).toISOString())}`)
  t.equal(orders.headers['x-data-source'], 'live')
})
