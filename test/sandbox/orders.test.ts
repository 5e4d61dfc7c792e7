// Sandbox ordering: documented availability rules, prices per TLD and currency, the cart lifecycle
// and its refusals, checkout, both payment flows, a declined card, cart expiry and the order status
// moving with the clock.
import t from 'tap'
import { ovhCall, serveSandbox } from './helpers.js'
import { createCart, createOrder, defaultPaymentMethod, freshName } from './order-helpers.js'

t.test('availability follows the documented rules', async t => {
  const served = await serveSandbox(t)
  const { cartId } = await createCart(served, [])
  const offer = async (domain: string) => {
    const answer = await ovhCall(served, { path: `/order/cart/${cartId}/domain?domain=${domain}` })
    return answer.status === 200 ? answer.body[0] : answer
  }
  t.match(await offer('fresh-name.com'), { action: 'create', pricingMode: 'create-default', orderable: true, prices: [{ label: 'PRICE', price: { value: 9.99, currencyCode: 'EUR' } }, { label: 'RENEW', price: { value: 11.99 } }] })
  t.match(await offer('taken-shop.com'), { action: 'transfer', pricingMode: 'transfer-default', orderable: true, duration: ['P1Y'] })
  t.match(await offer('google.fr'), { action: 'transfer', orderable: true }, 'a famous label is taken')
  t.match(await offer('demo-shop.com'), { action: 'transfer', orderable: false }, 'the account\'s own domain cannot be transferred to it')
  t.match(await offer('premium-deal.com'), { pricingMode: 'create-premium', prices: [{ label: 'PRICE', price: { value: 249.75 } }] })
  t.match(await offer('abc.io'), { pricingMode: 'create-premium' }, 'three letters are premium where the registry has premiums')
  t.match(await offer('abc.fr'), { pricingMode: 'create-default' }, '.fr has no premium names')
  t.match(await offer('reserved-name.org'), { orderable: false, prices: null })
  t.match(await offer('xn--caf-dma.io'), { orderable: false }, 'no IDN on .io')
  t.match(await offer('shop.co.uk'), { pricingMode: 'create-default', prices: [{ price: { value: 6.49 } }] }, 'a two-label extension')
  t.match(await offer('name.unknowntld'), { status: 400, body: { class: 'Client::BadRequest', message: /not available for sale/ } })
  t.match(await offer('bad_name.com'), { status: 400, body: { message: /Invalid domain name/ } })
  t.match(await offer('www.sub.com'), { status: 400 }, 'a subdomain is not a registrable name')
})

t.test('prices follow the cart\'s subsidiary', async t => {
  const served = await serveSandbox(t)
  const cart = (await ovhCall(served, { method: 'POST', path: '/order/cart', body: { ovhSubsidiary: 'GB' }, consumerKey: null })).body
  const offer = await ovhCall(served, { path: `/order/cart/${cart.cartId}/domain?domain=fresh.com` })
  t.match(offer.body[0].prices[0].price, { currencyCode: 'GBP', value: 8.59 })
  const catalog = await ovhCall(served, { path: '/order/catalog/public/domain?ovhSubsidiary=GB', consumerKey: null })
  t.match(catalog.body.locale, { currencyCode: 'GBP', subsidiary: 'GB', taxRate: 20 })
  const com = catalog.body.plans.find((plan: { planCode: string }) => plan.planCode === 'com')
  t.equal(com.pricings[0].price, 859_000_000, 'catalogue prices in micro-cents')
  const assign = await ovhCall(served, { method: 'POST', path: `/order/cart/${cart.cartId}/assign` })
  t.match(assign, { status: 400, body: { message: /GB subsidiary/ } }, 'a GB cart cannot go to a FR account')
})

t.test('extensions and registry configuration', async t => {
  const served = await serveSandbox(t)
  const all = (await ovhCall(served, { path: '/domain/extensions' })).body
  t.ok(all.includes('co.uk') && all.includes('berlin'))
  t.same(all, [...all].sort())
  t.equal((await ovhCall(served, { path: '/domain/extensions?orderBy=trending' })).body[0], 'com')
  t.same((await ovhCall(served, { path: '/domain/extensions?geolocalizations=city' })).body, ['berlin', 'paris'])
  const de = (await ovhCall(served, { path: '/domain/extensions/de/registryConfigurations' })).body
  t.same(de.lifecycle.create.allowedPeriodsInMonths, [12])
  t.equal((await ovhCall(served, { path: '/domain/extensions/nope' })).status, 404)
})

t.test('a cart from creation to delivered order', async t => {
  const served = await serveSandbox(t)
  const domain = freshName('berlin')
  const { cartId, itemIds: [itemId] } = await createCart(served, [domain], { duration: 'P2Y' })
  const required = (await ovhCall(served, { path: `/order/cart/${cartId}/item/${itemId}/requiredConfiguration` })).body
  t.same(required.map((r: { label: string }) => r.label), ['OWNER_LEGAL_AGE', 'OWNER_CONTACT', 'ADMIN_ACCOUNT', 'TECH_ACCOUNT', 'DNS', 'ACCEPT_CONDITIONS'])

  const dryRun = await ovhCall(served, { path: `/order/cart/${cartId}/checkout` })
  t.match(dryRun, { status: 400, body: { message: /Missing required configuration OWNER_LEGAL_AGE/ } })
  const configure = (label: string, value: string) => ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/item/${itemId}/configuration`, body: { label, value } })
  t.equal((await configure('OWNER_LEGAL_AGE', 'maybe')).status, 400, 'a bool configuration takes true or false')
  t.equal((await configure('AUTH_INFO', 'x')).status, 400, 'a create takes no auth code')
  t.equal((await configure('OWNER_CONTACT', '/me/contact/999')).status, 200, 'format checked now, existence at checkout')
  await configure('OWNER_LEGAL_AGE', 'true')
  await configure('ACCEPT_CONDITIONS', 'true')
  t.match(await ovhCall(served, { path: `/order/cart/${cartId}/checkout` }), { status: 400, body: { message: /Contact \/me\/contact\/999 does not exist/ } })
  // .berlin wants the owner or the admin in Berlin: the seeded individual lives there.
  const contactId = Object.values(served.sandbox.state.accounts['demo-ovh'].contacts).find(contact => contact.address?.city === 'Berlin')!.id
  await configure('OWNER_CONTACT', `/me/contact/${contactId}`)
  await configure('DNS', 'ns1.example.net,ns2.example.net')

  const preview = await ovhCall(served, { path: `/order/cart/${cartId}/checkout` })
  t.equal(preview.status, 200)
  t.match(preview.body, { orderId: null, details: [{ domain, unitPrice: { value: 79.98 } }], prices: { withoutTax: { value: 79.98 }, withTax: { value: 95.98 } } })
  t.ok(preview.body.contracts.some((contract: { name: string }) => contract.name === '.berlin registry policy'))

  const order = await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/checkout`, body: { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: true } })
  t.equal(order.status, 200)
  const orderId = order.body.orderId
  t.ok(orderId > 0)
  t.equal((await ovhCall(served, { path: `/order/cart/${cartId}` })).body.readOnly, true, 'the cart is frozen')
  t.match(await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/checkout`, body: {} }), { status: 400, body: { message: /already been checked out/ } })
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'notPaid')
  t.same((await ovhCall(served, { path: `/me/order/${orderId}/availableRegisteredPaymentMean` })).body, [{ paymentMean: 'creditCard' }, { paymentMean: 'ovhAccount' }])

  const methodId = await defaultPaymentMethod(served)
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/order/${orderId}/pay`, body: { paymentMethod: { id: methodId } } })).status, 200)
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'checking')
  t.match(await ovhCall(served, { method: 'POST', path: `/me/order/${orderId}/pay`, body: { paymentMethod: { id: methodId } } }), { status: 400, body: { message: /not waiting for a payment/ } })
  served.sandbox.admin.advanceClock({ seconds: 150 })
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'delivering')
  served.sandbox.admin.advanceClock({ seconds: 90 })
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'delivered')

  const [detailId] = (await ovhCall(served, { path: `/me/order/${orderId}/details` })).body
  t.match((await ovhCall(served, { path: `/me/order/${orderId}/details/${detailId}` })).body, { domain, quantity: '1', detailType: 'DURATION' })
  t.match((await ovhCall(served, { path: `/me/order/${orderId}/details/${detailId}/extension` })).body, { order: { plan: { code: 'berlin', duration: 'P2Y', pricingMode: 'create-default' } } })
})

t.test('payments: the legacy flow, a declined card, the account balance', async t => {
  const served = await serveSandbox(t)
  const methods: number[] = (await ovhCall(served, { path: '/me/payment/method' })).body
  const all = await Promise.all(methods.map(async id => (await ovhCall(served, { path: `/me/payment/method/${id}` })).body))
  const good = all.find(method => method.default)
  const declined = all.find(method => !method.default)
  const pay = (orderId: number, body: unknown) => ovhCall(served, { method: 'POST', path: `/me/order/${orderId}/payWithRegisteredPaymentMean`, body })

  const orderId = await createOrder(served, [freshName()])
  t.match(await pay(orderId, { paymentMean: 'creditCard' }), { status: 400, body: { message: /paymentMeanId is required/ } })
  t.match(await pay(orderId, { paymentMean: 'creditCard', paymentMeanId: declined.paymentMeanId }), { status: 400, body: { message: /card declined/ } })
  t.match(await pay(orderId, { paymentMean: 'ovhAccount' }), { status: 400, body: { message: /balance/ } })
  t.match(await pay(orderId, { paymentMean: 'paypal' }), { status: 400, body: { message: /no registered payment mean/ } })
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'notPaid', 'refused payments leave the order waiting')
  t.equal((await pay(orderId, { paymentMean: 'creditCard', paymentMeanId: good.paymentMeanId })).status, 200)
  t.equal((await ovhCall(served, { path: `/me/order/${orderId}/status` })).body, 'checking')

  const declinedNew = await createOrder(served, [freshName()])
  t.match(await ovhCall(served, { method: 'POST', path: `/me/order/${declinedNew}/pay`, body: { paymentMethod: { id: declined.paymentMethodId } } }), { status: 400, body: { message: /card declined/ } })

  const autoPaid = await createOrder(served, [freshName()], { pay: true })
  t.equal((await ovhCall(served, { path: `/me/order/${autoPaid}/status` })).body, 'checking', 'autoPayWithPreferredPaymentMethod pays with the default card')
})

t.test('carts expire, belong to one account, and refuse what OVH refuses', async t => {
  const served = await serveSandbox(t)
  const other = served.sandbox.admin.createAccount({ seed: 'empty' })
  const { cartId } = await createCart(served, [freshName()])
  t.match(await ovhCall(served, { path: `/order/cart/${cartId}/domain?domain=fresh.com`, consumerKey: other.consumerKey }), { status: 403, body: { class: 'Client::Forbidden', message: 'You are not allowed' } })
  t.match(await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/checkout`, body: {}, consumerKey: other.consumerKey }), { status: 403 })
  const unassigned = (await createCart(served, [], { assign: false })).cartId
  t.equal((await ovhCall(served, { path: `/order/cart/${unassigned}/domain?domain=fresh.com` })).status, 200, 'offers need no assigned cart')
  t.match(await ovhCall(served, { method: 'POST', path: `/order/cart/${unassigned}/checkout`, body: {} }), { status: 403 }, 'a checkout does')
  const add = (body: unknown) => ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/domain`, body })
  t.match(await add({ domain: 'fresh-x.de', duration: 'P2Y' }), { status: 400, body: { message: /use one of P1Y/ } })
  t.match(await add({ domain: 'fresh-x.com', pricingMode: 'create-premium' }), { status: 400, body: { message: /use create-default/ } })
  t.match(await add({ domain: 'reserved-x.com' }), { status: 400, body: { message: /cannot be ordered/ } })
  t.match(await add({ domain: 'fresh-x.com', quantity: 2 }), { status: 400 })

  served.sandbox.admin.advanceClock({ seconds: 24 * 3600 + 1 })
  t.match(await ovhCall(served, { path: `/order/cart/${cartId}` }), { status: 404, body: { class: 'Client::NotFound', message: `The requested object (cartId = ${cartId}) does not exist` } }, 'an expired cart is gone')
  t.equal((await ovhCall(served, { method: 'POST', path: '/order/cart', body: { ovhSubsidiary: 'FR', expire: '2001-01-01T00:00:00Z' } })).status, 400)
})

t.test('delivered orders create domain tasks that end with the domain on the account', async t => {
  const served = await serveSandbox(t)
  const created = freshName('fr')
  const { cartId, itemIds: [itemId] } = await createCart(served, [created], { configure: true, duration: 'P3Y' })
  await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/item/${itemId}/configuration`, body: { label: 'DNS', value: 'ns1.example.net,ns2.example.net' } })
  const transfer = await createCart(served, ['taken-moving.net'])
  const [transferItem] = transfer.itemIds
  for (const [label, value] of [['OWNER_LEGAL_AGE', 'true'], ['AUTH_INFO', 'wrong-code']]) {
    await ovhCall(served, { method: 'POST', path: `/order/cart/${transfer.cartId}/item/${transferItem}/configuration`, body: { label, value } })
  }
  const orders = []
  for (const id of [cartId, transfer.cartId]) {
    orders.push((await ovhCall(served, { method: 'POST', path: `/order/cart/${id}/checkout`, body: { autoPayWithPreferredPaymentMethod: true } })).body.orderId)
  }
  served.sandbox.admin.advanceClock({ seconds: 150 })
  const tasks = async (domain: string) => {
    const ids: number[] = (await ovhCall(served, { path: `/me/task/domain?domain=${domain}` })).body
    return Promise.all(ids.map(async id => (await ovhCall(served, { path: `/me/task/domain/${id}` })).body))
  }
  t.match(await tasks(created), [{ function: 'DomainCreate', status: 'todo' }])
  t.match(await tasks('taken-moving.net'), [{ function: 'DomainIncomingTransfer', status: 'todo' }])
  t.equal((await ovhCall(served, { path: `/domain/${created}` })).status, 404, 'not there before the task is done')

  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.match(await tasks(created), [{ function: 'DomainCreate', status: 'done' }])
  const domain = (await ovhCall(served, { path: `/domain/${created}` })).body
  t.match(domain, { domain: created, state: 'ok', nameServerType: 'external', transferLockStatus: 'locked' })
  t.same(domain.nameServers.map((ns: { nameServer: string }) => ns.nameServer), ['ns1.example.net', 'ns2.example.net'])
  const infos = (await ovhCall(served, { path: `/domain/${created}/serviceInfos` })).body
  // Calendar years, as registries count them (not 3 x 365 days).
  t.equal(infos.expiration, `${Number(infos.creation.slice(0, 4)) + 3}${String(infos.creation).slice(4)}`, 'three calendar years')
  t.ok((await ovhCall(served, { path: '/domain' })).body.includes(created))
  t.equal((await ovhCall(served, { path: `/me/order/${orders[0]}/status` })).body, 'delivered')

  const [failed] = await tasks('taken-moving.net')
  t.match(failed, { status: 'error', canRelaunch: true })
  t.equal((await ovhCall(served, { method: 'PUT', path: `/me/task/domain/${failed.id}/argument/authInfo`, body: { value: 'AUTH-TAKEN-MOVING.NET' } })).status, 200)
  t.equal((await ovhCall(served, { method: 'POST', path: `/me/task/domain/${failed.id}/relaunch` })).status, 200)
  served.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  t.match(await tasks('taken-moving.net'), [{ status: 'done' }])
  t.equal((await ovhCall(served, { path: '/domain/taken-moving.net' })).status, 200, 'the transferred domain joined the account')
})
