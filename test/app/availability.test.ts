// Availability through GraphQL and REST: per-name answers and errors, what a 20-name search costs
// upstream, the consumer key's budget, the reused search cart, and OVH's failures.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

const SEARCH = `query ($domains: [String!]!) { availability(domains: $domains) {
  input domain tld status action orderable transferable pricingMode currency durations
  createPrice { price { value currencyCode } cost { value } } transferPrice { price { value } } renewPrice { price { value } }
  error { code message }
} }`

const names = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => `${prefix}-${i}.${['com', 'fr', 'net', 'eu'][i % 4]}`)

t.test('a 20-name search costs 22 upstream calls the first time, 20 after, and the budget holds', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx)
  let since = lastCallId(ctx.sandbox)
  const first = await graphql(ctx, user.apiKey, SEARCH, { domains: names(20, 'shop') })
  t.equal(first.statusCode, 200)
  t.equal(first.body.data.availability.length, 20)
  t.ok(first.body.data.availability.every((a: any) => a.status === 'AVAILABLE'))
  let calls = ctx.sandbox.admin.calls({ since })
  t.same(calls.map(c => `${c.method} ${c.route}`).sort(), [
    'GET /domain/extensions',
    'POST /order/cart',
    ...Array(20).fill('GET /order/cart/{cartId}/domain')
  ].sort(), 'extensions once, one cart, one offer per name')
  t.equal(new Set(calls.filter(c => c.route === '/order/cart/{cartId}/domain').map(c => c.path.split('/')[3])).size, 1, 'every name through the same cart')

  since = lastCallId(ctx.sandbox)
  const second = await graphql(ctx, user.apiKey, SEARCH, { domains: names(20, 'brand') })
  t.equal(second.statusCode, 200)
  calls = ctx.sandbox.admin.calls({ since })
  t.equal(calls.length, 20, 'the cart and the extensions are reused')
  t.ok(calls.every(c => c.route === '/order/cart/{cartId}/domain'))

  // 44 calls spent this minute (the key's two checks when it was seeded: its state and its NIC;
  // 22, 20): 20 more do not fit
  // in OVH's 60, and none is made.
  since = lastCallId(ctx.sandbox)
  const third = await graphql(ctx, user.apiKey, SEARCH, { domains: names(20, 'third') })
  t.equal(third.body.errors?.[0].extensions.code, 'RATE_LIMITED')
  t.ok(third.body.errors?.[0].extensions.retryAfter >= 1)
  t.ok(third.body.errors?.[0].extensions.retryAfter <= 60)
  t.equal(ctx.sandbox.admin.calls({ since }).length, 0, 'refused before any upstream call')
  const viaRest = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: names(20, 'rest') })
  t.equal(viaRest.statusCode, 429)
  t.equal(viaRest.body.code, 'RATE_LIMITED')
  t.ok(Number(viaRest.headers['retry-after']) >= 1)
  // 16 still fit.
  const small = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: names(16, 'small') })
  t.equal(small.statusCode, 200)
  t.equal(small.body.items.length, 16)

  const other = await seedUser(ctx, { slug: user.tenant.slug })
  const otherSearch = await graphql(ctx, other.apiKey, SEARCH, { domains: ['another.com'] })
  t.equal(otherSearch.body.data.availability[0].status, 'AVAILABLE', 'another consumer key has its own budget')
})

t.test('every name gets its own answer, invalid ones cost nothing', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  await graphql(ctx, user.apiKey, SEARCH, { domains: ['warm-up.com'] })
  const since = lastCallId(ctx.sandbox)
  const domains = ['Fresh-Name.COM', 'taken-shop.com', 'premium-deal.com', 'reserved-x.org', 'bad_name.com', 'name.unknowntld', 'www.sub.fr', 'shop.co.uk', 'fresh-name.com', 'demo-shop.com']
  const answer = await graphql(ctx, user.apiKey, SEARCH, { domains })
  t.equal(answer.statusCode, 200)
  const [fresh, taken, premium, reserved, bad, unknown, sub, uk, duplicate, own] = answer.body.data.availability
  t.match(fresh, { input: 'Fresh-Name.COM', domain: 'fresh-name.com', tld: 'com', status: 'AVAILABLE', action: 'create', orderable: true, pricingMode: 'create-default', currency: 'EUR', createPrice: { price: { value: 9.99, currencyCode: 'EUR' }, cost: { value: 9.99 } }, renewPrice: { price: { value: 11.99 } }, transferPrice: null, error: null })
  t.same(fresh.durations, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
  t.match(taken, { status: 'REGISTERED', action: 'transfer', transferable: true, pricingMode: 'transfer-default', transferPrice: { price: { value: 9.99 } }, createPrice: null, durations: [1] })
  t.match(premium, { status: 'PREMIUM', pricingMode: 'create-premium', createPrice: { price: { value: 249.75 } } })
  t.match(reserved, { status: 'NOT_SELLABLE', orderable: false, createPrice: null, durations: [] })
  t.match(bad, { status: 'INVALID', error: { code: 'INVALID_NAME' } })
  t.match(unknown, { status: 'INVALID', domain: 'name.unknowntld', error: { code: 'UNKNOWN_TLD' } })
  t.match(sub, { status: 'INVALID', error: { code: 'INVALID_NAME', message: /subdomain/ } })
  t.match(uk, { tld: 'co.uk', status: 'AVAILABLE', createPrice: { price: { value: 6.49 } } })
  t.same(duplicate, { ...fresh, input: 'fresh-name.com' })
  t.match(own, { status: 'REGISTERED', transferable: false })
  const calls = ctx.sandbox.admin.calls({ since })
  t.equal(calls.length, 6, 'one call per distinct sellable name, none for the invalid ones nor the duplicate')

  const tooMany = await graphql(ctx, user.apiKey, SEARCH, { domains: names(51, 'x') })
  t.match(tooMany.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'domains' }] } }])
  const empty = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: [] })
  t.equal(empty.statusCode, 400)

  // A name too long to be a domain is that name's INVALID_NAME, over REST as over GraphQL.
  const long = `${'a'.repeat(320)}.com`
  const viaRest = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: ['fresh-name.com', long] })
  t.equal(viaRest.statusCode, 200)
  const echoed = `${long.slice(0, 253)}…`
  t.match(viaRest.body.items, [{ domain: 'fresh-name.com', status: 'AVAILABLE' }, { input: echoed, domain: echoed, status: 'INVALID', error: { code: 'INVALID_NAME' } }],
    'an over-long name is echoed cut to a valid name\'s length, not whole')
  const giant = await graphql(ctx, user.apiKey, SEARCH, { domains: [`${'b'.repeat(200_000)}.com`] })
  t.ok(JSON.stringify(giant.body).length < 2_000, 'a 200 KB name does not come back three times')
  const viaGraphql = await graphql(ctx, user.apiKey, SEARCH, { domains: ['fresh-name.com', long] })
  t.same(viaRest.body.items.map((a: any) => [a.status, a.error?.code ?? null]), viaGraphql.body.data.availability.map((a: any) => [a.status, a.error?.code ?? null]), 'the same answers')
  const tooManyRest = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: names(51, 'x') })
  t.equal(tooManyRest.statusCode, 400, 'at most 50 names')
  const huge = await rest(ctx, user.apiKey, 'POST', '/v1/availability', { domains: ['x'.repeat(100_000)] })
  t.equal(huge.statusCode, 413, 'the body stays small')
})

t.test('viewers search too, and do not see OVH\'s cost', async t => {
  const ctx = freshSandbox(shared)
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const answer = await rest(ctx, viewer.apiKey, 'POST', '/v1/availability', { domains: ['viewer-search.com'] })
  t.equal(answer.statusCode, 200)
  t.match(answer.body.items[0], { status: 'AVAILABLE', createPrice: { price: { value: 9.99 }, cost: null } })
})

t.test('an expired search cart is replaced, and its row with it', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  await graphql(ctx, user.apiKey, SEARCH, { domains: ['one.com'] })
  const before = await ctx.db.searchCart.findUniqueOrThrow({ where: { userId: user.user.id } })
  ctx.sandbox.admin.advanceClock({ seconds: 25 * 3600 })
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, SEARCH, { domains: names(8, 'after') })
  t.equal(answer.statusCode, 200)
  t.ok(answer.body.data.availability.every((a: any) => a.status === 'AVAILABLE'))
  const calls = ctx.sandbox.admin.calls({ since })
  t.equal(calls.filter(c => c.route === '/order/cart' && c.method === 'POST').length, 1, 'one new cart for the whole search')
  t.ok(calls.some(c => c.route === '/order/cart/{cartId}/domain' && c.status === 404), 'OVH said the old cart is gone')
  const after = await ctx.db.searchCart.findUniqueOrThrow({ where: { userId: user.user.id } })
  t.not(after.cartId, before.cartId)
})

t.test('OVH failures: 429 on every name is RATE_LIMITED, a fault on some names stays on them', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  await graphql(ctx, user.apiKey, SEARCH, { domains: ['warm.com'] })
  ctx.sandbox.admin.addFault({ path: '/order/cart/*/domain', status: 429, retryAfterSeconds: 1, times: 100 })
  const limited = await graphql(ctx, user.apiKey, SEARCH, { domains: ['a-one.com', 'a-two.com'] })
  t.match(limited.body.errors, [{ extensions: { code: 'RATE_LIMITED', retryAfter: 1, ovh: { status: 429 } } }])
  ctx.sandbox.admin.removeFault()

  // 500 three times: the first name's GET and its two retries; the other names are answered.
  ctx.sandbox.admin.addFault({ path: '/order/cart/*/domain', status: 500, times: 3 })
  const partial = await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { domain status error { code } } }', { d: ['b-one.com'] })
  t.match(partial.body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE' } }], 'one name, failed: the request fails')
  ctx.sandbox.admin.removeFault()
  ctx.sandbox.admin.addFault({ path: '/order/cart/*/domain', status: 400, message: 'Domain refused by the registry', times: 1 })
  const mixed = await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { domain status error { code message } } }', { d: ['c-one.com', 'c-two.com', 'c-three.com'] })
  t.equal(mixed.statusCode, 200)
  const failed = mixed.body.data.availability.filter((a: any) => a.error !== null)
  t.equal(failed.length, 1)
  t.match(failed[0], { status: 'INVALID', error: { code: 'OVH_ERROR', message: 'Domain refused by the registry' } })
})

t.test('the fan-out toward OVH is bounded', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  await graphql(ctx, user.apiKey, SEARCH, { domains: ['warm.com'] })
  ctx.sandbox.admin.addFault({ path: '/order/cart/*/domain', latencyMs: 60, times: 20 })
  const started = Date.now()
  const answer = await graphql(ctx, user.apiKey, SEARCH, { domains: names(20, 'slow') })
  const elapsed = Date.now() - started
  t.equal(answer.statusCode, 200)
  // 20 names, 5 at a time, 60 ms each: at least 4 rounds.
  t.ok(elapsed >= 4 * 60, `took ${elapsed} ms`)
})
