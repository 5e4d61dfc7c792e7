// Sandbox transfers and owner changes: the lock moving through unlocking/locking on the clock, the
// auth code only while unlocked, outgoing transfers approved or rejected with their token, the
// trade option ordered through a cart, and the eligibility rules a checkout enforces.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'
import { createCart } from './order-helpers.js'

t.test('the transfer lock moves through the scheduler, and guards the auth code', async t => {
  const served = await serveSandbox(t)
  const put = (domain: string, transferLockStatus: string) => ovhCall(served, { method: 'PUT', path: `/domain/${domain}`, body: { transferLockStatus } })
  const lock = async (domain: string) => (await ovhCall(served, { path: `/domain/${domain}` })).body.transferLockStatus

  t.equal(await lock('demo-shop.com'), 'locked')
  t.match(await ovhCall(served, { path: '/domain/demo-shop.com/authInfo' }), { status: 403, body: { class: 'Client::Forbidden', message: /locked/ } })
  const unlocking = await put('demo-shop.com', 'unlocked')
  t.match(unlocking, { status: 200, body: { transferLockStatus: 'unlocking' } })
  t.match(await put('demo-shop.com', 'locked'), { status: 400, body: { message: /already unlocking/ } })
  t.match(await ovhCall(served, { path: '/domain/demo-shop.com/authInfo' }), { status: 403 }, 'not while unlocking')
  const tasks: number[] = (await ovhCall(served, { path: '/domain/demo-shop.com/task?function=DomainUnlock' })).body
  t.equal(tasks.length, 1, 'a DomainUnlock task')
  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.equal(await lock('demo-shop.com'), 'unlocked')
  const code = await ovhCall(served, { path: '/domain/demo-shop.com/authInfo' })
  t.same([code.status, code.body], [200, 'AUTH-DEMO-SHOP.COM'], 'a JSON string')
  t.equal((await put('demo-shop.com', 'unlocked')).body.transferLockStatus, 'unlocked', 'setting it again changes nothing')

  t.match(await put('demo-shop.com', 'locking'), { status: 400, body: { message: /only locked or unlocked/ } })
  t.match(await put('demo-old.com', 'unlocked'), { status: 400, body: { message: /expired/ } })
  t.equal((await put('demo-shop.com', 'locked')).body.transferLockStatus, 'locking')
  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.equal(await lock('demo-shop.com'), 'locked')
})

t.test('an outgoing transfer is approved or rejected with its token', async t => {
  const served = await serveSandbox(t)
  const approve = (domain: string, approveType: string, ident: string) => ovhCall(served, { method: 'POST', path: `/domain/${domain}/outgoingTransfer/approve`, body: { approveType, ident } })
  t.match(await approve('demo-shop.com', 'accept', 'OUT-DEMO-SHOP.COM'), { status: 400, body: { message: /No outgoing transfer/ } })
  t.match(await approve('demo-leaving.org', 'accept', 'wrong'), { status: 400, body: { message: /Invalid ident/ } })
  t.equal((await approve('demo-leaving.org', 'accept', 'OUT-DEMO-LEAVING.ORG')).status, 200)
  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.notOk((await ovhCall(served, { path: '/domain' })).body.includes('demo-leaving.org'), 'the domain left the account')

  served.sandbox.state.accounts['demo-ovh'].domains['demo-blog.net'].state = 'outgoing_transfer'
  t.equal((await approve('demo-blog.net', 'reject', 'OUT-DEMO-BLOG.NET')).status, 200)
  t.match((await ovhCall(served, { path: '/domain/demo-blog.net' })).body, { state: 'ok', transferLockStatus: 'locked' })
})

t.test('an owner change is ordered through a cart and applied by its task', async t => {
  const served = await serveSandbox(t)
  const account = served.sandbox.state.accounts['demo-ovh']
  const [company, person] = Object.values(account.contacts)
  t.equal(account.domains['demo-shop.com'].contacts.owner, String(company.id))
  const option = await ovhCall(served, { path: '/order/cartServiceOption/domain/demo-shop.com' })
  t.match(option.body, [{ family: 'trade', planCode: 'com-trade', prices: [{ pricingMode: 'default', duration: 'P0Y', price: { value: 0 } }] }])
  t.match((await ovhCall(served, { path: '/order/cartServiceOption/domain/demo-studio.berlin' })).body, [], 'a suspended domain has no option')
  const berlin = await ovhCall(served, { path: '/order/cartServiceOption/domain/demo-old.com' })
  t.same(berlin.body, [], 'nor an expired one')

  const { cartId } = await createCart(served, [])
  const add = (body: Record<string, unknown>) => ovhCall(served, { method: 'POST', path: '/order/cartServiceOption/domain/demo-shop.com', body: { cartId, duration: 'P0Y', planCode: 'com-trade', pricingMode: 'default', quantity: 1, ...body } })
  t.match(await add({ duration: 'P1Y' }), { status: 400 })
  t.match(await add({ planCode: 'net-trade' }), { status: 400 })
  const item = await add({})
  t.match(item, { status: 200, body: { settings: { planCode: 'com-trade', pricingMode: 'default' }, productId: 'domain-trade' } })
  const required = (await ovhCall(served, { path: `/order/cart/${cartId}/item/${item.body.itemId}/requiredConfiguration` })).body
  t.match(required, [{ label: 'OWNER_CONTACT', required: true }])
  t.match(await ovhCall(served, { path: `/order/cart/${cartId}/checkout` }), { status: 400, body: { message: /OWNER_CONTACT/ } })
  await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/item/${item.body.itemId}/configuration`, body: { label: 'OWNER_CONTACT', value: `/me/contact/${person.id}` } })
  const order = await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/checkout`, body: { autoPayWithPreferredPaymentMethod: true } })
  t.equal(order.status, 200)
  served.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  const tasks = (await ovhCall(served, { path: '/domain/demo-shop.com/task?function=DomainTrade' })).body as number[]
  t.equal(tasks.length, 1)
  // Both owners must validate first (OVH-API.md 6.4 step 6): the task waits in todo meanwhile.
  const previous = account.domains['demo-shop.com'].contacts.owner
  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.match((await ovhCall(served, { path: `/domain/demo-shop.com/task/${tasks[0]}` })).body, { status: 'todo', comment: /validate/ })
  t.equal(account.domains['demo-shop.com'].contacts.owner, previous, 'not before the validation')
  served.sandbox.admin.advanceClock({ seconds: 24 * 3600 })
  t.match((await ovhCall(served, { path: `/domain/demo-shop.com/task/${tasks[0]}` })).body, { status: 'done', comment: null })
  t.equal(account.domains['demo-shop.com'].contacts.owner, String(person.id), 'the new owner')
})

t.test('a checkout enforces the eligibility rules', async t => {
  const served = await serveSandbox(t)
  const account = served.sandbox.state.accounts['demo-ovh']
  const roubaix = Object.values(account.contacts).find(contact => contact.address?.city === 'Roubaix')!
  const { cartId, itemIds: [itemId] } = await createCart(served, ['rules-check.berlin'], { configure: true })
  await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/item/${itemId}/configuration`, body: { label: 'OWNER_CONTACT', value: `/me/contact/${roubaix.id}` } })
  const refused = await ovhCall(served, { path: `/order/cart/${cartId}/checkout` })
  t.match(refused, { status: 400, body: { class: 'Client::BadRequest::DOMDOCRuleNotRespected' } })
  t.ok(Object.keys(refused.body.details).some(key => key.includes('city')), 'the failing field is named')
})
