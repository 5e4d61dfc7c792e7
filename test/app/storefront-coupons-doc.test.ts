// docs/storefront.md's coupon examples run as a reader would, on the demo data: each GraphQL block
// of the "Coupons" section in order (the cart the first one creates is the $cartId of the others),
// then the numbers the page states (19.98 without tax, a DISCOUNT of 1.00, 18.98 after it), and
// the same with a price rule that rounds.
import { readFile } from 'node:fs/promises'
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { fromRoot } from '../support/paths.js'

const doc = await readFile(fromRoot('docs', 'storefront.md'), 'utf8')
const section = doc.slice(doc.indexOf('## Coupons'))
const blocks = [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map(match => match[1])

t.test('docs/storefront.md coupon examples', async t => {
  const ctx = await build(t)
  const demo = await seedUser(ctx, { role: 'admin' })
  t.ok(blocks.length >= 2, `${blocks.length} examples`)
  let cartId: string | undefined
  let last: any
  for (const block of blocks) {
    last = await graphql(ctx, demo.apiKey, block, cartId === undefined ? undefined : { cartId })
    t.equal(last.body.errors, undefined, block.trim().split('\n')[0])
    // The cart the reader creates is the $cartId of the examples after it.
    cartId ??= last.body.data?.createCart?.cartId
  }
  const cart = last.body.data.cart
  t.same(cart.coupons, ['WELCOME10'])
  const prices = Object.fromEntries(cart.items[0].prices.map((p: any) => [p.label, p.price.price.value]))
  t.match(prices, { PRICE: 19.98, DISCOUNT: 1, TOTAL: 18.98 }, 'the page\'s numbers')
  t.equal(cart.summary.discount.price.value, 1)
  t.equal(cart.summary.prices.withoutTax.price.value, 18.98)
})

t.test('what the coupon section says, with a price rule that rounds', async t => {
  const ctx = await build(t)
  const demo = await seedUser(ctx, { role: 'admin' })
  const viewer = await seedUser(ctx, { role: 'viewer' })
  await graphql(ctx, demo.apiKey, 'mutation { setPriceRule(tld: "com", rule: { marginType: percent, marginValue: 20, rounding: up_to_99 }) { tld } }')
  const cartId = (await graphql(ctx, demo.apiKey, 'mutation { createCart(description: "coupons") { cartId } }')).body.data.createCart.cartId
  await graphql(ctx, demo.apiKey, 'mutation ($c: ID!) { addDomainToCart(cartId: $c, domain: "my-coupon-shop.com", duration: 2) { itemId } }', { c: cartId })
  t.same((await graphql(ctx, demo.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "WELCOME10") }', { c: cartId })).body.data, { addCartCoupon: ['WELCOME10'] })

  // 19.98 at +20% rounded up to .99: 23.99; after the coupon (18.98): 22.99. The item's DISCOUNT
  // is what the customer saves, 1.00, as the summary's: not the 1.00 coupon marked up to 1.99.
  const cartQuery = blocks.find(block => block.includes('cart(cartId'))!
  const cart = (await graphql(ctx, demo.apiKey, cartQuery, { cartId })).body.data.cart
  const prices = Object.fromEntries(cart.items[0].prices.map((p: any) => [p.label, p.price.price.value]))
  t.match(prices, { PRICE: 23.99, DISCOUNT: 1, TOTAL: 22.99 })
  t.equal(cart.summary.discount.price.value, 1)
  t.equal(cart.summary.discount.cost.value, 1, 'OVH\'s own reduction')
  t.equal(cart.summary.prices.withoutTax.price.value, 22.99)

  t.match((await graphql(ctx, demo.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "WELCOME10") }', { c: cartId })).body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /already in this cart/ } } }])
  t.match((await graphql(ctx, demo.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "NOPE") }', { c: cartId })).body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /not valid/ } } }])
  t.match((await graphql(ctx, demo.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "no spaces") }', { c: cartId })).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'coupon' }] } }])
  t.match((await graphql(ctx, viewer.apiKey, 'mutation ($c: ID!) { addCartCoupon(cartId: $c, coupon: "WELCOME10") }', { c: cartId })).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  t.same((await rest(ctx, demo.apiKey, 'GET', `/v1/carts/${String(cartId)}/coupons`)).body, { items: ['WELCOME10'] })
  t.same((await rest(ctx, demo.apiKey, 'DELETE', `/v1/carts/${String(cartId)}/coupons/WELCOME10`)).body, { items: [] })
  const after = (await graphql(ctx, demo.apiKey, cartQuery, { cartId })).body.data.cart
  t.match(Object.fromEntries(after.items[0].prices.map((p: any) => [p.label, p.price.price.value])), { PRICE: 23.99, DISCOUNT: 0, TOTAL: 23.99 }, 'removed: no discount')
})
