// Checkout idempotency: a replay returns the first result, another request with the key is a
// CONFLICT, concurrent requests with one key order once, a refused checkout can be retried, and a
// lost answer is recovered by finding the order OVH made instead of ordering again.
// One gateway serves the file: each group seeds its own user, and each test counts the orders and
// checkouts it makes. OVH's answers are lost by the sandbox's `lostAnswer` fault (carried out, then
// the connection is cut), so no test waits for a timeout, except the one about timeouts.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'

let counter = 0
const ctx = await build(t)

// A cart ready for checkout, made through the gateway's REST API.
async function readyCart (ctx: TestApp, user: SeededUser, configure = true): Promise<{ cartId: string, itemId: number, domain: string }> {
  const domain = `idem-${process.pid}-${++counter}.com`
  const cart = await rest(ctx, user.apiKey, 'POST', '/v1/carts', {})
  const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/domains`, { domain })
  if (configure) await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/items/${item.body.itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
  return { cartId: cart.body.cartId, itemId: item.body.itemId, domain }
}

async function checkout (ctx: TestApp, user: SeededUser, cartId: string, key: string | null, body: Record<string, unknown> = {}) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: `/v1/carts/${cartId}/checkout`,
    headers: { authorization: `Bearer ${user.apiKey}`, ...(key === null ? {} : { 'idempotency-key': key }) },
    payload: body
  })
  return { statusCode: response.statusCode, headers: response.headers, body: response.json() }
}

const checkouts = (ctx: TestApp, cartId: string) => ctx.sandbox.admin.calls().filter(call => call.method === 'POST' && call.path === `/order/cart/${cartId}/checkout`)
const ordersOf = (ctx: TestApp) => Object.keys(ctx.sandbox.state.orders?.accounts[ctx.sandbox.demo.account]?.orders ?? {}).length

t.test('replay, conflict and concurrent requests', async t => {
  const user = await seedUser(ctx, { role: 'operator' })

  t.test('a replay returns the first result and orders nothing', async t => {
    const { cartId } = await readyCart(ctx, user)
    const first = await checkout(ctx, user, cartId, 'key-replay')
    t.equal(first.statusCode, 201)
    t.equal(first.headers['idempotent-replayed'], 'false')
    const again = await checkout(ctx, user, cartId, 'key-replay')
    t.equal(again.statusCode, 200)
    t.equal(again.headers['idempotent-replayed'], 'true')
    t.same(again.body.order, first.body.order)
    t.equal(again.body.replayed, true)
    const viaGraphql = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { checkoutCart(cartId: $c, idempotencyKey: "key-replay") { replayed order { orderId } } }', { c: cartId })
    t.same(viaGraphql.body.data.checkoutCart, { replayed: true, order: { orderId: String(first.body.order.orderId) } }, 'one key across transports')
    t.equal(checkouts(ctx, cartId).length, 1)
  })

  t.test('a second key on a cart another key checked out never takes that order for its own', async t => {
    const { cartId } = await readyCart(ctx, user)
    const first = await checkout(ctx, user, cartId, 'key-owner')
    t.equal(first.statusCode, 201)
    const orders = ordersOf(ctx)
    const second = await checkout(ctx, user, cartId, 'key-latecomer')
    t.ok(second.statusCode >= 400 && second.statusCode < 500, 'OVH refuses a cart checked out already')
    // A retry of the refused key looks at what OVH did first: the cart is checked out, but not by it.
    const retried = await checkout(ctx, user, cartId, 'key-latecomer')
    t.equal(retried.statusCode, second.statusCode, 'refused again, not answered with the first key\'s order')
    t.not(retried.body.order?.orderId, first.body.order.orderId)
    t.equal(ordersOf(ctx), orders, 'no order made')
  })

  t.test('the same key with another request is a CONFLICT', async t => {
    const { cartId } = await readyCart(ctx, user)
    await checkout(ctx, user, cartId, 'key-conflict')
    const other = await readyCart(ctx, user)
    const conflict = await checkout(ctx, user, other.cartId, 'key-conflict')
    t.match(conflict, { statusCode: 409, body: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' } })
    t.equal((await checkout(ctx, user, cartId, 'key-conflict', { autoPayWithPreferredPaymentMethod: true })).statusCode, 409, 'other options are another request')
    const colleague = await seedUser(ctx, { role: 'operator', slug: user.tenant.slug })
    t.equal((await checkout(ctx, colleague, other.cartId, 'key-conflict')).statusCode, 404, 'the colleague does not own the cart')
    t.equal(checkouts(ctx, other.cartId).length, 0)
    t.match(await checkout(ctx, user, cartId, null), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'idempotencyKey' }] } })
    t.equal((await checkout(ctx, user, cartId, 'has spaces')).statusCode, 400)
  })

  t.test('two concurrent requests with one key order once', async t => {
    const { cartId } = await readyCart(ctx, user)
    // Slow OVH down so both requests are in flight together.
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, latencyMs: 300, times: 2 })
    const before = ordersOf(ctx)
    const answers = await Promise.all([1, 2, 3].map(() => checkout(ctx, user, cartId, 'key-concurrent')))
    t.same(answers.map(a => a.statusCode).sort(), [200, 200, 201], 'one ran, the others waited and replayed it')
    t.equal(new Set(answers.map(a => a.body.order.orderId)).size, 1, 'one order for all')
    t.equal(checkouts(ctx, cartId).length, 1, 'OVH saw one checkout')
    t.equal(ordersOf(ctx) - before, 1, 'OVH made one order')
  })
})

t.test('failures: a refusal can be retried, a lost answer is recovered, not repeated', async t => {
  const user = await seedUser(ctx, { role: 'operator' })

  t.test('OVH refused: nothing was ordered, the same key runs again once fixed', async t => {
    const { cartId, itemId } = await readyCart(ctx, user, false)
    const refused = await checkout(ctx, user, cartId, 'key-refused')
    t.match(refused, { statusCode: 422, body: { code: 'OVH_ERROR', ovh: { message: /OWNER_LEGAL_AGE/ } } })
    await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/items/${itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
    const retried = await checkout(ctx, user, cartId, 'key-refused')
    t.match(retried, { statusCode: 201, body: { replayed: false, order: { orderId: Number } } })
    const record = await ctx.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'key-refused' } })
    t.match(record, { state: 'succeeded', attempts: 2 })
  })

  t.test('OVH failed with a 500: the retry checks the cart first, then orders once', async t => {
    const { cartId } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, status: 500, times: 1 })
    const before = ordersOf(ctx)
    const failed = await checkout(ctx, user, cartId, 'key-500')
    t.match(failed, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' } })
    t.equal((await ctx.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'key-500' } })).state, 'unknown')
    const retried = await checkout(ctx, user, cartId, 'key-500')
    t.equal(retried.statusCode, 201)
    t.equal(ordersOf(ctx) - before, 1)
  })

  t.test('the answer was lost after OVH ordered: the retry finds that order', async t => {
    // The one test of a timeout: its own gateway, that gives up after 1.5 s.
    const ctx = await build(t, { env: { OVH_TIMEOUT_MS: '1500' } })
    const user = await seedUser(ctx, { role: 'operator' })
    const { cartId, domain } = await readyCart(ctx, user)
    // OVH makes the order, then its answer takes 2.5 s: the gateway gives up after 1.5 s.
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lateAnswerMs: 2500, times: 1 })
    const before = ordersOf(ctx)
    const lost = await checkout(ctx, user, cartId, 'key-lost')
    t.match(lost, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', kind: 'timeout', idempotency: 'unknown' } })
    t.equal(ordersOf(ctx) - before, 1, 'OVH did order')
    const recovered = await checkout(ctx, user, cartId, 'key-lost')
    t.equal(recovered.statusCode, 201)
    const made = Object.values(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders).find(order => order.cartId === cartId)!
    t.equal(recovered.body.order.orderId, made.orderId, 'the order OVH made')
    t.match(recovered.body.order.details, [{ domain }])
    t.equal(checkouts(ctx, cartId).length, 1, 'the retry did not check out again')
    t.equal(ordersOf(ctx) - before, 1)
    t.same((await checkout(ctx, user, cartId, 'key-lost')).body.order, recovered.body.order, 'and it is replayed from now on')
  })

  t.test('orderDomain after a lost checkout answer: the retry finds the order and pays it', async t => {
    const contact = { legalForm: 'individual', firstName: 'Lin', lastName: 'Lost', email: 'lin@example.com', phone: '+33.612345678', language: 'fr_FR', address: { line1: '3 rue X', city: 'Lyon', zip: '69001', country: 'FR' } }
    const send = () => ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'od-lost' }, payload: { ownerLegalAge: true, domain: 'od-lost.com', owner: { contact } } })
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', lostAnswer: true, times: 1 })
    const before = ordersOf(ctx)
    const contacts = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts).length
    const lost = await send()
    t.equal(lost.statusCode, 503)
    t.match(lost.json(), { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' })
    t.equal(ordersOf(ctx) - before, 1, 'OVH did order')
    const retried = await send()
    t.equal(retried.statusCode, 201)
    const made = Object.values(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders).at(-1)!
    t.match(retried.json(), { replayed: false, order: { orderId: made.orderId, status: 'checking' } }, 'the order OVH made, now paid')
    t.equal(ordersOf(ctx) - before, 1, 'one order')
    t.equal(checkouts(ctx, made.cartId).length, 1, 'one checkout')
    t.equal(Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts).length - contacts, 1, 'one contact')
  })
})

// OVH's answer to the checkout is lost after it ordered; its order list may lag behind, and its
// order lines add a DNS zone line per domain: the retries must find the order, never make another.
t.test('a lost checkout answer while OVH does not list the order yet', async t => {
  const user = await seedUser(ctx, { role: 'operator' })
  const accountOrders = () => ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders
  // Takes the newest order out of OVH's list (as a lagging list would), and gives back a way to restore it.
  const hideNewestOrder = () => {
    const id = Object.keys(accountOrders()).sort().at(-1)!
    const order = accountOrders()[id]
    const { [id]: _hidden, ...rest } = accountOrders()
    ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders = rest
    return { order, restore: () => { accountOrders()[id] = order } }
  }

  t.test('checkoutCart: the key stays unknown until the order shows, then the retry returns it', async t => {
    const { cartId, domain } = await readyCart(ctx, user)
    const summary = await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/summary`)
    t.same(summary.body.details.map((line: { domain: string }) => line.domain), [domain, domain], 'the domain line and its DNS zone line')
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lostAnswer: true, times: 1 })
    const before = ordersOf(ctx)
    t.equal((await checkout(ctx, user, cartId, 'lag-cart')).statusCode, 503)
    const { order, restore } = hideNewestOrder()
    const early = await checkout(ctx, user, cartId, 'lag-cart')
    t.match(early, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown', retryAfter: Number } })
    t.equal((await ctx.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'lag-cart' } })).state, 'unknown')
    restore()
    const found = await checkout(ctx, user, cartId, 'lag-cart')
    t.equal(found.statusCode, 201)
    t.equal(found.body.order.orderId, order.orderId)
    t.equal(checkouts(ctx, cartId).length, 1, 'one checkout')
    t.equal(ordersOf(ctx) - before, 1, 'one order')
  })

  t.test('checkoutCart: OVH purged the cart meanwhile; the order is found by its domains', async t => {
    const { cartId } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lostAnswer: true, times: 1 })
    const before = ordersOf(ctx)
    t.equal((await checkout(ctx, user, cartId, 'purged-cart')).statusCode, 503)
    const made = Object.values(accountOrders()).find(order => order.cartId === cartId)!
    delete ctx.sandbox.state.orders!.carts[cartId]
    const found = await checkout(ctx, user, cartId, 'purged-cart')
    t.match(found, { statusCode: 201, body: { order: { orderId: made.orderId } } })
    t.equal(checkouts(ctx, cartId).length, 1)
    t.equal(ordersOf(ctx) - before, 1)
  })

  t.test('a key marked failed after OVH ordered (a lost database write) still finds the order', async t => {
    const { cartId } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lostAnswer: true, times: 1 })
    const before = ordersOf(ctx)
    t.equal((await checkout(ctx, user, cartId, 'failed-after')).statusCode, 503)
    await ctx.db.idempotencyRecord.updateMany({ where: { key: 'failed-after' }, data: { state: 'failed' } })
    const retried = await checkout(ctx, user, cartId, 'failed-after')
    t.equal(retried.statusCode, 201)
    t.equal(checkouts(ctx, cartId).length, 1, 'no second checkout')
    t.equal(ordersOf(ctx) - before, 1, 'one order')
  })

  t.test('orderDomain: no new cart while the order is not listed; the retry then pays that order', async t => {
    const contact = { legalForm: 'individual', firstName: 'Lea', lastName: 'Lag', email: 'lea@example.com', phone: '+33.612345678', language: 'fr_FR', address: { line1: '3 rue X', city: 'Lyon', zip: '69001', country: 'FR' } }
    const domain = `od-lag-${process.pid}.com`
    const send = () => ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'od-lag' }, payload: { ownerLegalAge: true, domain, owner: { contact } } })
    const allCheckouts = () => ctx.sandbox.admin.calls().filter(call => call.method === 'POST' && /^\/order\/cart\/[^/]+\/checkout$/.test(call.path)).length
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', lostAnswer: true, times: 1 })
    const before = ordersOf(ctx)
    const checkoutsBefore = allCheckouts()
    t.equal((await send()).statusCode, 503)
    const { order, restore } = hideNewestOrder()
    t.equal(order.items[0].domain, domain)
    for (const attempt of [1, 2]) {
      const early = await send()
      t.match(early.json(), { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' }, `attempt ${attempt} while the order is not listed`)
    }
    t.equal(allCheckouts() - checkoutsBefore, 1, 'no second checkout while not listed')
    restore()
    const retried = await send()
    t.equal(retried.statusCode, 201)
    t.match(retried.json(), { order: { orderId: order.orderId, status: 'checking' } })
    t.equal(ordersOf(ctx) - before, 1, 'one order')
    t.equal(allCheckouts() - checkoutsBefore, 1, 'one checkout')
  })

  t.test('a purged cart and many orders since: unknown while not found, never a second order', async t => {
    const { cartId } = await readyCart(ctx, user)
    ctx.sandbox.admin.addFault({ method: 'POST', path: `/order/cart/${cartId}/checkout`, lostAnswer: true, times: 1 })
    t.equal((await checkout(ctx, user, cartId, 'crowd')).statusCode, 503)
    const { order, restore } = hideNewestOrder()
    delete ctx.sandbox.state.orders!.carts[cartId]
    const others: string[] = []
    for (let i = 0; i < 11; i++) {
      const other = await readyCart(ctx, user)
      t.equal((await checkout(ctx, user, other.cartId, `crowd-other-${i}`)).statusCode, 201)
      others.push(other.cartId)
    }
    // As if made elsewhere (OVH's control panel): orders the gateway has not recorded for a cart.
    await ctx.db.ovhCart.updateMany({ where: { cartId: { in: others } }, data: { orderId: null } })
    const before = ordersOf(ctx)
    const early = await checkout(ctx, user, cartId, 'crowd')
    t.match(early, { statusCode: 503, body: { code: 'UPSTREAM_UNAVAILABLE', idempotency: 'unknown' } }, 'more orders than it searches: it cannot say none')
    t.equal(ordersOf(ctx), before, 'no new order')
    restore()
    const found = await checkout(ctx, user, cartId, 'crowd')
    t.match(found, { statusCode: 201, body: { order: { orderId: order.orderId } } }, 'found among the oldest orders since the checkout')
    t.equal(checkouts(ctx, cartId).length, 1, 'one checkout')
  })
})

// orderDomain keeps the promises checkoutCart keeps: replays say so, another request with the key
// is a CONFLICT, and concurrent requests with one key place one order.
t.test('orderDomain: replay, conflict and concurrent requests', async t => {
  const user = await seedUser(ctx, { role: 'operator' })
  const contactId = Number(Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts)[0])
  const send = (key: string, payload: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload })
  const cartsMade = () => ctx.sandbox.admin.calls().filter(call => call.method === 'POST' && call.path === '/order/cart').length

  t.test('a replay says so in the Idempotent-Replayed header, across transports', async t => {
    const payload = { ownerLegalAge: true, domain: `od-replay-${process.pid}.com`, owner: { contactId } }
    const first = await send('od-replay', payload)
    t.equal(first.statusCode, 201)
    t.equal(first.headers['idempotent-replayed'], 'false')
    const again = await send('od-replay', payload)
    t.equal(again.statusCode, 200)
    t.equal(again.headers['idempotent-replayed'], 'true')
    t.equal(again.json().order.orderId, first.json().order.orderId)
    const viaGraphql = await graphql(ctx, user.apiKey, 'mutation ($i: OrderDomainInput!) { orderDomain(input: $i, idempotencyKey: "od-replay") { replayed order { orderId } } }', { i: { ...payload, owner: { contactId: String(contactId) } } })
    t.same(viaGraphql.body.data.orderDomain, { replayed: true, order: { orderId: String(first.json().order.orderId) } }, 'one key across transports')
  })

  t.test('the same key with another request is a CONFLICT and orders nothing', async t => {
    await send('od-conflict', { ownerLegalAge: true, domain: `od-conflict-${process.pid}.com`, owner: { contactId } })
    const orders = ordersOf(ctx)
    const carts = cartsMade()
    const other = await send('od-conflict', { ownerLegalAge: true, domain: `od-other-${process.pid}.com`, owner: { contactId } })
    t.match(other.json(), { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' })
    t.equal(other.statusCode, 409)
    const longer = await send('od-conflict', { ownerLegalAge: true, domain: `od-conflict-${process.pid}.com`, duration: 2, owner: { contactId } })
    t.equal(longer.statusCode, 409, 'another duration is another request')
    t.equal(ordersOf(ctx), orders, 'no order')
    t.equal(cartsMade(), carts, 'no cart')
  })

  t.test('three concurrent requests with one key place one order', async t => {
    // Slow OVH's checkout down so the three requests are in flight together.
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', latencyMs: 300, times: 3 })
    const orders = ordersOf(ctx)
    const carts = cartsMade()
    const payload = { ownerLegalAge: true, domain: `od-concurrent-${process.pid}.com`, owner: { contactId } }
    const answers = await Promise.all([1, 2, 3].map(() => send('od-concurrent', payload)))
    t.same(answers.map(a => a.statusCode).sort(), [200, 200, 201], 'one ran, the others waited and replayed it')
    t.equal(new Set(answers.map(a => a.json().order.orderId)).size, 1, 'one order for all')
    t.equal(ordersOf(ctx) - orders, 1, 'OVH made one order')
    t.equal(cartsMade() - carts, 1, 'one cart')
  })
})
