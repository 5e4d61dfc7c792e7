// Transfers and owner changes through the gateway: an incoming transfer with a wrong then a right
// auth code, the transfer lock and the auth code, outgoing transfers, and a trade with its price
// shown before ordering.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

t.test('an incoming transfer with a wrong, then the right auth code', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'operator' })
  const domain = 'taken-moving-in.com'
  const offer = await graphql(ctx, user.apiKey, `{ availability(domains: ["${domain}"]) { status transferable pricingMode transferPrice { price { value } } } }`)
  t.match(offer.body.data.availability[0], { status: 'REGISTERED', transferable: true, pricingMode: 'transfer-default', transferPrice: { price: { value: 9.99 } } })

  const placed = await graphql(ctx, user.apiKey, 'mutation ($i: OrderDomainInput!) { orderDomain(input: $i, idempotencyKey: "transfer-1") { action order { orderId status } } }', { i: { ownerLegalAge: true, domain, authInfo: 'wrong-code' } })
  t.match(placed.body.data.orderDomain, { action: 'transfer', order: { status: 'checking' } })
  const orderId = placed.body.data.orderDomain.order.orderId
  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const TASK = 'query ($o: ID!) { order(orderId: $o) { details { task { id function status comment canRelaunch arguments { key value } } } } }'
  const failed = (await graphql(ctx, user.apiKey, TASK, { o: orderId })).body.data.order.details[0].task
  t.match(failed, { function: 'DomainIncomingTransfer', status: 'error', canRelaunch: true, comment: /authorization code/, arguments: [{ key: 'authInfo', value: '[redacted]' }] }, 'the wrong code is an auth code all the same: redacted')

  // The auth code ordered comes back in the order's plan: redacted for everyone, viewers included.
  const viewer = await seedUser(ctx, { role: 'viewer', slug: user.tenant.slug })
  const PLAN = 'query ($o: ID!) { order(orderId: $o) { details { plan { configurations { label value } } } } }'
  for (const who of [user, viewer]) {
    const plan = await graphql(ctx, who.apiKey, PLAN, { o: orderId })
    const configurations = plan.body.data.order.details[0].plan.configurations
    t.match(configurations.find((c: any) => c.label === 'AUTH_INFO'), { value: '[redacted]' }, 'the auth code is redacted')
    t.notOk(JSON.stringify(plan.body).includes('wrong-code'), 'nowhere in the answer')
  }
  // The order's cart is the user's too: its items show the code redacted as well.
  const carts = (await rest(ctx, user.apiKey, 'GET', '/v1/carts')).body.items
  const cartId = carts.find((cart: any) => String(cart.orderId) === String(orderId)).cartId
  const cartAnswers = [
    await graphql(ctx, user.apiKey, 'query ($c: ID!) { cart(cartId: $c) { items { configurations { label value } } } }', { c: cartId }),
    await rest(ctx, user.apiKey, 'GET', `/v1/carts/${cartId}`)
  ]
  t.match(cartAnswers[0].body.data.cart.items[0].configurations.find((c: any) => c.label === 'AUTH_INFO'), { value: '[redacted]' })
  t.notOk(cartAnswers.some(answer => JSON.stringify(answer.body).includes('wrong-code')), 'nor in the cart\'s')
  // REST links each line to its task, as GraphQL does.
  const viaRestOrder = await rest(ctx, user.apiKey, 'GET', `/v1/orders/${orderId}`)
  t.equal(viaRestOrder.body.details[0].taskId, Number(failed.id), 'REST order lines carry their task id')
  t.match(viaRestOrder.body.details[1], { detailType: 'INSTALLATION', domain, taskId: null }, 'the DNS zone line OVH adds created no domain task')
  t.notOk(JSON.stringify(viaRestOrder.body).includes('wrong-code'))

  const fix = 'mutation ($id: ID!, $code: String!) { retryIncomingTransfer(taskId: $id, authInfo: $code) { id status } }'
  const relaunched = await graphql(ctx, user.apiKey, fix, { id: failed.id, code: 'AUTH-TAKEN-MOVING-IN.COM' })
  t.match(relaunched.body.data.retryIncomingTransfer, { id: failed.id, status: 'todo' })
  const again = await graphql(ctx, user.apiKey, fix, { id: failed.id, code: 'x' })
  t.match(again.body.errors, [{ extensions: { code: 'CONFLICT' } }], 'a task not in error takes no correction')
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.equal((await graphql(ctx, user.apiKey, TASK, { o: orderId })).body.data.order.details[0].task.status, 'done')
  const mine = await graphql(ctx, user.apiKey, `{ domain(name: "${domain}") { name state } }`)
  t.match(mine.body.data.domain, { name: domain, state: 'ok' }, 'the domain joined the account')

  const viaRest = await rest(ctx, user.apiKey, 'POST', `/v1/transfers/incoming/${failed.id}/retry`, { authInfo: 'x' })
  t.match(viaRest.body, { code: 'CONFLICT', status: 409, reason: 'TASK_NOT_IN_ERROR', task: { status: String } }, 'the problem\'s status is the HTTP status, the task\'s is under task')

  // Only an incoming transfer takes an auth code: another task is refused before OVH hears of it.
  const other = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domainTasks).find(task => task.function !== 'DomainIncomingTransfer')!
  const since = lastCallId(ctx.sandbox)
  const wrongTask = await graphql(ctx, user.apiKey, fix, { id: String(other.id), code: 'AUTH-X' })
  t.match(wrongTask.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'taskId' }] } }])
  t.notOk(ctx.sandbox.admin.calls({ since }).some(call => call.method !== 'GET'), 'nothing set on OVH')
  t.equal((await rest(ctx, user.apiKey, 'POST', '/v1/transfers/incoming/999999999/retry', { authInfo: 'x' })).statusCode, 404)
})

t.test('the transfer lock, the auth code and outgoing transfers', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: operator.tenant.slug })
  const AUTH = 'query ($d: String!) { authInfo(domain: $d) }'

  const locked = await graphql(ctx, operator.apiKey, AUTH, { d: 'demo-shop.com' })
  t.match(locked.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'TRANSFER_LOCKED', ovh: { status: 403 } } }])
  const unlock = await graphql(ctx, operator.apiKey, 'mutation { setTransferLock(domain: "demo-shop.com", locked: false) { name transferLockStatus } }')
  t.same(unlock.body.data.setTransferLock, { name: 'demo-shop.com', transferLockStatus: 'unlocking' })
  t.equal((await graphql(ctx, operator.apiKey, AUTH, { d: 'demo-shop.com' })).body.errors?.[0].extensions.reason, 'TRANSFER_LOCKED', 'still unlocking')
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.equal((await graphql(ctx, operator.apiKey, '{ domain(name: "demo-shop.com") { transferLockStatus } }')).body.data.domain.transferLockStatus, 'unlocked')
  t.same((await graphql(ctx, operator.apiKey, AUTH, { d: 'demo-shop.com' })).body.data, { authInfo: 'AUTH-DEMO-SHOP.COM' })
  t.match(await rest(ctx, operator.apiKey, 'GET', '/v1/domains/demo-shop.com/auth-info'), { statusCode: 200, body: { authInfo: 'AUTH-DEMO-SHOP.COM' } })
  const since = lastCallId(ctx.sandbox)
  t.equal((await graphql(ctx, viewer.apiKey, AUTH, { d: 'demo-shop.com' })).body.errors?.[0].extensions.code, 'FORBIDDEN', 'viewers do not get auth codes')
  t.equal(ctx.sandbox.admin.calls({ since }).length, 0)
  const relock = await rest(ctx, operator.apiKey, 'PUT', '/v1/domains/demo-shop.com/transfer-lock', { locked: true })
  t.match(relock, { statusCode: 200, body: { transferLockStatus: 'locking' } })
  t.equal((await rest(ctx, operator.apiKey, 'PUT', '/v1/domains/demo-old.com/transfer-lock', { locked: false })).body.code, 'OVH_ERROR', 'an expired domain keeps its lock')

  const wrong = await graphql(ctx, operator.apiKey, 'mutation { approveOutgoingTransfer(domain: "demo-leaving.org", approve: true, ident: "nope") }')
  t.match(wrong.body.errors, [{ extensions: { code: 'OVH_ERROR', ovh: { message: /Invalid ident/ } } }])
  const approved = await rest(ctx, operator.apiKey, 'POST', '/v1/domains/demo-leaving.org/outgoing-transfer', { approve: true, ident: 'OUT-DEMO-LEAVING.ORG' })
  t.match(approved, { statusCode: 200, body: { approved: true } })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.equal((await graphql(ctx, operator.apiKey, '{ domain(name: "demo-leaving.org") { name } }')).body.data.domain, null, 'gone to its new registrar')
})

t.test('an owner change, priced before it is ordered', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx, { role: 'admin' })
  await rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/berlin', { marginType: 'fixed', marginValue: 5 })
  const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
  account.domains['demo-studio.berlin'].state = 'ok'
  account.domains['demo-studio.berlin'].suspensionState = 'not_suspended'
  const quote = await graphql(ctx, admin.apiKey, '{ com: tradeQuote(domain: "demo-shop.com") { planCode pricingMode duration price { price { value } cost { value } } } berlin: tradeQuote(domain: "demo-studio.berlin") { planCode price { price { value } cost { value } rule } } old: tradeQuote(domain: "demo-old.com") { planCode } }')
  t.match(quote.body.data, {
    com: { planCode: 'com-trade', pricingMode: 'default', duration: 'P0Y', price: { price: { value: 0 }, cost: { value: 0 } } },
    berlin: { planCode: 'berlin-trade', price: { price: { value: 24.99 }, cost: { value: 19.99 }, rule: 'berlin' } },
    old: null
  })
  t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/domains/demo-studio.berlin/trade-quote'), { body: { price: { price: { value: 24.99 } } } })

  const TRADE = 'mutation ($d: String!, $o: OrderOwnerInput!, $k: String!) { tradeDomain(domain: $d, owner: $o, idempotencyKey: $k) { replayed action ownerContactId order { orderId status prices { withTax { price { value } } } } task { function } } }'
  const refused = await graphql(ctx, admin.apiKey, TRADE, { d: 'demo-agency.fr', k: 'trade-0', o: { contact: { legalForm: 'individual', firstName: 'Sam', lastName: 'Smith', email: 'sam@example.com', phone: '+1.5555550100', language: 'en_GB', address: { line1: '1 Main St', city: 'Boston', zip: '02101', country: 'US' } } } })
  t.match(refused.body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
  t.ok(refused.body.errors?.[0].extensions.fields.some((f: any) => f.field === 'owner.contact.address.country'), '.fr owners live in the EU')

  const berliner = Object.values(account.contacts).find(contact => contact.address?.city === 'Berlin')!
  const traded = await graphql(ctx, admin.apiKey, TRADE, { d: 'demo-shop.com', k: 'trade-1', o: { contactId: berliner.id } })
  t.match(traded.body.data.tradeDomain, { replayed: false, action: 'trade', ownerContactId: String(berliner.id), order: { status: 'checking', prices: { withTax: { price: { value: 0 } } } }, task: null }, 'a free trade paid with fidelity points')
  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const replay = await graphql(ctx, admin.apiKey, TRADE, { d: 'demo-shop.com', k: 'trade-1', o: { contactId: berliner.id } })
  t.match(replay.body.data.tradeDomain, { replayed: true, task: { function: 'DomainTrade' } })
  const viaRest = await ctx.app.inject({ method: 'POST', url: '/v1/domains/demo-shop.com/trade', headers: { authorization: `Bearer ${admin.apiKey}`, 'idempotency-key': 'trade-1' }, payload: { owner: { contactId: berliner.id } } })
  t.equal(viaRest.statusCode, 200, 'the same key over REST replays')
  t.equal(viaRest.headers['idempotent-replayed'], 'true')
  // OVH waits for both owners to validate (emails): the task waits in todo, the owner is unchanged.
  const OWNER = '{ domain(name: "demo-shop.com") { contactOwner { id } } }'
  const before = account.domains['demo-shop.com'].contacts.owner
  t.match(replay.body.data.tradeDomain, { task: { function: 'DomainTrade' } })
  const TASK = 'query ($o: ID!) { order(orderId: $o) { details { task { function status comment } } } }'
  const waiting = (await graphql(ctx, admin.apiKey, TASK, { o: traded.body.data.tradeDomain.order.orderId })).body.data.order.details[0].task
  t.match(waiting, { function: 'DomainTrade', status: 'todo', comment: /validate/ }, 'waiting for the owners\' validation')
  ctx.sandbox.admin.advanceClock({ seconds: 12 * 3600 })
  t.equal((await graphql(ctx, admin.apiKey, OWNER)).body.data.domain.contactOwner.id, before, 'not yet validated: the owner is unchanged')
  // Both owners validate one day after the task was created (sandbox time); then it runs.
  ctx.sandbox.admin.advanceClock({ seconds: 12 * 3600 + 10 * 60 })
  const done = (await graphql(ctx, admin.apiKey, TASK, { o: traded.body.data.tradeDomain.order.orderId })).body.data.order.details[0].task
  t.match(done, { function: 'DomainTrade', status: 'done' })
  const owner = await graphql(ctx, admin.apiKey, OWNER)
  t.equal(owner.body.data.domain.contactOwner.id, String(berliner.id), 'the new owner')
})
