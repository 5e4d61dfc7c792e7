// Query.node and Query.nodes: each Node type read by its own query comes back by its global id
// alone; ids the gateway did not make are BAD_USER_INPUT; another tenant's objects are null.
import t from 'tap'
import type { Test } from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { writeEvents } from '../../src/modules/events/store.js'

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

const NODE = `query ($id: ID!) { node(id: $id) { __typename id
  ... on Domain { name }
  ... on Order { orderId }
  ... on Cart { cartId }
  ... on DomainTask { function }
  ... on Event { type }
} }`

async function refetch (ctx: TestApp, user: SeededUser, id: string) {
  const answer = await graphql(ctx, user.apiKey, NODE, { id })
  return answer.body
}

// One object of each Node type, read by the type's own query: [type, global id, local fields].
async function oneOfEach (t: Test, ctx: TestApp, user: SeededUser) {
  const domain = (await graphql(ctx, user.apiKey, '{ domain(name: "demo-shop.com") { id name } }')).body.data.domain
  const cart = (await graphql(ctx, user.apiKey, 'mutation { createCart(description: "node") { id cartId } }')).body.data.createCart
  // An order: a second cart, checked out.
  const toOrder = (await graphql(ctx, user.apiKey, 'mutation { createCart { cartId } }')).body.data.createCart.cartId
  const added = await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $d: String!) { addDomainToCart(cartId: $c, domain: $d, duration: 1) { itemId } }', { c: toOrder, d: `node-${Date.now()}.com` })
  t.equal(added.body.errors, undefined, 'a domain in the cart')
  const itemId = added.body.data.addDomainToCart.itemId
  const contactId = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account]!.contacts)[0]!.id
  for (const [label, value] of [['OWNER_LEGAL_AGE', 'true'], ['ACCEPT_CONDITIONS', 'true'], ['OWNER_CONTACT', `/me/contact/${contactId}`]]) {
    await graphql(ctx, user.apiKey, 'mutation ($c: ID!, $i: ID!, $l: String!, $v: String!) { setCartItemConfiguration(cartId: $c, itemId: $i, label: $l, value: $v) { id } }', { c: toOrder, i: itemId, l: label, v: value })
  }
  const checkout = await graphql(ctx, user.apiKey, 'mutation ($c: ID!) { checkoutCart(cartId: $c, idempotencyKey: "node-order") { order { order { id orderId } } } }', { c: toOrder })
  t.equal(checkout.body.errors, undefined, 'checked out')
  const order = checkout.body.data.checkoutCart.order.order
  // A task of the account, and an event of the tenant: their own ids are their global ids.
  const task = (await graphql(ctx, user.apiKey, '{ domainTasks(first: 1, live: true) { edges { node { id function } } } }')).body.data.domainTasks.edges[0].node
  await writeEvents(ctx.db, [{ tenantId: user.tenant.id, type: 'domain.renewed', subject: 'demo-shop.com', domain: 'demo-shop.com', data: { after: '2028-01-01' }, cause: { kind: 'ovh' } }])
  // Its id as the feed and webhooks give it (the feed shows it once older transactions end).
  const event = await ctx.db.event.findFirstOrThrow({ where: { tenantId: user.tenant.id, type: 'domain.renewed', subject: 'demo-shop.com' }, orderBy: { seq: 'desc' } })
  return [
    { type: 'Domain', id: domain.id, local: { name: domain.name } },
    { type: 'Cart', id: cart.id, local: { cartId: cart.cartId } },
    { type: 'Order', id: order.id, local: { orderId: order.orderId } },
    { type: 'DomainTask', id: task.id, local: { function: task.function }, ownId: true },
    { type: 'Event', id: event.id, local: { type: event.type }, ownId: true }
  ]
}

t.test('node(id:) answers each Node type again, by the id its own query gave', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const objects = await oneOfEach(t, ctx, user)
  for (const { type, id, local, ownId } of objects) {
    const answer = await refetch(ctx, user, id)
    t.equal(answer.errors, undefined, `${type}: no error`)
    t.same(answer.data.node, { __typename: type, id, ...local }, `${type} comes back`)
    const [localId] = Object.values(local)
    if (ownId) t.match(id, type === 'DomainTask' ? /^\d+$/ : /^[0-9a-f-]{36}$/, `${type}: its own id, OVH's number or the event's UUID`)
    else t.equal(Buffer.from(id, 'base64').toString('utf8'), `${type}:${String(localId)}`, `${type}: the documented id form`)
  }

  const ids = objects.map(each => each.id)
  const many = await graphql(ctx, user.apiKey, 'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }', { ids: [...ids, base64('Order:999999999')] })
  t.equal(many.body.errors, undefined)
  t.same(many.body.data.nodes, [...objects.map(({ type, id }) => ({ __typename: type, id })), null], 'in order, null for an order that does not exist')
})

t.test('ids the gateway did not make are BAD_USER_INPUT; nodes takes at most 50', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  for (const id of ['', 'not base64!', 'ZG9tYWlu', base64('Planet:earth'), base64('Domain:'), base64(':x'), base64('Order:not-a-number'), base64('DomainTask:12'), base64('Event:x'), '012', 'ABCDEF00-0000-0000-0000-000000000000']) {
    const answer = await refetch(ctx, user, id)
    t.equal(answer.errors?.[0]?.extensions?.code, 'BAD_USER_INPUT', `"${id}" is refused`)
  }
  t.equal((await refetch(ctx, user, base64('Domain:no-such-domain-here.com'))).data.node, null, 'a well-formed id of nothing is null')
  t.equal((await refetch(ctx, user, '999999999')).data.node, null, 'a task that does not exist is null')
  t.equal((await refetch(ctx, user, '00000000-0000-0000-0000-000000000000')).data.node, null, 'an event that does not exist is null')

  const tooMany = Array.from({ length: 51 }, (_, i) => base64(`Order:${i + 1}`))
  const answer = await graphql(ctx, user.apiKey, 'query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: tooMany })
  t.match(answer.body.errors?.[0], { extensions: { code: 'BAD_USER_INPUT' } }, '51 ids are refused')
})

t.test('another tenant\'s objects are null', async t => {
  const ctx = await build(t)
  const other = ctx.sandbox.admin.createAccount({ seed: 'demo' })
  const alice = await seedUser(ctx, { role: 'operator' })
  const bob = await seedUser(ctx, { role: 'operator', account: other.nic })
  for (const { type, id } of await oneOfEach(t, ctx, alice)) {
    const answer = await refetch(ctx, bob, id)
    t.equal(answer.errors, undefined, `${type}: no error`)
    t.equal(answer.data.node, null, `alice's ${type} is null to bob`)
  }
})
