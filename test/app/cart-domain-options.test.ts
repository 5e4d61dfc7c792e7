// A domain's options in the cart, end to end through the gateway (GraphQL and REST, OVH's
// /order/cart/{cartId}/domain/options in the sandbox): the options of a domain being registered,
// at resale prices (the domain's TLD rule), added to its item, in the summary, ordered with the
// domain at checkout, and on the domain once the order is delivered; input refused before OVH;
// viewers refused; another user's cart not reachable.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const OPTIONS = `query ($c: ID!, $d: String!) { cartDomainOptions(cartId: $c, domain: $d) {
  domain planCode productName family exclusive mandatory
  pricings { duration years pricingMode pricingType capacities price { price { value } cost { value } rule } } } }`

t.test('a domain ordered with DNS Anycast', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx)
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const q = (query: string, variables?: Record<string, unknown>) => graphql(ctx, admin.apiKey, query, variables)
  const domain = `anycast-shop-${Date.now()}.com`
  t.same((await q('mutation { setPriceRule(tld: "com", rule: { marginType: percent, marginValue: 50 }) { tld } }')).body.data, { setPriceRule: { tld: 'com' } })

  const cartId = (await q('mutation { createCart(description: "options") { cartId } }')).body.data.createCart.cartId
  const itemId = (await q('mutation ($c: ID!, $d: String!) { addDomainToCart(cartId: $c, domain: $d, duration: 2) { itemId } }', { c: cartId, d: domain })).body.data.addDomainToCart.itemId

  const since = lastCallId(ctx.sandbox)
  const listed = await q(OPTIONS, { c: cartId, d: domain })
  t.equal(listed.body.errors, undefined)
  const [anycast] = listed.body.data.cartDomainOptions
  t.match(anycast, { domain, planCode: 'dns-anycast', productName: 'DNS Anycast', exclusive: false, mandatory: false })
  const twoYears = anycast.pricings.find((p: any) => p.years === 2)
  t.match(twoYears, { duration: 'P2Y', pricingMode: 'default', pricingType: 'rental', price: { price: { value: 3.6 }, cost: { value: 2.4 }, rule: 'com' } }, 'the domain\'s TLD rule applies')
  t.same(ctx.sandbox.admin.calls({ since }).map(call => `${call.method} ${call.route}`).filter(call => call.includes('/domain/options')), ['GET /order/cart/{cartId}/domain/options'], 'one call')
  t.same((await q(OPTIONS, { c: cartId, d: 'not-in-the-cart.com' })).body.data.cartDomainOptions, [], 'none for a name the cart does not order')
  const viewerRead = await rest(ctx, viewer.apiKey, 'GET', `/v1/carts/${cartId}/domain-options?domain=${domain}`)
  t.match(viewerRead, { statusCode: 404, body: { code: 'NOT_FOUND' } }, 'another user\'s cart does not exist for them')

  t.test('input refused before OVH; viewers refused', async t => {
    const before = lastCallId(ctx.sandbox)
    const add = (input: string) => q(`mutation ($c: ID!) { addCartDomainOption(cartId: $c, input: ${input}) { itemId } }`, { c: cartId })
    t.match((await add(`{ itemId: "${String(itemId)}", planCode: "DNS Anycast" }`)).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.planCode' }] } }])
    t.match((await add('{ itemId: "-1", planCode: "dns-anycast" }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.itemId' }] } }])
    t.match((await add(`{ itemId: "${String(itemId)}", planCode: "dns-anycast", duration: 11 }`)).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.duration' }] } }])
    t.match(await rest(ctx, admin.apiKey, 'POST', `/v1/carts/${cartId}/domain-options`, { itemId: Number(itemId), planCode: 'dns-anycast', pricingMode: 'Not A Mode' }), { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'body.pricingMode' }] } })
    t.match(await rest(ctx, admin.apiKey, 'GET', `/v1/carts/${cartId}/domain-options?domain=bad..name`), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.match((await graphql(ctx, viewer.apiKey, `mutation { addCartDomainOption(cartId: "${String(cartId)}", input: { itemId: "${String(itemId)}", planCode: "dns-anycast" }) { itemId } }`)).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.same(ctx.sandbox.admin.calls({ since: before }), [], 'no call made')
    t.match((await add(`{ itemId: "${String(itemId)}", planCode: "dns-anycast", duration: 2, pricingMode: "premium" }`)).body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /Pricing mode/ } } }], 'OVH\'s refusal')
  })

  t.test('added, in the cart and its summary, ordered and delivered with the domain', async t => {
    const added = await rest(ctx, admin.apiKey, 'POST', `/v1/carts/${cartId}/domain-options`, { itemId: Number(itemId), planCode: 'dns-anycast', duration: 2 })
    t.match(added, { statusCode: 201, body: { domain, planCode: 'dns-anycast', duration: 'P2Y', parentItemId: Number(itemId), productId: 'domain-option' } })
    t.match(added.body.prices.find((p: any) => p.label === 'TOTAL'), { price: { price: { value: 3.6 } } })
    t.match(await rest(ctx, admin.apiKey, 'POST', `/v1/carts/${cartId}/domain-options`, { itemId: Number(itemId), planCode: 'dns-anycast', duration: 2 }), { statusCode: 422, body: { code: 'OVH_ERROR', ovh: { message: /already in the cart/ } } })

    const cart = (await q('query ($c: ID!) { cart(cartId: $c) { items { itemId domain planCode parentItemId } summary { details { domain description totalPrice { price { value } } } prices { withoutTax { price { value } } } } } }', { c: cartId })).body.data.cart
    t.same(cart.items.map((item: any) => [item.planCode, item.parentItemId]), [['com', null], ['dns-anycast', String(itemId)]])
    t.ok(cart.summary.details.some((line: any) => /DNS Anycast/.test(line.description) && line.totalPrice.price.value === 3.6), 'the option\'s line, at its resale price')
    // .com 9.99 a year for 2 years at +50% (29.97), the free zone, the option (3.60).
    t.equal(cart.summary.prices.withoutTax.price.value, 33.57)

    await q('mutation ($c: ID!, $i: ID!) { setCartItemConfiguration(cartId: $c, itemId: $i, label: "OWNER_LEGAL_AGE", value: "true") { id } }', { c: cartId, i: itemId })
    const checkout = await q('mutation ($c: ID!) { checkoutCart(cartId: $c, idempotencyKey: "anycast-1", autoPayWithPreferredPaymentMethod: true) { order { orderId } } }', { c: cartId })
    t.equal(checkout.body.errors, undefined)
    ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
    ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
    const read = await q('query ($d: String!) { domain(name: $d, live: true) { name options { option state } } }', { d: domain })
    t.match(read.body.data.domain, { name: domain, options: [{ option: 'dnsAnycast', state: 'subscribed' }] }, 'the delivered domain has the option')
  })
})
