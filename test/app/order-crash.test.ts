// A gateway killed with SIGKILL while orders are in flight (issue 11: 10 orders stranded for good,
// then ordered twice). The gateway runs as its own process, as `npm start` runs it, on the test's
// database, against a standalone sandbox whose checkout answers come late; it is killed once OVH
// has made the orders, then restarted on the same database: the retries find the orders OVH made,
// at once, and order nothing twice; the domains those orders hold are judged from OVH's state.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { rest } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { seedUserOn } from '../support/other-endpoint.js'
import { startStandaloneSandbox } from '../support/sandbox.js'
import { spawnServer } from '../support/server-process.js'
import type { Teardown } from '../support/database.js'
import type { Sandbox } from '../../src/sandbox/index.js'

t.setTimeout(300_000)

const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

// The gateway's own process on the test's database; its address from its start-up log.
async function startGateway (t: Teardown, ctx: TestApp): Promise<{ url: string, kill: () => Promise<void> }> {
  const server = spawnServer({
    DATABASE_URL: ctx.config.databaseUrl!,
    GATEWAY_MASTER_KEY: ctx.config.masterKey!.toString('base64'),
    SANDBOX: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    // Longer than the sandbox's late answers: the gateway is killed while it waits for them.
    OVH_TIMEOUT_MS: '60000',
    OVH_RATE_LIMIT_PER_MINUTE: '600',
    AUTH_CACHE_TTL_MS: '0'
  })
  const kill = async () => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return
    server.child.kill('SIGKILL')
    await server.exited
  }
  t.teardown(kill)
  const deadline = Date.now() + 120_000
  for (;;) {
    const listening = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())
    if (listening) return { url: listening[1], kill }
    if (server.child.exitCode !== null || Date.now() > deadline) {
      await kill()
      throw new Error(`the gateway did not start:\n${server.output()}`)
    }
    await wait(100)
  }
}

async function send (url: string, user: SeededUser, path: string, key: string, body: unknown = {}) {
  const response = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.apiKey}`, 'idempotency-key': key },
    body: JSON.stringify(body)
  })
  return { statusCode: response.status, body: await response.json() as any }
}

async function readyCart (ctx: TestApp, user: SeededUser, domain: string): Promise<string> {
  const cart = await rest(ctx, user.apiKey, 'POST', '/v1/carts', {})
  const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/domains`, { domain })
  await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cart.body.cartId}/items/${item.body.itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
  return cart.body.cartId
}

const ordersOf = (sandbox: Sandbox) => sandbox.admin.orders({ account: sandbox.demo.account })

async function until (what: string, condition: () => boolean, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`)
    await wait(100)
  }
}

t.test('10 checkouts in flight, the gateway killed and restarted: each key resolves to its one order', async t => {
  const ctx = await build(t)
  const ovh = await startStandaloneSandbox(t)
  const user = await seedUserOn(ctx, ovh)
  const carts: Array<{ domain: string, cartId: string, key: string }> = []
  for (let i = 0; i < 10; i++) {
    const domain = `crash-${process.pid}-${i}.com`
    carts.push({ domain, cartId: await readyCart(ctx, user, domain), key: `crash-${i}` })
  }
  const before = ordersOf(ovh.sandbox).length

  const gateway = await startGateway(t, ctx)
  // OVH makes each order at once; its answers come 15 s late, after the gateway is gone.
  ovh.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', lateAnswerMs: 15_000 })
  const inFlight = carts.map(cart => send(gateway.url, user, `/v1/carts/${cart.cartId}/checkout`, cart.key).catch((err: Error) => err))
  await until('OVH made the 10 orders', () => ordersOf(ovh.sandbox).length - before === 10)
  await gateway.kill()
  t.ok((await Promise.all(inFlight)).every(answer => answer instanceof Error), 'no answer reached the client')
  ovh.sandbox.admin.removeFault()
  const records = await ctx.db.idempotencyRecord.findMany({ where: { key: { in: carts.map(cart => cart.key) } } })
  t.same(records.map(record => record.state), Array(10).fill('pending'), 'the 10 keys were left pending by the dead process')
  t.equal((await ctx.db.ovhCart.count({ where: { cartId: { in: carts.map(cart => cart.cartId) }, orderId: { not: null } } })), 0, 'no order id was recorded')
  const made = new Map(ordersOf(ovh.sandbox).slice(before).map(order => [order.cartId, order]))

  t.test('the domains stay held by the orders OVH made, found from OVH\'s state', async t => {
    const first = carts[0]
    const other = await readyCart(ctx, user, first.domain)
    const refused = await ctx.app.inject({ method: 'POST', url: `/v1/carts/${other}/checkout`, headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'crash-other' }, payload: {} })
    t.equal(refused.statusCode, 409)
    t.match(refused.json(), { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', domain: first.domain, orderId: made.get(first.cartId)!.orderId, orderStatus: 'notPaid' })
  })

  t.test('restarted on the same database, the retries find the orders at once', async t => {
    const restarted = await startGateway(t, ctx)
    const answers = await Promise.all(carts.map(cart => send(restarted.url, user, `/v1/carts/${cart.cartId}/checkout`, cart.key)))
    answers.forEach((answer, i) => {
      t.equal(answer.statusCode, 201, `key ${carts[i].key}`)
      t.equal(answer.body.order?.orderId, made.get(carts[i].cartId)?.orderId, `key ${carts[i].key}: the order OVH made from its cart`)
    })
    t.equal(ordersOf(ovh.sandbox).length - before, 10, 'exactly one order per key')
    for (const cart of carts) {
      t.equal(ordersOf(ovh.sandbox).filter(order => order.domains.includes(cart.domain)).length, 1, `one order of ${cart.domain}`)
      t.equal(ovh.sandbox.admin.calls().filter(call => call.method === 'POST' && call.path === `/order/cart/${cart.cartId}/checkout`).length, 1, `one checkout of ${cart.cartId}`)
    }
    const replayed = await send(restarted.url, user, `/v1/carts/${carts[3].cartId}/checkout`, carts[3].key)
    t.match(replayed, { statusCode: 200, body: { replayed: true, order: { orderId: made.get(carts[3].cartId)!.orderId } } })
    await restarted.kill()
  })
})

t.test('killed before its checkout: the domain is freed, the dead key never orders it twice', async t => {
  const ctx = await build(t)
  const ovh = await startStandaloneSandbox(t)
  const user = await seedUserOn(ctx, ovh)
  const domain = `crash-early-${process.pid}.com`
  // The user's availability cart exists already: the order's only new cart is its own.
  t.equal((await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: [domain] })).statusCode, 200)
  const gateway = await startGateway(t, ctx)
  // The gateway dies while OVH creates the order's cart: the domain is held, nothing is ordered.
  ovh.sandbox.admin.addFault({ method: 'POST', path: '/order/cart', latencyMs: 5_000 })
  const stuck = send(gateway.url, user, '/v1/orders/domain', 'crash-early', { domain, ownerLegalAge: true }).catch((err: Error) => err)
  await until('OVH is creating the order\'s cart', () => ovh.sandbox.admin.faults()[0]?.hits === 1)
  t.equal(await ctx.db.domainHold.count({ where: { domain } }), 1, 'held')
  await gateway.kill()
  t.ok(await stuck instanceof Error)
  ovh.sandbox.admin.removeFault()

  // Another key: the holder is dead and never began its checkout, so the domain is free.
  const next = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'crash-early-next' }, payload: { domain, ownerLegalAge: true } })
  t.equal(next.statusCode, 201)
  // The dead key's retry, on the restarted gateway: the domain is held by that order now.
  const restarted = await startGateway(t, ctx)
  const retried = await send(restarted.url, user, '/v1/orders/domain', 'crash-early', { domain, ownerLegalAge: true })
  t.match(retried, { statusCode: 409, body: { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', orderId: next.json().orderId } })
  t.equal(ordersOf(ovh.sandbox).filter(order => order.domains.includes(domain)).length, 1, 'exactly one order')
  await restarted.kill()
})
