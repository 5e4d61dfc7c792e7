// orderDomain's input, refused before anything is ordered: an owner object with neither contactId
// nor contact, name servers listed twice. The sandbox's call log and its orders prove what reached
// OVH and what was ordered.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { owner } from '../support/owner.js'

const ORDER = `mutation ($input: OrderDomainInput!, $key: String!) { orderDomain(input: $input, idempotencyKey: $key) {
  replayed order { orderId status } } }`

async function restOrder (ctx: TestApp, apiKey: string, key: string, payload: Record<string, unknown>) {
  const response = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${apiKey}`, 'idempotency-key': key }, payload })
  return { statusCode: response.statusCode, body: response.json() }
}

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
