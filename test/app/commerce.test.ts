// Storefront commerce end to end through the gateway (issue 14, items 5 and 6): the TLD catalogue
// by category and the highlighted TLDs, trademark claim notices (shown by availability, required
// by orderDomain), cart coupons with the discount in the prices, and the money side of orders:
// client references, filters by reference and domain, totals in the list and the orders' CSV.
// GraphQL and REST, one app.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const ORDER = 'mutation ($key: String!, $input: OrderDomainInput!) { orderDomain(idempotencyKey: $key, input: $input) { orderId order { status } } }'

t.test('storefront commerce', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const callsSince = (id: number) => ctx.sandbox.admin.calls().filter(call => call.id > id)

  t.test('TLDs by category and the highlighted ones', async t => {
    const both = await graphql(ctx, viewer.apiKey, '{ extensionCategories { thematic { name tlds } geolocalization { name tlds } } highlightedExtensions { tld brandNew priceDrop } }')
    const { extensionCategories, highlightedExtensions } = both.body.data
    t.same(extensionCategories.thematic.find((c: any) => c.name === 'shopping'), { name: 'shopping', tlds: ['shop', 'store'] })
    t.same(extensionCategories.geolocalization.find((c: any) => c.name === 'france'), { name: 'france', tlds: ['fr', 'paris'] })
    t.same(highlightedExtensions, [
      { tld: 'com', brandNew: false, priceDrop: false }, { tld: 'fr', brandNew: false, priceDrop: false },
      { tld: 'shop', brandNew: false, priceDrop: true }, { tld: 'store', brandNew: true, priceDrop: false }
    ])
    const before = lastCallId(ctx.sandbox)
    const thematic = await rest(ctx, viewer.apiKey, 'GET', '/v1/extensions/categories?types=thematic')
    t.equal(thematic.statusCode, 200)
    t.same(thematic.body.geolocalization, [], 'only the type asked for')
    t.same(thematic.body.thematic, extensionCategories.thematic)
    t.same((await rest(ctx, viewer.apiKey, 'GET', '/v1/extensions/highlighted')).body.items, highlightedExtensions)
    t.same(callsSince(before), [], 'read once an hour: no new OVH call')
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/extensions/categories?types=nope'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
  })

  t.test('a name in a claims period: its notice, and orderDomain requires it', async t => {
    const answer = await graphql(ctx, viewer.apiKey, '{ availability(domains: ["acme.store", "my-own-brand.store"]) { domain status claimNoticeRequired claimNotice { id label type claims { markName jurisdiction classifications { number } holders { organisation countryCode } } } } }')
    const [acme, free] = answer.body.data.availability
    t.match(acme, { domain: 'acme.store', status: 'AVAILABLE', claimNoticeRequired: true, claimNotice: { id: 'tmch-acme-store-0001', label: 'acme', type: 'TRADEMARK', claims: [{ markName: 'ACME', holders: [{ organisation: 'Acme Corporation', countryCode: 'US' }] }] } })
    t.match(free, { claimNoticeRequired: false, claimNotice: null })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/claim-notices/globex.store'), { statusCode: 200, body: { id: 'tmch-globex-store-0001', claims: [{ markName: 'GLOBEX' }] } })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/claim-notices/plain.store'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.equal((await graphql(ctx, viewer.apiKey, '{ claimNotice(domain: "bad..name") { id } }')).body.errors?.[0].extensions.code, 'BAD_USER_INPUT')

    const input = { domain: 'acme.store', ownerLegalAge: true }
    let before = lastCallId(ctx.sandbox)
    const missing = await graphql(ctx, user.apiKey, ORDER, { key: 'claims-1', input })
    t.match(missing.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'acknowledgedClaimNotice' }] } }])
    // Only the user's search cart (its first search), through which the offer is read.
    t.same(callsSince(before).filter(call => call.method !== 'GET').map(call => call.route), ['/order/cart'], 'nothing ordered nor configured at OVH')
    const malformed = await graphql(ctx, user.apiKey, ORDER, { key: 'claims-1', input: { ...input, acknowledgedClaimNotice: 'not a notice!' } })
    t.match(malformed.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'acknowledgedClaimNotice' }] } }])
    const stale = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'claims-1' }, payload: { ...input, acknowledgedClaimNotice: 'tmch-acme-store-0000' } })
    t.match({ statusCode: stale.statusCode, body: stale.json() }, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'acknowledgedClaimNotice', message: /tmch-acme-store-0001/ }] } })
    before = lastCallId(ctx.sandbox)
    const ordered = await graphql(ctx, user.apiKey, ORDER, { key: 'claims-1', input: { ...input, acknowledgedClaimNotice: 'tmch-acme-store-0001' } })
    t.match(ordered.body.data?.orderDomain, { orderId: /\d+/, order: { status: 'checking' } }, 'ordered', { errors: ordered.body.errors })
    const item = Object.values(ctx.sandbox.state.orders!.carts).flatMap(cart => cart.items).find(candidate => candidate.domain === 'acme.store')!
    t.same(item.configurations.filter(c => c.label === 'CLAIMS_NOTICE').map(c => c.value), ['tmch-acme-store-0001'], 'CLAIMS_NOTICE set on the item')
    t.ok(callsSince(before).some(call => call.route === '/domain/data/claimNotice'), 'the notice read to compare its id')
  })

  t.test('cart coupons and the discount in the prices', async t => {
    const cartId = (await graphql(ctx, user.apiKey, 'mutation { createCart { cartId } }')).body.data.createCart.cartId
    await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { addDomainToCart(cartId: $c, domain: "coupon-shop.com", duration: 2) { itemId } }', { c: cartId })
    const before = lastCallId(ctx.sandbox)
    const malformed = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "no spaces") }', { c: cartId })
    t.match(malformed.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'coupon' }] } }])
    t.same(callsSince(before), [], 'a malformed code never reaches OVH')
    const unknown = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/coupons`, { coupon: 'NOPE2020' })
    t.match(unknown, { statusCode: 422, body: { code: 'OVH_ERROR' } })
    t.same((await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "WELCOME10") }', { c: cartId })).body.data.addCartCoupon, ['WELCOME10'])

    const CART = 'query ($c: ID!) { cart(cartId: $c) { coupons items { prices { label price { price { value } } } } summary { discount { price { value } cost { value } } prices { withoutTax { price { value } } } } } }'
    const cart = (await graphql(ctx, user.apiKey, CART, { c: cartId })).body.data.cart
    t.same(cart.coupons, ['WELCOME10'])
    // .com: 9.99 a year, two years 19.98; 10% of the first year: 1.00.
    t.match(cart.items[0].prices.find((p: any) => p.label === 'DISCOUNT'), { price: { price: { value: 1 } } })
    t.match(cart.items[0].prices.find((p: any) => p.label === 'TOTAL'), { price: { price: { value: 18.98 } } })
    t.match(cart.summary, { discount: { price: { value: 1 }, cost: { value: 1 } }, prices: { withoutTax: { price: { value: 18.98 } } } })
    t.match(await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/summary`), { body: { discount: { price: { value: 1 } } } })
    t.same((await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/coupons`)).body, { items: ['WELCOME10'] })

    t.match(await rest(ctx, user.apiKey, 'DELETE', `/v1/carts/${cartId}/coupons/WELCOME10`), { statusCode: 200, body: { items: [] } })
    const after = (await graphql(ctx, user.apiKey, CART, { c: cartId })).body.data.cart
    t.match(after.summary, { discount: { price: { value: 0 } }, prices: { withoutTax: { price: { value: 19.98 } } } })
    t.equal((await graphql(ctx, viewer.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "WELCOME10") }', { c: cartId })).body.errors?.[0].extensions.code, 'FORBIDDEN')
  })

  t.test('client references, order filters, totals and the orders CSV', async t => {
    const domain = `reference-${Date.now()}.fr`
    let before = lastCallId(ctx.sandbox)
    const bad = await graphql(ctx, user.apiKey, ORDER, { key: 'reference-1', input: { domain, ownerLegalAge: true, clientReference: ' SHOP-1001' } })
    t.match(bad.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'clientReference' }] } }])
    t.same(callsSince(before), [], 'a bad reference never reaches OVH')
    const ordered = await graphql(ctx, user.apiKey, 'mutation ($key: String!, $input: OrderDomainInput!) { orderDomain(idempotencyKey: $key, input: $input) { orderId order { clientReference } } }',
      { key: 'reference-1', input: { domain, ownerLegalAge: true, clientReference: 'SHOP-1001' } })
    const orderId = ordered.body.data.orderDomain.orderId
    t.equal(ordered.body.data.orderDomain.order.clientReference, 'SHOP-1001')

    const renewed = await ctx.app.inject({ method: 'POST', url: '/v1/domains/demo-old.com/renew', headers: { authorization: `Bearer ${user.apiKey}`, 'idempotency-key': 'reference-renew-1' }, payload: { duration: 1, clientReference: 'SHOP-1002' } })
    t.equal(renewed.statusCode, 201, renewed.body)
    t.equal(renewed.json().order.clientReference, 'SHOP-1002')

    const LIST = 'query ($f: OrderFilter) { orders(first: 10, filter: $f) { totalCount edges { node { orderId clientReference prices { withTax { price { value } } } } } } }'
    // A reference is the tenant's own: another tenant (the viewer's, here) finds nothing with it.
    t.match((await graphql(ctx, viewer.apiKey, LIST, { f: { clientReference: 'SHOP-1001', from: '2020-01-01' } })).body.data.orders, { totalCount: 0 })
    const byReference = (await graphql(ctx, user.apiKey, LIST, { f: { clientReference: 'SHOP-1001', from: '2020-01-01' } })).body.data.orders
    t.match(byReference, { totalCount: 1, edges: [{ node: { orderId, clientReference: 'SHOP-1001' } }] })
    t.ok(byReference.edges[0].node.prices.withTax.price.value > 0, 'totals in the list')
    const byDomain = (await graphql(ctx, user.apiKey, LIST, { f: { domain: domain.toUpperCase(), from: '2020-01-01' } })).body.data.orders
    t.match(byDomain, { totalCount: 1, edges: [{ node: { orderId } }] })
    t.equal((await graphql(ctx, user.apiKey, LIST, { f: { domain: 'bad..name' } })).body.errors?.[0].extensions.code, 'BAD_USER_INPUT')

    const rest1 = await rest(ctx, user.apiKey, 'GET', '/v1/orders?clientReference=SHOP-1002&totals=true&from=2020-01-01')
    t.match(rest1, { statusCode: 200, body: { totalCount: 1, items: [{ clientReference: 'SHOP-1002', prices: { withTax: { price: { value: Number }, cost: { value: Number } } } }] } })
    t.match(await rest(ctx, user.apiKey, 'GET', '/v1/orders?first=1'), { body: { items: [{ prices: null }] } }, 'no totals unless asked: two calls per order')

    before = lastCallId(ctx.sandbox)
    const csv = await ctx.app.inject({ method: 'GET', url: '/v1/orders/export.csv', headers: { authorization: `Bearer ${user.apiKey}` } })
    t.equal(csv.statusCode, 200)
    t.match(csv.headers['content-type'], /^text\/csv/)
    const [header, ...rows] = csv.body.trim().split('\r\n')
    t.equal(header, 'orderId,date,status,clientReference,domains,totalWithoutTax,tax,totalWithTax,costWithoutTax,costWithTax,currency')
    const row = rows.find(line => line.startsWith(`${orderId},`))
    t.match(row, new RegExp(`,SHOP-1001,${domain.replaceAll('.', '\\.')},[\\d.]+,[\\d.]+,[\\d.]+,[\\d.]+,[\\d.]+,EUR$`))
    t.ok(rows.some(line => line.includes(',SHOP-1002,demo-old.com,')), 'the renewal, with its reference')
    t.ok(callsSince(before).length <= 1 + Math.ceil(rows.length / 50) + 3 * rows.length, 'within the reserved calls')
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/orders/export.csv?from=2020-01-01&to=2026-01-01'), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'from' }] } })
  })
})
