// One open order per domain and tenant (issue 11): concurrent orders of one domain with different
// idempotency keys, through two gateway instances on one database, make one order and CONFLICTs
// naming it; allowDuplicate orders again on purpose; a delivered order, or an attempt refused before
// ordering, frees the domain; checkouts and trades hold their domains the same way.
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { buildApp } from '../../src/app.js'
import { createPrismaClient } from '../../src/db/client.js'
import type { Teardown } from '../support/database.js'

// Another gateway instance on the same database, mounting the same sandbox (one OVH for both).
async function secondInstance (t: Teardown, ctx: TestApp): Promise<FastifyInstance> {
  const db = createPrismaClient(ctx.config.databaseUrl!, { maxConnections: 5 })
  const app = await buildApp(ctx.config, { db, secrets: ctx.secrets, sandbox: ctx.sandbox })
  t.teardown(async () => {
    await app.close()
    await db.$disconnect()
  })
  // Its sandbox endpoint is its own mount, known once it listens.
  await app.listen({ port: 0, host: '127.0.0.1' })
  return app
}

function orderDomain (app: FastifyInstance, user: SeededUser, key: string, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload: { ownerLegalAge: true, ...payload } })
}

const ordersOf = (ctx: TestApp, domain: string) => ctx.sandbox.admin.orders({ account: ctx.sandbox.demo.account }).filter(order => order.domains.includes(domain))

t.test('orderDomain: one order of a domain at a time', async t => {
  const ctx = await build(t)
  const other = await secondInstance(t, ctx)
  const user = await seedUser(ctx, { role: 'operator' })
  const domain = `held-${process.pid}.com`

  t.test('20 concurrent orders with 20 keys, on two instances: one order, 19 CONFLICTs naming it', async t => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => orderDomain(i % 2 === 0 ? ctx.app : other, user, `hold-${i}`, { domain })))
    const made = ordersOf(ctx, domain)
    t.equal(made.length, 1, 'exactly one order at OVH')
    const placed = answers.filter(answer => answer.statusCode === 201)
    t.equal(placed.length, 1, 'one placed')
    t.equal(placed[0].json().orderId, made[0].orderId)
    const refused = answers.filter(answer => answer.statusCode === 409)
    t.equal(refused.length, 19, '19 refused')
    for (const answer of refused) t.match(answer.json(), { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', domain, orderId: made[0].orderId, orderStatus: /^(notPaid|checking)$/ })
    t.same(await ctx.db.domainHold.findMany({ select: { domain: true, orderId: true } }), [{ domain, orderId: BigInt(made[0].orderId) }], 'one hold, naming the order')
  })

  t.test('a later order is refused before any OVH call; its key can then say it means it', async t => {
    const calls = ctx.sandbox.admin.calls().length
    const again = await orderDomain(ctx.app, user, 'hold-later', { domain })
    t.match(again.json(), { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', orderId: ordersOf(ctx, domain)[0].orderId })
    t.same(ctx.sandbox.admin.calls().slice(calls).map(call => `${call.method} ${call.path}`).filter(call => !call.startsWith('GET /me/order')), [], 'only the open order\'s status was read')
    t.equal(await ctx.db.idempotencyRecord.count({ where: { key: 'hold-later' } }), 0, 'the key was not taken')
    // allowDuplicate is not part of the request's fingerprint: the same key orders on purpose.
    const meant = await orderDomain(ctx.app, user, 'hold-later', { domain, allowDuplicate: true })
    t.equal(meant.statusCode, 201)
    t.equal(ordersOf(ctx, domain).length, 2, 'a second order, on purpose')
  })

  t.test('the same through GraphQL', async t => {
    const mutation = 'mutation ($i: OrderDomainInput!, $k: String!) { orderDomain(input: $i, idempotencyKey: $k) { orderId } }'
    const refused = await graphql(ctx, user.apiKey, mutation, { i: { domain, ownerLegalAge: true }, k: 'hold-gql' })
    t.match(refused.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', orderId: ordersOf(ctx, domain)[0].orderId } }])
    const meant = await graphql(ctx, user.apiKey, mutation, { i: { domain, ownerLegalAge: true, allowDuplicate: true }, k: 'hold-gql' })
    t.match(meant.body.data.orderDomain, { orderId: String })
    t.equal(ordersOf(ctx, domain).length, 3)
  })

  t.test('once the open order is delivered, a new order of the domain is allowed', async t => {
    ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
    t.equal(ordersOf(ctx, domain)[0].status, 'delivered')
    const after = await orderDomain(other, user, 'hold-after-delivery', { domain })
    t.equal(after.statusCode, 201)
    t.equal(ordersOf(ctx, domain).length, 4)
    const hold = await ctx.db.domainHold.findFirstOrThrow({ where: { domain } })
    t.match(hold, { key: 'hold-after-delivery', orderId: BigInt(after.json().orderId) }, 'the new order holds it now')
  })

  t.test('an attempt OVH refuses before ordering frees the domain at once', async t => {
    const refusedDomain = `held-refused-${process.pid}.com`
    ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', status: 400, message: 'refused (fault)', times: 1 })
    const refused = await orderDomain(ctx.app, user, 'hold-refused', { domain: refusedDomain })
    t.equal(refused.statusCode, 422)
    t.equal(await ctx.db.domainHold.count({ where: { domain: refusedDomain } }), 0, 'released')
    const next = await orderDomain(other, user, 'hold-refused-next', { domain: refusedDomain })
    t.equal(next.statusCode, 201)
    t.equal(ordersOf(ctx, refusedDomain).length, 1)
  })
})

t.test('checkouts and trades hold their domains too', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })

  t.test('a cart with a held domain is a CONFLICT unless allowDuplicate', async t => {
    const domain = `held-cart-${process.pid}.com`
    const placed = await orderDomain(ctx.app, user, 'cart-first', { domain })
    t.equal(placed.statusCode, 201)
    const cart = await rest(ctx, user.apiKey, 'POST', '/v1/carts', {})
    const other = `held-cart-other-${process.pid}.com`
    for (const name of [other, domain]) {
      const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/domains`, { domain: name })
      await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/items/${item.body.itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
    }
    const checkout = (key: string, body: Record<string, unknown> = {}) => ctx.app.inject({ method: 'POST', url: `/v1/carts/${cart.body.cartId}/checkout`, headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload: body })
    const refused = await checkout('cart-second')
    t.equal(refused.statusCode, 409)
    t.match(refused.json(), { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', domain, orderId: placed.json().orderId })
    t.equal(await ctx.db.domainHold.count({ where: { domain: other } }), 0, 'the other domain of the cart is not left held')
    const meant = await checkout('cart-second', { allowDuplicate: true })
    t.equal(meant.statusCode, 201)
    t.equal(ordersOf(ctx, domain).length, 2)
    t.match(await ctx.db.domainHold.findFirstOrThrow({ where: { domain: other } }), { key: 'cart-second', orderId: BigInt(meant.json().order.orderId) }, 'what was free is held by the checkout now')
  })

  t.test('a second owner change of a domain while the first is open', async t => {
    const domain = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains).find(name => name.endsWith('.com'))!
    const contactId = Number(Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts)[0])
    const trade = (key: string, body: Record<string, unknown> = {}) => ctx.app.inject({ method: 'POST', url: `/v1/domains/${domain}/trade`, headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key }, payload: { owner: { contactId }, ...body } })
    const first = await trade('trade-first')
    t.equal(first.statusCode, 201)
    const second = await trade('trade-second')
    t.match(second.json(), { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', domain, orderId: first.json().orderId })
    t.equal((await trade('trade-second', { allowDuplicate: true })).statusCode, 201)
  })
})
