// The cart mirrored through GraphQL and REST: create and assign, add a domain, required
// configuration, set and remove configuration, summary, dry run, checkout, payment (a declined
// card, both OVH flows), the order moving to delivered, its lines and the domain it created.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const CART = `query ($id: ID!) { cart(cartId: $id) { cartId readOnly expire
  items { itemId domain duration planCode pricingMode prices { label price { price { value } cost { value } } } configurations { id label value } requiredConfiguration { label required } rules { asJson } }
  summary { details { domain quantity unitPrice { price { value } } } prices { withoutTax { price { value } } withTax { price { value } cost { value } } } }
} }`

t.test('a cart from creation to a delivered order', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
  // .berlin wants the owner or the admin in Berlin: the seeded individual lives there.
  const contactId = Object.values(account.contacts).find(contact => contact.address?.city === 'Berlin')!.id
  const domain = `cart-journey-${Date.now()}.berlin`

  const created = await graphql(ctx, user.apiKey, 'mutation { createCart(description: "storefront") { cartId readOnly description } }')
  const cartId = created.body.data.createCart.cartId
  t.match(created.body.data.createCart, { readOnly: false, description: 'storefront' })
  t.equal(ctx.sandbox.state.orders?.carts[cartId].account, ctx.sandbox.demo.account, 'assigned to the caller\'s account')

  const added = await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $d: String!) { addDomainToCart(cartId: $c, domain: $d, duration: 2) { itemId domain duration planCode pricingMode prices { label price { price { value } } } } }', { c: cartId, d: domain.toUpperCase() })
  const item = added.body.data.addDomainToCart
  t.match(item, { domain, duration: 'P2Y', planCode: 'berlin', pricingMode: 'create-default' })
  t.match(item.prices.find((p: any) => p.label === 'PRICE'), { price: { price: { value: 79.98 } } })
  const itemId = item.itemId

  const bad = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { addDomainToCart(cartId: $c, domain: "nope..com", duration: 11) { itemId } }', { c: cartId })
  t.equal(bad.body.errors?.[0].extensions.code, 'BAD_USER_INPUT', 'bad input never reaches OVH')
  const addsBefore = ctx.sandbox.admin.calls().filter(call => call.route === '/order/cart/{cartId}/domain' && call.method === 'POST').length
  for (const planCode of ['berlin/../x', 'BERLIN', 'x'.repeat(65), 'a b']) {
    const badPlan = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/domains`, { domain, planCode })
    t.match(badPlan, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'planCode' }] } }, `plan code ${planCode.slice(0, 12)} refused`)
  }
  t.equal(ctx.sandbox.admin.calls().filter(call => call.route === '/order/cart/{cartId}/domain' && call.method === 'POST').length, addsBefore, 'none reached OVH')

  const dryRun = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { previewCheckout(cartId: $c) { orderId } }', { c: cartId })
  t.match(dryRun.body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { class: 'Client::BadRequest', message: /Missing required configuration OWNER_LEGAL_AGE/ } } }])

  const set = (label: string, value: string) => graphql(ctx, user.apiKey, 'mutation ($c: ID!, $i: ID!, $l: String!, $v: String!) { setCartItemConfiguration(cartId: $c, itemId: $i, label: $l, value: $v) { id label value } }', { c: cartId, i: itemId, l: label, v: value })
  for (const [label, value] of [['OWNER_LEGAL_AGE', 'true'], ['ACCEPT_CONDITIONS', 'true'], ['OWNER_CONTACT', `/me/contact/${contactId}`], ['DNS', 'ns1.wrong.example']]) {
    t.equal((await set(label, value)).body.data?.setCartItemConfiguration.label, label)
  }
  t.equal((await set('lowercase', 'x')).body.errors?.[0].extensions.code, 'BAD_USER_INPUT')
  const dns = (await graphql(ctx, user.apiKey, CART, { id: cartId })).body.data.cart.items[0].configurations.find((c: any) => c.label === 'DNS')
  const removed = await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $i: ID!, $k: ID!) { removeCartItemConfiguration(cartId: $c, itemId: $i, configurationId: $k) }', { c: cartId, i: itemId, k: dns.id })
  t.equal(removed.body.data.removeCartItemConfiguration, true)
  await set('DNS', 'ns1.example.net,ns2.example.net')

  const cart = (await graphql(ctx, user.apiKey, CART, { id: cartId })).body.data.cart
  t.same(cart.items[0].configurations.map((c: any) => c.label).sort(), ['ACCEPT_CONDITIONS', 'DNS', 'OWNER_CONTACT', 'OWNER_LEGAL_AGE'])
  t.ok(cart.items[0].requiredConfiguration.some((r: any) => r.label === 'ACCEPT_CONDITIONS' && r.required))
  t.match(cart.items[0].rules.asJson, /Berlin/, 'the item\'s eligibility rules: .berlin\'s, with its Berlin condition')
  t.match(cart.summary, { details: [{ domain, quantity: 1, unitPrice: { price: { value: 79.98 } } }], prices: { withoutTax: { price: { value: 79.98 } }, withTax: { price: { value: 95.98 }, cost: { value: 95.98 } } } })

  const preview = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { previewCheckout(cartId: $c) { orderId contracts { name } } }', { c: cartId })
  t.equal(preview.body.data.previewCheckout.orderId, null)
  t.ok(preview.body.data.previewCheckout.contracts.length >= 2)

  const checkout = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { checkoutCart(cartId: $c, idempotencyKey: "journey-1") { replayed order { orderId url order { orderId status } } } }', { c: cartId })
  const orderId = checkout.body.data.checkoutCart.order.orderId
  t.match(checkout.body.data.checkoutCart, { replayed: false, order: { order: { orderId, status: 'notPaid' } } })
  t.equal((await graphql(ctx, user.apiKey, CART, { id: cartId })).body.data.cart.readOnly, true)
  t.match(await rest(ctx, user.apiKey, 'GET', '/v1/carts'), { body: { items: [{ cartId, orderId: Number(orderId) }] } })

  const methods = (await graphql(ctx, user.apiKey, '{ paymentMethods { paymentMethodId paymentMeanId default description } }')).body.data.paymentMethods
  const declining = methods.find((m: any) => !m.default)
  const declined = await graphql(ctx, user.apiKey, 'mutation ($o: ID!, $m: ID!) { payOrder(orderId: $o, paymentMethodId: $m) { status } }', { o: orderId, m: declining.paymentMethodId })
  t.match(declined.body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /declined/ } } }])
  const legacyDeclined = await rest(ctx, user.apiKey, 'POST', `/v1/orders/${orderId}/pay`, { paymentMean: 'creditCard', paymentMeanId: Number(declining.paymentMeanId) })
  t.match(legacyDeclined, { statusCode: 422, body: { code: 'OVH_ERROR' } })
  const means = await graphql(ctx, user.apiKey, 'query ($o: ID!) { order(orderId: $o) { status paymentMeans } }', { o: orderId })
  t.match(means.body.data.order, { status: 'notPaid', paymentMeans: ['creditCard', 'ovhAccount'] })
  const paid = await graphql(ctx, user.apiKey, 'mutation ($o: ID!) { payOrder(orderId: $o) { orderId status } }', { o: orderId })
  t.match(paid.body.data.payOrder, { orderId, status: 'checking' }, 'the default payment method paid')

  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  const ORDER = `query ($o: ID!) { order(orderId: $o) { status prices { withTax { price { value } } }
    details { domain quantity unitPrice { price { value } } plan { code duration pricingMode product configurations { label } } service { name state } } } }`
  const delivered = (await graphql(ctx, user.apiKey, ORDER, { o: orderId })).body.data.order
  t.match(delivered, { status: 'delivered', prices: { withTax: { price: { value: 95.98 } } }, details: [{ domain, plan: { code: 'berlin', duration: 'P2Y', pricingMode: 'create-default', product: 'domain' }, service: null }] })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const done = (await graphql(ctx, user.apiKey, ORDER, { o: orderId })).body.data.order
  t.match(done.details[0].service, { name: domain, state: 'ok' }, 'the DomainCreate task put the domain on the account')

  const viaRest = await rest(ctx, user.apiKey, 'GET', `/v1/orders/${orderId}`)
  t.match(viaRest.body, { orderId: Number(orderId), status: 'delivered', prices: { withTax: { price: { value: 95.98 } } }, details: [{ domain }] })
  const list = await rest(ctx, user.apiKey, 'GET', '/v1/orders?first=5')
  t.equal(list.body.items[0].orderId, Number(orderId), 'newest first')
})

t.test('carts are private to their user and expire', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const colleague = await seedUser(ctx, { role: 'admin', slug: user.tenant.slug })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: user.tenant.slug })
  const created = await rest(ctx, user.apiKey, 'POST', '/v1/carts', { description: 'mine' })
  t.equal(created.statusCode, 201)
  const cartId = created.body.cartId
  const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/domains`, { domain: 'private-cart.com' })
  t.match(item, { statusCode: 201, body: { domain: 'private-cart.com', duration: 'P1Y' } })

  const since = lastCallId(ctx.sandbox)
  t.equal((await rest(ctx, colleague.apiKey, 'GET', `/v1/carts/${cartId}`)).body.code, 'NOT_FOUND', 'another user\'s cart does not exist for them')
  t.equal((await rest(ctx, colleague.apiKey, 'POST', `/v1/carts/${cartId}/checkout`, {})).statusCode, 400, 'the key is checked first')
  t.equal((await rest(ctx, colleague.apiKey, 'DELETE', `/v1/carts/${cartId}`)).statusCode, 404)
  t.equal((await rest(ctx, viewer.apiKey, 'POST', '/v1/carts', {})).body.code, 'FORBIDDEN', 'viewers do not order')
  t.equal(ctx.sandbox.admin.calls({ since }).length, 0, 'none of it reached OVH')

  const required = await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/items/${item.body.itemId}/required-configuration`)
  t.ok(required.body.items.some((r: any) => r.label === 'OWNER_LEGAL_AGE' && r.required))
  t.equal((await rest(ctx, user.apiKey, 'PUT', `/v1/carts/${cartId}/items/${item.body.itemId}`, { duration: 3 })).body.duration, 'P3Y')
  const summary = await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/summary`)
  t.match(summary.body, { details: [{ domain: 'private-cart.com', unitPrice: { price: { value: 29.97 } } }] })

  const second = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { addDomainToCart(cartId: $c, domain: "second-item.net") { itemId } }', { c: cartId })
  const secondId = second.body.data.addDomainToCart.itemId
  t.equal((await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $i: ID!) { updateCartItem(cartId: $c, itemId: $i, duration: 2) { duration } }', { c: cartId, i: secondId })).body.data.updateCartItem.duration, 'P2Y')
  t.equal((await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $i: ID!) { removeCartItem(cartId: $c, itemId: $i) }', { c: cartId, i: secondId })).body.data.removeCartItem, true)
  t.equal((await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}`)).body.items.length, 1)
  t.equal((await rest(ctx, user.apiKey, 'DELETE', `/v1/carts/${cartId}/items/${item.body.itemId}`)).statusCode, 204)
  t.equal((await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}/items/${item.body.itemId}`)).statusCode, 404)

  const unassigned = await graphql(ctx, user.apiKey, 'mutation { createCart(assign: false) { cartId } }')
  const otherId = unassigned.body.data.createCart.cartId
  t.equal(ctx.sandbox.state.orders?.carts[otherId].account, null)
  t.equal((await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { assignCart(cartId: $c) { cartId readOnly } }', { c: otherId })).body.data.assignCart.readOnly, false)
  t.equal(ctx.sandbox.state.orders?.carts[otherId].account, ctx.sandbox.demo.account)
  t.equal((await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { deleteCart(cartId: $c) }', { c: otherId })).body.data.deleteCart, true)
  t.equal(ctx.sandbox.state.orders?.carts[otherId], undefined, 'deleted on OVH')
  t.equal((await rest(ctx, user.apiKey, 'GET', `/v1/carts/${otherId}`)).statusCode, 404, 'and forgotten')

  ctx.sandbox.admin.advanceClock({ seconds: 25 * 3600 })
  const expired = await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}`)
  t.match(expired, { statusCode: 404, body: { code: 'NOT_FOUND', reason: 'CART_EXPIRED', ovh: { status: 404, class: 'Client::NotFound' } } })
  const gql = await graphql(ctx, user.apiKey, 'query ($c: ID!) { cart(cartId: $c) { cartId } }', { c: cartId })
  t.match(gql.body.errors, [{ extensions: { code: 'NOT_FOUND', reason: 'CART_EXPIRED' } }])
})

// A POST whose body is all defaults takes no body at all, as it takes {}.
t.test('create, check out and pay without a body', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const post = async (url: string, headers: Record<string, string> = {}) => {
    const response = await ctx.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${user.apiKey}`, ...headers } })
    return { statusCode: response.statusCode, body: response.json() }
  }
  const created = await post('/v1/carts')
  t.equal(created.statusCode, 201, JSON.stringify(created.body))
  const cartId = created.body.cartId
  const item = await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/domains`, { domain: 'no-body-cart.com' })
  await rest(ctx, user.apiKey, 'POST', `/v1/carts/${cartId}/items/${item.body.itemId}/configurations`, { label: 'OWNER_LEGAL_AGE', value: 'true' })
  const checkout = await post(`/v1/carts/${cartId}/checkout`, { 'idempotency-key': 'no-body-1' })
  t.equal(checkout.statusCode, 201, JSON.stringify(checkout.body))
  const orderId = checkout.body.order.orderId
  t.match(ctx.sandbox.admin.orders(), [{ orderId, paid: false }], 'the defaults: assigned, no automatic payment')
  t.match(await post(`/v1/orders/${orderId}/pay`), { statusCode: 200, body: { orderId, status: 'checking' } }, 'the default payment method paid')
})
