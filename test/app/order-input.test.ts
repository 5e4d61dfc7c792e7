// orderDomain's and payOrder's input, refused before anything is ordered: the payment (malformed
// ids, one flow at a time, the legacy pair whole, a payment method the account does not have or
// cannot pay with), an owner object with neither contactId nor contact, name servers listed twice.
// The sandbox's call log and its orders prove what reached OVH and what was ordered.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { owner } from '../support/owner.js'

const ORDER = `mutation ($input: OrderDomainInput!, $key: String!) { orderDomain(input: $input, idempotencyKey: $key) {
  replayed orderId order { orderId status } } }`

async function restOrder (ctx: TestApp, apiKey: string, key: string, payload: Record<string, unknown>) {
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload })
  return { statusCode: response.statusCode, body: response.json() }
}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map(error => error.field).sort()
const writesSince = (ctx: TestApp, since: number) => ctx.sandbox.admin.calls({ since }).filter(call => call.method !== 'GET').map(call => call.route)

t.test('bad payment input orders nothing', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const methods = (await rest(ctx, user.apiKey, 'GET', '/v1/payment-methods')).body.items
  const visa = methods.find((m: any) => m.default)
  const declining = methods.find((m: any) => !m.default)
  const order = { ownerLegalAge: true, domain: 'g-bad.com' }
  // The storefront searched first: the user's search cart exists.
  await graphql(ctx, user.apiKey, '{ availability(domains: ["g-bad.com"]) { status } }')

  t.test('malformed or mixed: refused before any call, per field, over GraphQL and REST alike', async t => {
    const since = lastCallId(ctx.sandbox)
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ paymentMethodId: '-1' }, ['payment.paymentMethodId']],
      [{ paymentMethodId: 'card' }, ['payment.paymentMethodId']],
      [{ paymentMeanId: String(visa.paymentMeanId) }, ['payment.paymentMean']],
      [{ paymentMethodId: String(visa.paymentMethodId), paymentMean: 'creditCard', paymentMeanId: String(visa.paymentMeanId) }, ['payment.paymentMean', 'payment.paymentMeanId']],
      [{ paymentMethodId: String(visa.paymentMethodId), paymentMeanId: String(visa.paymentMeanId) }, ['payment.paymentMeanId']],
      [{ paymentMean: 'creditCard' }, ['payment.paymentMeanId']]
    ]
    for (const [payment, fields] of cases) {
      const answer = await graphql(ctx, user.apiKey, ORDER, { key: 'x', input: { ...order, payment } })
      t.match(answer.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT' }, JSON.stringify(payment))
      t.same(fieldsOf(answer.body.errors?.[0].extensions.fields), fields, JSON.stringify(payment))
    }
    const viaRest = await restOrder(ctx, user.apiKey, 'x', { ...order, payment: { paymentMeanId: visa.paymentMeanId } })
    t.match(viaRest, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'payment.paymentMean', message: /paymentMeanId/ }] } }, 'a paymentMeanId alone is not the default card')
    t.same(ctx.sandbox.admin.calls({ since }), [], 'none reached OVH')
    t.same(ctx.sandbox.admin.orders(), [])
  })

  t.test('a payment method the account does not have, or cannot pay with: found out before the cart', async t => {
    const since = lastCallId(ctx.sandbox)
    const unknown = await restOrder(ctx, user.apiKey, 'unknown-method', { ...order, payment: { paymentMethodId: 99_999 } })
    t.match(unknown, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'payment.paymentMethodId', message: /no such payment method/ }] } })
    t.same(writesSince(ctx, since), ['/domain/configurationRule/check'], 'checked, then refused: no contact, cart or order')
    t.ok(ctx.sandbox.admin.calls({ since }).some(call => call.route === '/me/payment/method/{paymentMethodId}'), 'one read of the payment method')

    ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].paymentMethods[String(declining.paymentMethodId)].status = 'EXPIRED'
    const expired = await graphql(ctx, user.apiKey, ORDER, { key: 'expired-method', input: { ...order, payment: { paymentMethodId: String(declining.paymentMethodId) } } })
    t.match(expired.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', fields: [{ field: 'payment.paymentMethodId', message: /EXPIRED/ }] })
    ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].paymentMethods[String(declining.paymentMethodId)].status = 'VALID'
    t.same(ctx.sandbox.admin.orders(), [], 'nothing ordered')
    t.equal(await ctx.db.idempotencyRecord.count(), 0, 'the keys are not taken: the fixed form may reuse them')
  })

  t.test('refused by the bank after the checkout: placed, unpaid; a retry checks its new method too', async t => {
    const declined = await graphql(ctx, user.apiKey, ORDER, { key: 'declined', input: { ...order, payment: { paymentMethodId: String(declining.paymentMethodId) } } })
    t.match(declined.body.errors?.[0], { message: /was placed but not paid/, extensions: { code: 'OVH_ERROR', paid: false } })
    const orderId = declined.body.errors?.[0].extensions.orderId
    const since = lastCallId(ctx.sandbox)
    const unknown = await graphql(ctx, user.apiKey, ORDER, { key: 'declined', input: { ...order, payment: { paymentMethodId: '99999' } } })
    t.match(unknown.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', orderId, paid: false, fields: [{ field: 'payment.paymentMethodId' }] })
    t.same(writesSince(ctx, since), [], 'no payment tried with it')
    const legacy = await graphql(ctx, user.apiKey, ORDER, { key: 'declined', input: { ...order, payment: { paymentMean: 'creditCard', paymentMeanId: String(visa.paymentMeanId) } } })
    t.match(legacy.body.data.orderDomain, { replayed: false, orderId: String(orderId), order: { status: 'checking' } }, 'paid with the legacy pair')
    const paid = ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders[String(orderId)].payment
    t.match(paid, { paymentMean: 'creditCard', paymentMethodId: visa.paymentMethodId })
    t.equal(ctx.sandbox.admin.orders().length, 1, 'one order')
  })
})

t.test('payOrder: paymentMeanId alone or with paymentMethodId is refused; no body pays with the default', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const methods = (await rest(ctx, user.apiKey, 'GET', '/v1/payment-methods')).body.items
  const visa = methods.find((m: any) => m.default)
  const declining = methods.find((m: any) => !m.default)
  const declined = await restOrder(ctx, user.apiKey, 'unpaid', { ownerLegalAge: true, domain: 'unpaid-order.com', payment: { paymentMethodId: declining.paymentMethodId } })
  t.equal(declined.body.code, 'OVH_ERROR')
  const orderId = declined.body.orderId

  const since = lastCallId(ctx.sandbox)
  const alone = await rest(ctx, user.apiKey, 'POST', `/v1/orders/${orderId}/pay`, { paymentMeanId: declining.paymentMeanId })
  t.match(alone, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'paymentMean' }] } })
  const both = await graphql(ctx, user.apiKey, 'mutation ($o: ID!, $m: ID!, $i: ID!) { payOrder(orderId: $o, paymentMethodId: $m, paymentMeanId: $i) { status } }', { o: String(orderId), m: String(visa.paymentMethodId), i: String(visa.paymentMeanId) })
  t.match(both.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', fields: [{ field: 'paymentMeanId', message: /one flow at a time/ }] })
  const meanAlone = await graphql(ctx, user.apiKey, 'mutation ($o: ID!, $i: ID!) { payOrder(orderId: $o, paymentMeanId: $i) { status } }', { o: String(orderId), i: String(visa.paymentMeanId) })
  t.match(meanAlone.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', fields: [{ field: 'paymentMean' }] })
  t.same(ctx.sandbox.admin.calls({ since }), [], 'none reached OVH')
  t.equal(ctx.sandbox.admin.orders()[0].paid, false)

  const noBody = await ctx.app.inject({ method: 'POST', url: `/v1/orders/${orderId}/pay`, headers: { authorization: `Bearer ${user.apiKey}` } })
  t.equal(noBody.statusCode, 200, noBody.body)
  t.same(noBody.json(), { orderId, status: 'checking' })
  t.match(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders[String(orderId)].payment, { paymentMethodId: visa.paymentMethodId }, 'the default Visa paid')
})

t.test('an owner object with neither contactId nor contact, and name servers listed twice, are refused', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const since = lastCallId(ctx.sandbox)

  const empty = await restOrder(ctx, user.apiKey, 'empty-owner', { domain: 'ok-one.com', ownerLegalAge: true, owner: {} })
  t.match(empty, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'owner', message: /contactId or contact/ }] } })
  const nulls = await graphql(ctx, user.apiKey, ORDER, { key: 'empty-owner', input: { domain: 'ok-one.com', ownerLegalAge: true, owner: { contactId: null, contact: null } } })
  t.match(nulls.body.errors?.[0].extensions, { code: 'BAD_USER_INPUT', fields: [{ field: 'owner' }] })

  const twice = await restOrder(ctx, user.apiKey, 'ns-twice', { domain: 'ok-two.com', ownerLegalAge: true, dns: { nameServers: ['ns1.example.net', 'NS1.EXAMPLE.NET.'] } })
  t.match(twice, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'dns.nameServers[1]', message: /listed twice/ }] } })
  const bad = await graphql(ctx, user.apiKey, ORDER, { key: 'ns-bad', input: { domain: 'ok-two.com', ownerLegalAge: true, dns: { nameServers: ['192.0.2.1', 'ns2.example.net', 'ns2.example.net'] } } })
  t.same(bad.body.errors?.[0].extensions.fields.map((f: any) => f.field), ['dns.nameServers[0]', 'dns.nameServers[2]'], 'the DNS module\'s check, on the order\'s paths')
  t.same(ctx.sandbox.admin.calls({ since }), [], 'none reached OVH')

  const fine = await restOrder(ctx, user.apiKey, 'ns-fine', { domain: 'ok-two.com', ownerLegalAge: true, owner: { contact: owner() }, dns: { nameServers: ['NS1.example.net.', 'ns2.example.net'] } })
  t.equal(fine.statusCode, 201, JSON.stringify(fine.body))
  const made = Object.values(ctx.sandbox.state.orders!.accounts[ctx.sandbox.demo.account].orders).at(-1)!
  t.match(made.items[0].configurations.find(c => c.label === 'DNS'), { value: 'ns1.example.net,ns2.example.net' }, 'normalised as before')
})
