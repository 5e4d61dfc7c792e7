// Recovery of lost checkout answers is scoped to the tenant's OVH endpoint and account (issue 11):
// another tenant on another endpoint that recorded the same cart and order ids does not hide this
// tenant's order, and a cart OVH purged or expired never lets the same key order again. The two
// endpoints are two sandboxes (the app's own and a standalone one), whose order ids collide.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { rest, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { seedUserOn } from '../support/other-endpoint.js'
import { startStandaloneSandbox } from '../support/sandbox.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { checkCredential, requestCredentialFor } from '../../src/admin/credentials.js'

let counter = 0
const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

async function readyCart (ctx: TestApp, user: SeededUser, domain = `recover-${process.pid}-${++counter}.com`): Promise<{ cartId: string, domain: string }> {
  const cart = await rest(ctx, user.apiKey, 'POST', '/v1/carts', {})
  const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/domains`, { domain })
  await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/items/${item.body.itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
  return { cartId: cart.body.cartId, domain }
}

async function checkout (ctx: TestApp, user: SeededUser, cartId: string, key: string) {
  const response = await ctx.app.inject({ method: 'POST', url: `/v1/carts/${cartId}/checkout`, headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload: {} })
  return { statusCode: response.statusCode, body: response.json() }
}

function orderDomain (ctx: TestApp, user: SeededUser, key: string, domain: string) {
  return ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload: { ownerLegalAge: true, domain } })
}

const ordersOf = (sandbox: Sandbox, domain?: string) => sandbox.admin.orders({ account: sandbox.demo.account }).filter(order => domain === undefined || order.domains.includes(domain))
const checkoutCalls = (sandbox: Sandbox) => sandbox.admin.calls().filter(call => call.method === 'POST' && /^\/order\/cart\/[^/]+\/checkout$/.test(call.path)).length
const cartsMade = (sandbox: Sandbox) => sandbox.admin.calls().filter(call => call.method === 'POST' && call.path === '/order/cart').length

// Takes the newest order of the demo account out of OVH's list (as a list lagging behind would).
function hideNewestOrder (sandbox: Sandbox) {
  const orders = sandbox.state.orders!.accounts[sandbox.demo.account].orders
  const id = Object.keys(orders).sort().at(-1)!
  const order = orders[id]
  delete orders[id]
  return { order, restore: () => { orders[id] = order } }
}

t.test('two tenants on two OVH endpoints with the same cart and order ids', async t => {
  const ctx = await build(t, { env: { OVH_TIMEOUT_MS: '1500' } })
  const other = await startStandaloneSandbox(t)
  const here = await seedUser(ctx, { role: 'operator' })
  const there = await seedUserOn(ctx, other)
  const endpointThere = other.baseUrl
  // The other tenant orders first: its endpoint hands out the order ids this one will get next.
  for (let i = 0; i < 3; i++) {
    const { cartId } = await readyCart(ctx, there)
    t.equal((await checkout(ctx, there, cartId, `there-${i}`)).statusCode, 201)
  }
  const recordedThere = (await ctx.db.ovhCart.findMany({ where: { tenantId: there.tenant.id, orderId: { not: null } } })).map(row => Number(row.orderId))
  t.equal(recordedThere.length, 3)

  t.test('a lost checkout answer: the retry finds this tenant\'s order though its id is recorded elsewhere', async t => {
    const { cartId } = await readyCart(ctx, here)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lateAnswerMs: 2500, times: 1 })
    const before = ordersOf(ctx.sandbox).length
    const lost = await checkout(ctx, here, cartId, 'collide-checkout')
    t.match(lost, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' } })
    await wait(1200)
    const made = ordersOf(ctx.sandbox).find(order => order.cartId === cartId)!
    t.ok(recordedThere.includes(made.orderId), `order ${made.orderId} has an id the other tenant recorded for its own cart`)
    const retried = await checkout(ctx, here, cartId, 'collide-checkout')
    t.match(retried, { statusCode: 201, body: { replayed: false, order: { orderId: made.orderId } } })
    t.equal(ordersOf(ctx.sandbox).length - before, 1, 'exactly one order')
    t.equal(ctx.sandbox.admin.calls().filter(call => call.path === `/order/cart/${cartId}/checkout` && call.method === 'POST').length, 1, 'one checkout')
    const rowThere = await ctx.db.ovhCart.findFirst({ where: { tenantId: there.tenant.id, orderId: BigInt(made.orderId) } })
    t.ok(rowThere, 'the other tenant\'s record of the same id is untouched')
  })

  t.test('a cart id recorded on both endpoints: each tenant reaches and checks out its own', async t => {
    const mine = await readyCart(ctx, here)
    // The other endpoint hands out the same cart id (OVH's ids are unique per endpoint only).
    const theirs = await readyCart(ctx, there)
    const carts = other.sandbox.state.orders!.carts
    carts[mine.cartId] = { ...carts[theirs.cartId], cartId: mine.cartId }
    delete carts[theirs.cartId]
    await ctx.db.ovhCart.update({ where: { ovhEndpoint_cartId: { ovhEndpoint: endpointThere, cartId: theirs.cartId } }, data: { cartId: mine.cartId } })
    const checkedOutThere = await checkout(ctx, there, mine.cartId, 'same-cart-there')
    t.equal(checkedOutThere.statusCode, 201)
    const checkedOutHere = await checkout(ctx, here, mine.cartId, 'same-cart-here')
    t.equal(checkedOutHere.statusCode, 201)
    t.same(checkedOutHere.body.order.details.map((line: { domain: string }) => line.domain)[0], mine.domain, 'this tenant\'s cart, on its endpoint')
    t.same(checkedOutThere.body.order.details.map((line: { domain: string }) => line.domain)[0], theirs.domain, 'the other\'s, on its own')
    const rows = await ctx.db.ovhCart.findMany({ where: { cartId: mine.cartId }, orderBy: { ovhEndpoint: 'asc' } })
    t.same(rows.map(row => [row.tenantId, Number(row.orderId)]).sort(), [
      [here.tenant.id, checkedOutHere.body.order.orderId],
      [there.tenant.id, checkedOutThere.body.order.orderId]
    ].sort(), 'one record per endpoint, each with its own order')
    const listed = await rest(ctx, here.apiKey, 'GET', '/v1/carts')
    t.equal(listed.body.items.filter((cart: { cartId: string }) => cart.cartId === mine.cartId).length, 1)
  })

  t.test('orderDomain: the lost order is found though its id is recorded elsewhere, even once OVH purged the cart', async t => {
    const domain = `collide-od-${process.pid}.com`
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', lateAnswerMs: 2500, times: 1 })
    const before = ordersOf(ctx.sandbox).length
    const lost = await orderDomain(ctx, here, 'collide-od', domain)
    t.equal(lost.statusCode, 503)
    await wait(1200)
    const made = ordersOf(ctx.sandbox, domain)
    t.equal(made.length, 1)
    t.ok((await ctx.db.ovhCart.count({ where: { tenantId: there.tenant.id, orderId: BigInt(made[0].orderId) } })) === 1, 'the other tenant recorded the same order id')
    // OVH purges the cart: only the order's domains can find it now.
    delete ctx.sandbox.state.orders!.carts[made[0].cartId]
    const carts = cartsMade(ctx.sandbox)
    const retried = await orderDomain(ctx, here, 'collide-od', domain)
    t.equal(retried.statusCode, 201)
    t.match(retried.json(), { replayed: false, orderId: made[0].orderId })
    t.equal(cartsMade(ctx.sandbox), carts, 'no new cart')
    t.same(ordersOf(ctx.sandbox, domain).map(order => [order.orderId, order.paid]), [[made[0].orderId, true]], 'one order, paid')
    t.equal(ordersOf(ctx.sandbox).length - before, 1)
  })
})

t.test('a cart purged or expired before the retry: the order is found, or the key stays unknown', async t => {
  const ctx = await build(t, { env: { OVH_TIMEOUT_MS: '1500' } })
  const user = await seedUser(ctx, { role: 'operator' })

  t.test('orderDomain: cart purged, order not listed: unknown with what is known, no second order', async t => {
    const domain = `purged-od-${process.pid}.com`
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', lateAnswerMs: 2500, times: 1 })
    const checkoutsBefore = checkoutCalls(ctx.sandbox)
    t.equal((await orderDomain(ctx, user, 'purged-od', domain)).statusCode, 503)
    await wait(1200)
    const { order, restore } = hideNewestOrder(ctx.sandbox)
    t.same(order.items.map(item => item.domain), [domain])
    delete ctx.sandbox.state.orders!.carts[order.cartId]
    const carts = cartsMade(ctx.sandbox)
    for (const attempt of [1, 2]) {
      const early = await orderDomain(ctx, user, 'purged-od', domain)
      t.equal(early.statusCode, 503, `attempt ${attempt}`)
      t.match(early.json(), { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown', reason: 'ORDER_OUTCOME_UNKNOWN', known: { cartId: order.cartId, domains: [domain], checkoutStartedAt: String } })
    }
    t.equal((await ctx.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'purged-od' } })).state, 'unknown')
    t.equal(cartsMade(ctx.sandbox), carts, 'no new cart')
    t.equal(checkoutCalls(ctx.sandbox) - checkoutsBefore, 1, 'no second checkout')
    t.equal(ordersOf(ctx.sandbox, domain).length, 0, 'OVH lists nothing yet')
    restore()
    const found = await orderDomain(ctx, user, 'purged-od', domain)
    t.equal(found.statusCode, 201)
    t.match(found.json(), { orderId: order.orderId })
    t.same(ordersOf(ctx.sandbox, domain).map(made => [made.orderId, made.paid]), [[order.orderId, true]], 'exactly one order, the first, now paid')
  })

  // The faults bench (5xx phase): a retry found the cart of a refused checkout not checked out,
  // deleted it, and its new cart was refused; the key still pointed at the deleted cart with its
  // checkout mark, so every later retry saw "cart gone, may have ordered" and stayed unknown.
  t.test('orderDomain: a 5xx checkout, then a retry whose new cart fails: the next retry orders once', async t => {
    const domain = `recart-od-${process.pid}.com`
    const checkoutsBefore = checkoutCalls(ctx.sandbox)
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', status: 503, times: 1 })
    const first = await orderDomain(ctx, user, 'recart-od', domain)
    t.equal(first.statusCode, 503)
    t.match(first.json(), { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' })
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart', status: 500, times: 1 })
    const second = await orderDomain(ctx, user, 'recart-od', domain)
    t.ok(second.statusCode >= 500, `the new cart is refused (${second.statusCode})`)
    const third = await orderDomain(ctx, user, 'recart-od', domain)
    t.equal(third.statusCode, 201, JSON.stringify(third.json()))
    t.equal((await ctx.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'recart-od' } })).state, 'succeeded')
    t.equal(checkoutCalls(ctx.sandbox) - checkoutsBefore, 2, 'the refused checkout and one more')
    t.equal(ordersOf(ctx.sandbox, domain).length, 1, 'exactly one order')
  })

  t.test('checkoutCart: the cart expires at OVH before the retry; unknown while not listed, then found', async t => {
    const { cartId, domain } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lateAnswerMs: 2500, times: 1 })
    t.equal((await checkout(ctx, user, cartId, 'expired-cart')).statusCode, 503)
    await wait(1200)
    const { order, restore } = hideNewestOrder(ctx.sandbox)
    // A day and more later, OVH has purged the cart.
    ctx.sandbox.admin.advanceClock({ seconds: 25 * 3600 })
    const early = await checkout(ctx, user, cartId, 'expired-cart')
    t.match(early, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown', reason: 'ORDER_OUTCOME_UNKNOWN', known: { cartId, domains: [domain] } } })
    t.equal(ordersOf(ctx.sandbox, domain).length, 0)
    restore()
    const found = await checkout(ctx, user, cartId, 'expired-cart')
    t.match(found, { statusCode: 201, body: { order: { orderId: order.orderId } } })
    t.equal(ctx.sandbox.admin.orders().filter(made => made.domains.includes(domain)).length, 1, 'exactly one order')
  })

  t.test('a key whose order was lost, retried once the user\'s consumer key acts for another OVH account', async t => {
    const { cartId } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lateAnswerMs: 2500, times: 1 })
    t.equal((await checkout(ctx, user, cartId, 'other-account')).statusCode, 503)
    await wait(1200)
    // The user approves a new consumer key while logged in to another OVH account.
    const { nic } = ctx.sandbox.admin.createAccount({ seed: 'empty' })
    const pending = await requestCredentialFor(ctx.admin, user.tenant, user.user)
    ctx.sandbox.admin.validateCredential({ consumerKey: ctx.admin.stores.credentials.consumerKey(pending), account: nic })
    t.match(await checkCredential(ctx.admin, pending, user.tenant), { state: 'validated', ovhAccount: nic.toLowerCase() })
    const before = ctx.sandbox.admin.orders().length
    const retried = await checkout(ctx, user, cartId, 'other-account')
    t.match(retried, { statusCode: 409, body: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_OTHER_ACCOUNT', idempotency: 'unknown', ovhEndpoint: 'sandbox', ovhAccount: ctx.sandbox.demo.account.toLowerCase() } })
    t.equal(ctx.sandbox.admin.orders().length, before, 'nothing looked for or ordered in the other account')
  })
})
