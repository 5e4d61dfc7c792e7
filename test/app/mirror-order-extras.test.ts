// Orders' lines and bills from the portfolio mirror: after a sync, Order.bill (GraphQL) and the REST
// order's billId, the orders list's domain filter and the orders CSV answer with no OVH call for
// what the mirror holds; `live` reads OVH and answers the same; an order the sync has not read the
// lines of is read from OVH, its cost reserved as before.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest } from '../support/fixtures.js'
import { seedSyncKey } from '../support/mirror.js'
import { lastCallId } from '../support/sandbox.js'
import { createOrder, markPaid } from '../../src/sandbox/model/orders.js'
import type { CartItemState } from '../../src/sandbox/state/order-types.js'

const DAY = 86_400_000
const ACCOUNT = 'demo-ovh'

// An order made `age` ms ago at OVH registering `domain`, paid (and so billed) or not.
function orderOf (ctx: TestApp, domain: string, age: number, paid: boolean): number {
  const account = ctx.sandbox.state.accounts[ACCOUNT]
  const item: CartItemState = { itemId: Math.floor(Math.random() * 1e9), action: 'create', domain, planCode: 'com', pricingMode: 'create-default', duration: 'P1Y', quantity: 1, priceCents: 999, renewCents: 999, configurations: [] }
  const cart = { cartId: `cart-${Math.random()}`, currency: 'EUR', ovhSubsidiary: 'FR', items: [item], readOnly: false, orderId: null }
  const order = createOrder(ctx.sandbox, cart as unknown as Parameters<typeof createOrder>[1], account, ctx.sandbox.clock.now() - age)
  if (paid) markPaid(ctx.sandbox, order, { paymentMean: 'fidelityAccount', paymentMethodId: null, at: ctx.sandbox.clock.now() })
  return order.orderId
}

const callsSince = (ctx: TestApp, since: number) => ctx.sandbox.admin.calls({ since }).filter(call => call.route !== '/auth/time').map(call => `${call.method} ${call.route}`)

t.test('lines and bills of mirrored orders', async t => {
  const ctx = await build(t, { env: { MIRROR_READS: 'on', MIRROR_MAX_AGE_SECONDS: '300', WORKERS: 'off' } })
  const setup = await seedSyncKey(ctx)
  const paid = orderOf(ctx, 'mirror-paid.com', 3 * DAY, true)
  const unpaid = orderOf(ctx, 'mirror-unpaid.com', 2 * DAY, false)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const row = await ctx.db.mirrorOrder.findFirst({ where: { id: BigInt(paid) } })
  t.ok(row?.billId, 'the sync found the paid order\'s bill')
  t.match(row?.lines, [{ domain: 'mirror-paid.com' }, { domain: 'mirror-paid.com' }], 'and its lines (the domain\'s and its zone\'s)')
  t.equal((await ctx.db.mirrorOrder.findFirst({ where: { id: BigInt(unpaid) } }))?.billId, null, 'an unpaid order has none')
  const from = new Date(Date.now() - 30 * DAY).toISOString()

  t.test('Order.bill and billId: no call for the bill link', async t => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, setup.apiKey, `{ a: order(orderId: "${paid}") { orderId source bill { billId } } b: order(orderId: "${unpaid}") { bill { billId } } }`)
    t.equal(answer.body.errors, undefined)
    t.same(answer.body.data.a, { orderId: String(paid), source: 'MIRROR', bill: { billId: row!.billId } })
    t.equal(answer.body.data.b.bill, null)
    // The bill itself (its amounts) is OVH's, read by id; finding it cost nothing.
    t.same(callsSince(ctx, since), ['GET /me/bill/{billId}'], 'no GET /me/bill?orderId=')
    const before = lastCallId(ctx.sandbox)
    const one = await rest(ctx, setup.apiKey, 'GET', `/v1/orders/${paid}`)
    t.equal(one.body.billId, row!.billId)
    t.notOk(callsSince(ctx, before).some(call => call.startsWith('GET /me/order/{orderId}/details') || call === 'GET /me/bill'), 'lines and bill from the mirror')
  })

  t.test('the domain filter from the mirror\'s lines', async t => {
    const since = lastCallId(ctx.sandbox)
    const list = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?domain=mirror-paid.com&from=${encodeURIComponent(from)}`)
    t.equal(list.headers['x-data-source'], 'mirror')
    t.same(list.body.items.map((order: { orderId: number }) => order.orderId), [paid])
    t.same(callsSince(ctx, since), [], 'no OVH call')
    const live = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?domain=mirror-paid.com&from=${encodeURIComponent(from)}&live=true`)
    t.same(live.body.items.map((order: { orderId: number }) => order.orderId), [paid], 'live answers the same')
    t.ok(callsSince(ctx, since).includes('GET /me/order/{orderId}/details'), 'read from OVH')
  })

  const csvOf = async (url: string) => {
    const answer = await ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${setup.apiKey}` } })
    return { statusCode: answer.statusCode, headers: answer.headers, body: answer.body }
  }

  t.test('the orders CSV from the mirror', async t => {
    const since = lastCallId(ctx.sandbox)
    const csv = await csvOf(`/v1/orders/export.csv?from=${encodeURIComponent(from)}`)
    t.equal(csv.statusCode, 200)
    t.equal(csv.headers['x-data-source'], 'mirror')
    t.same(callsSince(ctx, since), [], 'no OVH call')
    const live = await csvOf(`/v1/orders/export.csv?from=${encodeURIComponent(from)}&live=true`)
    t.equal(live.headers['x-data-source'], 'live')
    t.equal(live.body, csv.body, 'the same file as from OVH')
    t.match(csv.body, new RegExp(`${paid},[^\\r\\n]*,checking,,mirror-paid\\.com,9\\.99`))
  })

  t.test('an order whose lines the sync has not read: read from OVH', async t => {
    await ctx.db.$executeRaw`UPDATE "MirrorOrder" SET "lines" = NULL WHERE "id" = ${BigInt(paid)}`
    const since = lastCallId(ctx.sandbox)
    const list = await rest(ctx, setup.apiKey, 'GET', `/v1/orders?domain=mirror-paid.com&from=${encodeURIComponent(from)}`)
    t.same(list.body.items.map((order: { orderId: number }) => order.orderId), [paid])
    t.same(callsSince(ctx, since).sort(), ['GET /me/order/{orderId}/details', 'GET /me/order/{orderId}/details/{orderDetailId}'])
  })
})
