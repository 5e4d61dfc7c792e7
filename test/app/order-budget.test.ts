// A one-shot order and the consumer key's call budget (OVH's 60 a minute): the whole order is
// reserved before its first call, so it runs whole or is refused having made no call; and once
// OVH has the order, a read for the answer that fails leaves that part out instead of turning the
// order into an error (the idempotency record holds the success).
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { owner } from '../support/owner.js'

async function restOrder (ctx: TestApp, apiKey: string, key: string, payload: Record<string, unknown>) {
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload })
  return { statusCode: response.statusCode, headers: response.headers, body: response.json() }
}

const remaining = (ctx: TestApp, user: SeededUser) => ctx.app.ovh.budget.remaining(user.credential!.id)

// A search of `count` new names: one call each once the user's search cart exists.
async function search (ctx: TestApp, user: SeededUser, count: number, prefix: string) {
  const domains = Array.from({ length: count }, (_, i) => `${prefix}-${i}.com`)
  const answer = await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { status } }', { d: domains })
  if (answer.body.errors !== undefined) throw new Error(JSON.stringify(answer.body.errors))
}

// An order without owner, name servers or payment: the check (offer, GET /me, rule check), cart,
// assign, item, OWNER_LEGAL_AGE, checkout, the default method and the payment, then the answer's
// five reads (status, order, line ids, lines, task list).
const PLAIN_ORDER = 3 + 5 + 2 + 5

t.test('an order fits the budget whole or is refused before any call', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx, { role: 'operator' })
  await search(ctx, user, 44, 'spent')
  t.equal(await remaining(ctx, user), 12, '48 calls spent (the key\'s two checks when it was seeded, the TLD list, the search cart, 44 offers)')

  const since = lastCallId(ctx.sandbox)
  const refused = await restOrder(ctx, user.apiKey, 'budget-1', { ownerLegalAge: true, domain: 'budget-order.com' })
  t.match(refused, { statusCode: 429, body: { code: 'RATE_LIMITED', reason: 'budget', retryAfter: Number } })
  t.same(ctx.sandbox.admin.calls({ since }), [], 'no call reached OVH')
  t.same(ctx.sandbox.admin.orders(), [], 'nothing ordered')
  t.equal(await ctx.db.idempotencyRecord.count(), 0, 'the key is free for the retry')
  t.equal(await remaining(ctx, user), 12, 'a refused reservation takes nothing')

  // Another user (another consumer key) with exactly what the order needs left.
  const other = await seedUser(ctx, { role: 'operator', slug: user.tenant.slug })
  await search(ctx, other, 1, 'warm')
  await search(ctx, other, (await remaining(ctx, other)) - PLAIN_ORDER, 'fill')
  t.equal(await remaining(ctx, other), PLAIN_ORDER)
  const start = lastCallId(ctx.sandbox)
  const placed = await restOrder(ctx, other.apiKey, 'budget-2', { ownerLegalAge: true, domain: 'budget-order.com' })
  t.equal(placed.statusCode, 201, JSON.stringify(placed.body))
  t.match(placed.body, { orderId: Number, order: { status: 'checking', prices: { withTax: { price: { value: Number } } }, details: [{ domain: 'budget-order.com' }, { domain: 'budget-order.com' }] }, task: null })
  t.equal(ctx.sandbox.admin.calls({ since: start }).length, PLAIN_ORDER, 'the calls counted are the calls made')
  t.equal(await remaining(ctx, other), 0)
  t.match(ctx.sandbox.admin.orders(), [{ domains: ['budget-order.com'], paid: true }])
})

t.test('a refused order gives back the calls it reserved and did not make', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx, { role: 'operator' })
  await search(ctx, user, 1, 'warm')
  const before = await remaining(ctx, user)
  const since = lastCallId(ctx.sandbox)
  const refused = await restOrder(ctx, user.apiKey, 'refused', { ownerLegalAge: true, domain: 'refused-budget.fr', owner: { contact: owner({}, { country: 'US' }) } })
  t.equal(refused.statusCode, 400)
  t.equal(before - (await remaining(ctx, user)), ctx.sandbox.admin.calls({ since }).length, 'only the check\'s calls are spent')
})

t.test('once OVH has the order, a read for the answer that fails does not make it an error', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx, { role: 'admin' })

  t.test('REST: the order without its lines and prices; the key holds the success', async t => {
    // GETs are retried twice: three failures are a read that failed.
    ctx.sandbox.admin.addFault({ method: 'GET', path: '/me/order/*/details', status: 503, times: 3 })
    const placed = await restOrder(ctx, user.apiKey, 'lost-reads', { ownerLegalAge: true, domain: 'lost-reads.com' })
    t.equal(placed.statusCode, 201, JSON.stringify(placed.body))
    t.match(placed.body, { replayed: false, orderId: Number, order: { status: 'checking', prices: null } })
    t.notOk('details' in placed.body.order, 'the lines are left for a later read')
    const replay = await restOrder(ctx, user.apiKey, 'lost-reads', { ownerLegalAge: true, domain: 'lost-reads.com' })
    t.match(replay, { statusCode: 200, body: { replayed: true, orderId: placed.body.orderId, order: { details: [{ domain: 'lost-reads.com' }] } } })
    t.equal(ctx.sandbox.admin.orders().length, 1)
  })

  t.test('GraphQL tradeDomain: the trade is answered, its unread order null', async t => {
    const contact = (await graphql(ctx, user.apiKey, 'mutation ($c: ContactInput!) { createOwnerContact(input: $c) { id } }', { c: owner() })).body.data.createOwnerContact
    ctx.sandbox.admin.addFault({ method: 'GET', path: '/me/order/*/details', status: 503, times: 3 })
    const TRADE = 'mutation ($o: OrderOwnerInput!) { tradeDomain(domain: "demo-shop.com", owner: $o, idempotencyKey: "trade-lost") { replayed orderId action order { status prices { withTax { price { value } } } } } }'
    const traded = await graphql(ctx, user.apiKey, TRADE, { o: { contactId: contact.id } })
    t.match(traded.body.data?.tradeDomain, { replayed: false, orderId: String, action: 'trade', order: null })
    t.match(traded.body.errors, [{ path: ['tradeDomain', 'order', 'prices'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } }], 'what could not be read is said')
    const replay = await graphql(ctx, user.apiKey, TRADE, { o: { contactId: contact.id } })
    t.match(replay.body.data.tradeDomain, { replayed: true, orderId: traded.body.data.tradeDomain.orderId, order: { status: 'checking' } })
  })
})
