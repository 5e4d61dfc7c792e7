// A storefront end to end through the gateway: search names, order one with a new owner in one
// call, follow the order and its task, find the domain; an order refused for eligibility with the
// field errors a form shows (and nothing created); a declined payment and its retry; OVH's 429.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { owner } from '../support/owner.js'

const ORDER = `mutation ($input: OrderDomainInput!, $key: String!) { orderDomain(input: $input, idempotencyKey: $key) {
  replayed domain action ownerContactId
  order { orderId status prices { withTax { price { value } } } details { domain } }
  task { id function status }
} }`

async function restOrder (ctx: TestApp, apiKey: string, key: string, payload: Record<string, unknown>) {
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload })
  return { statusCode: response.statusCode, headers: response.headers, body: response.json() }
}

const contactsOf = (ctx: TestApp) => Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].contacts).length
const cartsOf = (ctx: TestApp) => Object.keys(ctx.sandbox.state.orders?.carts ?? {}).length
const ordersOf = (ctx: TestApp) => Object.keys(ctx.sandbox.state.orders?.accounts[ctx.sandbox.demo.account]?.orders ?? {}).length

t.test('a storefront journey', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const suffix = Date.now().toString(36)
  const names = ['boulangerie', 'taken-bakery', 'premium-bread', 'croissant', 'baguette', 'reserved-pain', 'bad_name', 'brioche', 'eclair', 'madeleine']
    .map((label, i) => `${label}-${suffix}.${['fr', 'com', 'com', 'eu', 'net', 'org', 'com', 'fr', 'fr', 'com'][i]}`.replace(/^(taken|premium|reserved)-[a-z]+-/, '$&'))
  const search = await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { domain status createPrice { price { value } } } }', { d: names })
  t.equal(search.body.data.availability.length, 10)
  const statuses = search.body.data.availability.map((a: any) => a.status)
  t.same(statuses, ['AVAILABLE', 'REGISTERED', 'PREMIUM', 'AVAILABLE', 'AVAILABLE', 'NOT_SELLABLE', 'INVALID', 'AVAILABLE', 'AVAILABLE', 'AVAILABLE'])
  const chosen = search.body.data.availability[0].domain

  const since = lastCallId(ctx.sandbox)
  const budgetBefore = await ctx.app.ovh.budget.remaining(user.credential!.id)
  const placed = await graphql(ctx, user.apiKey, ORDER, {
    key: `journey-${suffix}`,
    input: { ownerLegalAge: true, domain: chosen, duration: 2, owner: { contact: owner() }, dns: { nameServers: ['ns1.example.net', 'ns2.example.net'] } }
  })
  t.equal(placed.statusCode, 200, JSON.stringify(placed.body.errors))
  const result = placed.body.data.orderDomain
  t.match(result, { replayed: false, domain: chosen, action: 'create', order: { status: 'checking', prices: { withTax: { price: { value: 16.78 } } }, details: [{ domain: chosen }] }, task: null })
  t.ok(result.ownerContactId, 'the new owner contact')
  const routes = ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET').map(call => `${call.method} ${call.route}`)
  t.same(routes, [
    'POST /domain/configurationRule/check',
    'POST /domain/contact',
    'POST /order/cart',
    'POST /order/cart/{cartId}/assign',
    'POST /order/cart/{cartId}/domain',
    ...Array(3).fill('POST /order/cart/{cartId}/item/{itemId}/configuration'),
    'POST /order/cart/{cartId}/checkout',
    'POST /me/order/{orderId}/pay'
  ], 'checked, then contact, cart, configuration, checkout, payment')
  // The check (the offer, GET /me, the rule check), then contact, cart, assign, item, three
  // configurations, checkout, the default method and the payment, then the answer's reads (status,
  // order, line ids, lines, task list): order-budget.ts counts them and reserves them all first.
  t.equal(ctx.sandbox.admin.calls({ since }).length, 18, 'a one-call order stays within a small upstream budget')
  t.equal(budgetBefore - await ctx.app.ovh.budget.remaining(user.credential!.id), 18, 'reserved before its first call: exactly the calls made')

  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  const follow = 'query ($o: ID!) { order(orderId: $o) { status details { task { id function status } service { name } } } }'
  const delivered = (await graphql(ctx, user.apiKey, follow, { o: result.order.orderId })).body.data.order
  t.match(delivered, { status: 'delivered', details: [{ task: { function: 'DomainCreate', status: 'todo' }, service: null }] })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const done = (await graphql(ctx, user.apiKey, follow, { o: result.order.orderId })).body.data.order
  t.match(done.details[0], { task: { function: 'DomainCreate', status: 'done' }, service: { name: chosen } })

  const domains = await graphql(ctx, user.apiKey, `{ domains(filter: { nameContains: "${chosen}" }) { edges { node { name state nameServerType contactOwner { id } nameServers { nameServer } serviceInfos { creation expiration } } } } }`)
  const [{ node }] = domains.body.data.domains.edges
  t.match(node, { name: chosen, state: 'ok', nameServerType: 'external', contactOwner: { id: String(result.ownerContactId) } })
  t.same(node.nameServers.map((ns: any) => ns.nameServer), ['ns1.example.net', 'ns2.example.net'])
  t.equal(Number(node.serviceInfos.expiration.slice(0, 4)) - Number(node.serviceInfos.creation.slice(0, 4)), 2, 'two years')

  const replay = await graphql(ctx, user.apiKey, ORDER, { key: `journey-${suffix}`, input: { ownerLegalAge: true, domain: chosen, duration: 2, owner: { contact: owner() }, dns: { nameServers: ['ns1.example.net', 'ns2.example.net'] } } })
  t.match(replay.body.data.orderDomain, { replayed: true, order: { orderId: result.order.orderId }, task: { function: 'DomainCreate' } }, 'a replay answers the first order, with its task now')
})

t.test('an order refused for eligibility: field errors, and nothing created', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  // The storefront searched first: the user's search cart exists.
  await graphql(ctx, user.apiKey, '{ availability(domains: ["refused-order.fr"]) { status } }')
  const contacts = contactsOf(ctx)
  const carts = cartsOf(ctx)
  const since = lastCallId(ctx.sandbox)
  // .fr wants an owner in the EU/EEA; this one also lacks a city and a phone.
  const refused = await graphql(ctx, user.apiKey, ORDER, {
    key: 'refused-1',
    input: { ownerLegalAge: true, domain: 'refused-order.fr', owner: { contact: { ...owner(), phone: null, address: { ...owner().address, city: null, country: 'US' } } } }
  })
  const error = refused.body.errors?.[0]
  t.equal(error?.extensions.code, 'BAD_USER_INPUT')
  const fields = error?.extensions.fields.map((f: any) => f.field)
  t.ok(fields.includes('owner.contact.address.country'), 'the country, on the input\'s own path')
  t.ok(fields.includes('owner.contact.address.city'))
  t.ok(fields.includes('owner.contact.phone'))
  t.ok(error?.extensions.fields.every((f: any) => typeof f.message === 'string' && f.message.length > 0))
  t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET').map(call => call.route), ['/domain/configurationRule/check'], 'only the check reached OVH')
  t.equal(contactsOf(ctx), contacts, 'no contact')
  t.equal(cartsOf(ctx), carts, 'no cart')
  t.equal(await ctx.db.idempotencyRecord.count(), 0, 'the key is not taken: the fixed form can reuse it')

  const badInput = await restOrder(ctx, user.apiKey, 'bad-input', { ownerLegalAge: true, domain: 'x.fr', owner: { contact: { email: 'not-an-email' } } })
  t.equal(badInput.statusCode, 400)
  t.ok(badInput.body.fields.some((f: any) => f.field === 'owner.contact.email'), 'same paths in REST')
  const oneServer = await restOrder(ctx, user.apiKey, 'bad-input', { ownerLegalAge: true, domain: 'x.fr', dns: { nameServers: ['only-one.example.net'] }, adminAccount: 'not a nic' })
  t.same(oneServer.body.fields.map((f: any) => f.field).sort(), ['adminAccount', 'dns.nameServers'])
  // The owner's legal age is the storefront's statement for its customer: never assumed.
  const sinceAge = lastCallId(ctx.sandbox)
  const unstated = await graphql(ctx, user.apiKey, ORDER, { key: 'age-1', input: { domain: 'legal-age.com', owner: { contact: owner() } } })
  t.match(unstated.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'ownerLegalAge', message: /required/ }] } }])
  const minor = await restOrder(ctx, user.apiKey, 'age-2', { ownerLegalAge: false, domain: 'legal-age.com', owner: { contact: owner() } })
  t.match(minor.body, { code: 'BAD_USER_INPUT', fields: [{ field: 'ownerLegalAge', message: /must be of legal age/ }] })
  t.same(ctx.sandbox.admin.calls({ since: sinceAge }), [], 'neither reached OVH')

  const transferWithoutCode = await graphql(ctx, user.apiKey, ORDER, { key: 'refused-2', input: { ownerLegalAge: true, domain: 'taken-order.com' } })
  t.match(transferWithoutCode.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'authInfo' }] } }])
  const premium = await graphql(ctx, user.apiKey, ORDER, { key: 'refused-3', input: { ownerLegalAge: true, domain: 'premium-order.com' } })
  t.match(premium.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'pricingMode', message: /premium/ }] } }])
  const conditions = await graphql(ctx, user.apiKey, ORDER, { key: 'refused-4', input: { ownerLegalAge: true, domain: 'order-conditions.berlin' } })
  t.match(conditions.body.errors, [{ extensions: { fields: [{ field: 'acceptConditions' }] } }])

  const fixed = await graphql(ctx, user.apiKey, ORDER, { key: 'refused-1', input: { ownerLegalAge: true, domain: 'refused-order.fr', owner: { contact: owner() } } })
  t.match(fixed.body.data?.orderDomain, { replayed: false, action: 'create' }, 'the same key, once the form is fixed')
  t.equal(ordersOf(ctx), 1)
})

t.test('payment declined, then paid on retry with the same key; OVH 429 at checkout', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const methods = (await graphql(ctx, user.apiKey, '{ paymentMethods { paymentMethodId default } }')).body.data.paymentMethods
  const declining = methods.find((m: any) => !m.default).paymentMethodId
  const input = { ownerLegalAge: true, domain: 'declined-pay.com', owner: { contact: owner() } }
  const declined = await graphql(ctx, user.apiKey, ORDER, { key: 'pay-1', input: { ...input, payment: { paymentMethodId: declining } } })
  const error = declined.body.errors?.[0]
  t.match(error, { message: /was placed but not paid/, extensions: { code: 'OVH_ERROR', paid: false, ovh: { message: /declined/ } } })
  const orderId = error?.extensions.orderId
  t.ok(orderId)
  t.equal((await rest(ctx, user.apiKey, 'GET', `/v1/orders/${orderId}/status`)).body.status, 'notPaid')

  const paid = await graphql(ctx, user.apiKey, ORDER, { key: 'pay-1', input })
  t.match(paid.body.data.orderDomain, { order: { orderId: String(orderId), status: 'checking' } }, 'the same order, paid with the default method')
  t.equal(ordersOf(ctx), 1, 'one order')
  t.equal(contactsOf(ctx), 3, 'the contact created once (2 seeded + 1)')

  ctx.sandbox.admin.addFault({ method: 'POST', path: '/order/cart/*/checkout', status: 429, retryAfterSeconds: 3, times: 1 })
  const existingOwner = { contactId: Number(paid.body.data.orderDomain.ownerContactId) }
  const noKey = await rest(ctx, user.apiKey, 'POST', '/v1/orders/domain', { ownerLegalAge: true, domain: 'limited-order.com', owner: existingOwner })
  t.match(noKey, { statusCode: 400, body: { fields: [{ field: 'idempotencyKey' }] } }, 'REST needs the Idempotency-Key header')
  const limited = await restOrder(ctx, user.apiKey, 'limited-1', { ownerLegalAge: true, domain: 'limited-order.com', owner: existingOwner })
  t.match(limited, { statusCode: 429, body: { code: 'RATE_LIMITED', retryAfter: 3 } })
  t.equal(limited.headers['retry-after'], '3')
  const retried = await restOrder(ctx, user.apiKey, 'limited-1', { ownerLegalAge: true, domain: 'limited-order.com', owner: existingOwner })
  t.equal(retried.statusCode, 201, 'OVH refused before ordering: the retry orders')
  t.match(retried.body, { replayed: false, action: 'create', order: { status: 'checking', details: [{ domain: 'limited-order.com' }] } })
  t.equal(ordersOf(ctx), 2)
})

// OVH checks at checkout the owner it builds from the account's NIC when none is given, and the
// admin and tech NICs (the account's own by default): the pre-check checks the same data.
t.test('eligibility with the account\'s NIC: owner left out, .berlin admin', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
  const toBerlin = (nic: string) => Object.assign(ctx.sandbox.state.accounts[nic].profile, { address: 'Oranienstraße 1', city: 'Berlin', zip: '10999', country: 'DE' })

  t.test('no owner: OVH builds it from the NIC, the order goes through', async t => {
    const contacts = contactsOf(ctx)
    const placed = await restOrder(ctx, user.apiKey, 'no-owner', { ownerLegalAge: true, domain: `no-owner-${process.pid}.com` })
    t.equal(placed.statusCode, 201, JSON.stringify(placed.body))
    t.match(placed.body, { action: 'create', ownerContactId: null })
    t.equal(contactsOf(ctx), contacts, 'no contact created')
    const made = Object.values(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders).at(-1)!
    t.notOk(made.items[0].configurations.some(c => c.label === 'OWNER_CONTACT'), 'OWNER_CONTACT left out')
  })

  t.test('no owner, .berlin, the NIC in Roubaix: refused on owner and adminAccount, nothing created', async t => {
    const carts = cartsOf(ctx)
    const since = lastCallId(ctx.sandbox)
    const refused = await restOrder(ctx, user.apiKey, 'berlin-no-owner', { ownerLegalAge: true, domain: `no-owner-${process.pid}.berlin`, acceptConditions: true })
    t.equal(refused.statusCode, 400)
    const fields = refused.body.fields.map((f: any) => f.field)
    t.ok(fields.includes('owner') && fields.includes('adminAccount'), JSON.stringify(refused.body.fields))
    t.ok(refused.body.fields.every((f: any) => /NIC/.test(f.message)), 'each message says the data is the NIC\'s')
    t.same(ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET').map(call => call.route), ['/domain/configurationRule/check'])
    t.equal(cartsOf(ctx), carts)
  })

  t.test('.berlin, owner in Paris, the account\'s own NIC named admin, not in Berlin: refused before anything is created', async t => {
    const contacts = contactsOf(ctx)
    const refused = await restOrder(ctx, user.apiKey, 'berlin-own-admin', { ownerLegalAge: true, domain: `own-admin-${process.pid}.berlin`, acceptConditions: true, owner: { contact: owner() }, adminAccount: account.nic })
    t.equal(refused.statusCode, 400)
    t.ok(refused.body.fields.some((f: any) => f.field === 'adminAccount'), JSON.stringify(refused.body.fields))
    t.ok(refused.body.fields.some((f: any) => f.field === 'owner.contact.address.city'))
    t.equal(contactsOf(ctx), contacts, 'no contact')
  })

  t.test('.berlin, owner in Paris, another NIC in Berlin as admin: ordered', async t => {
    const admin = ctx.sandbox.admin.createAccount({ seed: 'empty' }).nic
    toBerlin(admin)
    const placed = await restOrder(ctx, user.apiKey, 'berlin-admin', { ownerLegalAge: true, domain: `berlin-admin-${process.pid}.berlin`, acceptConditions: true, owner: { contact: owner() }, adminAccount: admin })
    t.equal(placed.statusCode, 201, JSON.stringify(placed.body))
    const made = Object.values(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders).at(-1)!
    t.match(made.items[0].configurations, [{ label: 'OWNER_LEGAL_AGE' }, { label: 'OWNER_CONTACT' }, { label: 'ADMIN_ACCOUNT', value: admin }])
  })

  t.test('.berlin, owner in Paris, the account\'s NIC in Berlin (the default admin): ordered', async t => {
    toBerlin(account.nic)
    const placed = await restOrder(ctx, user.apiKey, 'berlin-own', { ownerLegalAge: true, domain: `berlin-own-${process.pid}.berlin`, acceptConditions: true, owner: { contact: owner() } })
    t.equal(placed.statusCode, 201, JSON.stringify(placed.body))
  })
})
