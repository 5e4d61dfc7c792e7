// Every route the sandbox serves exists in ovh-api/v1-eu with the same method, has at least one
// example call below, and answers bodies that validate against OVH's own models.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { checkValue } from '../../src/sandbox/schema/check.js'
import { sharedOvhSchema } from '../../src/sandbox/schema/load.js'
import { DOMAIN_TEMPLATES } from '../../src/sandbox/seed/domain-templates.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'
import { createContact } from '../../src/sandbox/model/contacts.js'
import { requestContactChanges } from '../../src/sandbox/model/contact-changes.js'
import { refreshObfuscated, setObfuscated, setOptin } from '../../src/sandbox/model/whois.js'
import type { DomainTaskState } from '../../src/sandbox/model/domain-tasks.js'
import { createZoneTask } from '../../src/sandbox/model/zone-tasks.js'
import { createDynHostLogin, createDynHostRecord, createRedirection } from '../../src/sandbox/model/zone-features.js'
import { formatDateTime } from '../../src/sandbox/time.js'
import { addSmdFile, sampleSmdFile } from '../../src/sandbox/model/smd-files.js'
import { ovhCall, serveSandbox } from './helpers.js'
import { fromRoot } from '../support/paths.js'
import type { OvhCall, Served } from './helpers.js'
import { createCart, createOrder, defaultPaymentMethod, freshName } from './order-helpers.js'
import { owner } from '../support/owner.js'
import { ovhCoverage } from '../../scripts/ovh-coverage.js'

interface Example {
  // What the example shows, for failure messages.
  title: string
  call: (served: Served) => OvhCall | Promise<OvhCall>
  // Answered as a batch read: [{key, value, error}] with each value of the responseType.
  batch?: boolean
}

const demoDomains = DOMAIN_TEMPLATES.map(template => `demo-${template.label}.${template.tld}`)
const demoZones = DOMAIN_TEMPLATES.filter(template => template.dns === 'hosted').map(template => `demo-${template.label}.${template.tld}`)

const zoneOf = (sandbox: Sandbox, name: string) => sandbox.state.accounts['demo-ovh'].zones![name]
const shopRecordIds = (sandbox: Sandbox) => Object.keys(zoneOf(sandbox, 'demo-shop.com').records).slice(0, 12)
const recordIdOf = (sandbox: Sandbox, subDomain: string) => Object.values(zoneOf(sandbox, 'demo-shop.com').records).find(r => r.subDomain === subDomain)!.id
const taskIdOf = (sandbox: Sandbox, zone: string, status: string) => Object.values(zoneOf(sandbox, zone).tasks).find(task => task.status === status)!.id
const domainOf = (sandbox: Sandbox, name: string) => sandbox.state.accounts['demo-ovh'].domains[name]
const withGlue = (sandbox: Sandbox) => {
  domainOf(sandbox, 'demo-agency.fr').glueRecords ??= { 'ns1.demo-agency.fr': ['192.0.2.53'] }
  return 'ns1.demo-agency.fr'
}
const withDs = (sandbox: Sandbox) => {
  const domain = domainOf(sandbox, 'demo-app.io')
  domain.dsRecords ??= [{ id: 9_000_001, algorithm: 13, flags: 257, publicKey: 'AwEAAa==', tag: 2371, status: 'active' }]
  return domain.dsRecords[0].id
}
// Redirections, DynHost logins and records, restore points of the demo shop's zone, made when needed.
const shopZone = (sandbox: Sandbox) => zoneOf(sandbox, 'demo-shop.com')
const newRedirection = (sandbox: Sandbox, subDomain = `go${Object.keys(shopZone(sandbox).redirections ?? {}).length}`) =>
  createRedirection(sandbox.state, shopZone(sandbox), { subDomain, target: 'https://example.net/', type: 'visible' }, sandbox.clock.now()).id
const newDynHostLogin = (sandbox: Sandbox) => createDynHostLogin(shopZone(sandbox), { loginSuffix: `c${Object.keys(shopZone(sandbox).dynHostLogins ?? {}).length}`, password: 'Secret-pass-1', subDomain: 'home' }).login
const newDynHostRecord = (sandbox: Sandbox) => createDynHostRecord(sandbox.state, shopZone(sandbox), { ip: '192.0.2.80', subDomain: `host${Object.keys(shopZone(sandbox).dynHostRecords ?? {}).length}` }).id
const restorePoint = (sandbox: Sandbox) => encodeURIComponent(formatDateTime(shopZone(sandbox).history![0].creation))
const newZoneTask = (sandbox: Sandbox, zone: string) => createZoneTask(sandbox, sandbox.state.accounts['demo-ovh'], zoneOf(sandbox, zone), 'ZoneImport', { zoneFile: '@ IN A 192.0.2.1' }).id

// ---- Orders: extensions, catalogue, carts, items, checkout, orders and payment ----
const item = async (served: Served, domain = freshName()) => {
  const { cartId, itemIds } = await createCart(served, [domain])
  return { cartId, itemId: itemIds[0] }
}
const configured = async (served: Served, domain = freshName()) => {
  const { cartId, itemIds } = await createCart(served, [domain], { configure: true })
  return { cartId, itemId: itemIds[0] }
}
const withCoupon = async (served: Served) => {
  const { cartId } = await item(served)
  await ovhCall(served, { method: 'POST', path: `/order/cart/${cartId}/coupon`, body: { coupon: 'WELCOME10' } })
  return { cartId }
}
const firstConfiguration = async (served: Served) => {
  const { cartId, itemId } = await configured(served)
  const ids = (await ovhCall(served, { path: `/order/cart/${cartId}/item/${itemId}/configuration` })).body as number[]
  return { cartId, itemId, configurationId: ids[0] }
}
const orderDetail = async (served: Served) => {
  const orderId = await createOrder(served, [freshName('fr')])
  const ids = (await ovhCall(served, { path: `/me/order/${orderId}/details` })).body as number[]
  return { orderId, detailId: ids[0] }
}
// Bills: the demo account's seeded ones, and the bill of an order paid at checkout.
const demoBill = (sandbox: Sandbox) => Object.values(sandbox.state.accounts['demo-ovh'].bills!)[0]
const demoBillId = (sandbox: Sandbox) => demoBill(sandbox).billId
const billOf = (sandbox: Sandbox, billId: string) => sandbox.state.accounts['demo-ovh'].bills![billId]
const paidOrderBill = async (served: Served) => {
  const orderId = await createOrder(served, [freshName()], { pay: true })
  return Object.values(served.sandbox.state.accounts['demo-ovh'].bills!).find(bill => bill.orderId === orderId)!.billId
}
const ORDER_EXAMPLES: Record<string, Example[]> = {
  'GET /domain/extensions': [
    { title: 'all, alphabetical', call: () => ({ path: '/domain/extensions' }) },
    { title: 'trending in Europe', call: () => ({ path: '/domain/extensions?orderBy=trending&geolocalizations=europe&ovhSubsidiary=FR' }) }
  ],
  'GET /domain/extensions/byCategory': [
    { title: 'both types', call: () => ({ path: '/domain/extensions/byCategory' }) },
    { title: 'thematic only', call: () => ({ path: '/domain/extensions/byCategory?categoryType=thematic' }) }
  ],
  'GET /domain/extensions/highlighted': [{ title: 'FR', call: () => ({ path: '/domain/extensions/highlighted?ovhSubsidiary=FR' }) }],
  'GET /domain/extensions/pricingAttributes': [{ title: 'FR', call: () => ({ path: '/domain/extensions/pricingAttributes?ovhSubsidiary=FR' }) }],
  'GET /domain/data/claimNotice': ['acme.store', 'globex.store'].map(domain => ({ title: domain, call: () => ({ path: `/domain/data/claimNotice?domain=${domain}`, consumerKey: null }) })),
  'GET /order/cart/{cartId}/coupon': [{ title: 'a coupon', call: async served => ({ path: `/order/cart/${(await withCoupon(served)).cartId}/coupon`, consumerKey: null }) }],
  'POST /order/cart/{cartId}/coupon': [{ title: 'WELCOME10', call: async served => ({ method: 'POST', path: `/order/cart/${(await item(served)).cartId}/coupon`, body: { coupon: 'WELCOME10' } }) }],
  'DELETE /order/cart/{cartId}/coupon': [{ title: 'WELCOME10', call: async served => ({ method: 'DELETE', path: `/order/cart/${(await withCoupon(served)).cartId}/coupon?coupon=WELCOME10` }) }],
  'GET /domain/extensions/{name}': [{ title: 'co.uk', call: () => ({ path: '/domain/extensions/co.uk' }) }],
  'GET /domain/extensions/{name}/registryConfigurations': ['com', 'de', 'berlin', 'io'].map(tld => ({ title: tld, call: () => ({ path: `/domain/extensions/${tld}/registryConfigurations` }) })),
  'GET /order/catalog/public/domain': [
    { title: 'FR, no key', call: () => ({ path: '/order/catalog/public/domain?ovhSubsidiary=FR', applicationKey: null, consumerKey: null }) },
    { title: 'GB', call: () => ({ path: '/order/catalog/public/domain?ovhSubsidiary=GB' }) }
  ],
  'POST /order/cart': [
    { title: 'without a key', call: () => ({ method: 'POST', path: '/order/cart', consumerKey: null, body: { ovhSubsidiary: 'FR' } }) },
    { title: 'with description and expiry', call: ({ sandbox }) => ({ method: 'POST', path: '/order/cart', body: { ovhSubsidiary: 'GB', description: 'storefront', expire: new Date(sandbox.clock.now() + 3_600_000).toISOString() } }) }
  ],
  'GET /order/cart': [
    { title: 'the account\'s carts', call: async served => { await item(served); return { path: '/order/cart' } } },
    { title: 'by description', call: () => ({ path: '/order/cart?description=test%20cart' }) }
  ],
  'GET /order/cart/{cartId}': [{ title: 'a cart with an item', call: async served => ({ path: `/order/cart/${(await item(served)).cartId}`, consumerKey: null }) }],
  'PUT /order/cart/{cartId}': [{ title: 'new description', call: async served => ({ method: 'PUT', path: `/order/cart/${(await item(served)).cartId}`, body: { description: 'renamed' } }) }],
  'DELETE /order/cart/{cartId}': [{ title: 'an assigned cart', call: async served => ({ method: 'DELETE', path: `/order/cart/${(await item(served)).cartId}` }) }],
  'POST /order/cart/{cartId}/assign': [{ title: 'a new cart', call: async served => ({ method: 'POST', path: `/order/cart/${(await createCart(served, [], { assign: false })).cartId}/assign` }) }],
  'GET /order/cart/{cartId}/domain': ['fresh-name.com', 'taken-shop.com', 'premium-deal.io', 'reserved-x.fr', 'demo-shop.com', 'abc.shop'].map(domain => ({
    title: domain,
    call: async (served: Served) => ({ path: `/order/cart/${(await createCart(served, [])).cartId}/domain?domain=${domain}` })
  })),
  'POST /order/cart/{cartId}/domain': [
    { title: 'a create for two years', call: async served => ({ method: 'POST', path: `/order/cart/${(await createCart(served, [])).cartId}/domain`, body: { domain: freshName(), duration: 'P2Y' } }) },
    { title: 'a transfer with every field', call: async served => ({ method: 'POST', path: `/order/cart/${(await createCart(served, [])).cartId}/domain`, body: { domain: 'taken-shop.fr', duration: 'P1Y', planCode: 'fr', pricingMode: 'transfer-default', quantity: 1 } }) }
  ],
  'GET /order/cart/{cartId}/domain/options': [
    { title: 'a registration\'s options', call: async served => { const name = freshName(); const cart = await createCart(served, [name]); return { path: `/order/cart/${cart.cartId}/domain/options?domain=${name}`, consumerKey: null } } },
    { title: 'a name not in the cart', call: async served => ({ path: `/order/cart/${(await createCart(served, [])).cartId}/domain/options?domain=${freshName()}`, consumerKey: null }) }
  ],
  'POST /order/cart/{cartId}/domain/options': [{
    title: 'DNS Anycast for two years',
    call: async served => {
      const cart = await createCart(served, [freshName()], { duration: 'P2Y' })
      return { method: 'POST', path: `/order/cart/${cart.cartId}/domain/options`, consumerKey: null, body: { itemId: cart.itemIds[0], planCode: 'dns-anycast', duration: 'P2Y', pricingMode: 'default', quantity: 1 } }
    }
  }],
  'GET /order/cart/{cartId}/item': [{ title: 'one item', call: async served => ({ path: `/order/cart/${(await item(served)).cartId}/item`, consumerKey: null }) }],
  'GET /order/cart/{cartId}/item/{itemId}': [{ title: 'a configured item', call: async served => { const { cartId, itemId } = await configured(served); return { path: `/order/cart/${cartId}/item/${itemId}` } } }],
  'PUT /order/cart/{cartId}/item/{itemId}': [{ title: 'three years', call: async served => { const { cartId, itemId } = await item(served); return { method: 'PUT', path: `/order/cart/${cartId}/item/${itemId}`, body: { duration: 'P3Y', quantity: 1 } } } }],
  'DELETE /order/cart/{cartId}/item/{itemId}': [{ title: 'an item', call: async served => { const { cartId, itemId } = await item(served); return { method: 'DELETE', path: `/order/cart/${cartId}/item/${itemId}` } } }],
  'GET /order/cart/{cartId}/item/{itemId}/requiredConfiguration': [
    { title: 'a create', call: async served => { const { cartId, itemId } = await item(served); return { path: `/order/cart/${cartId}/item/${itemId}/requiredConfiguration` } } },
    { title: 'a .berlin transfer', call: async served => { const { cartId, itemId } = await item(served, 'taken-club.berlin'); return { path: `/order/cart/${cartId}/item/${itemId}/requiredConfiguration` } } }
  ],
  'GET /order/cart/{cartId}/item/{itemId}/configuration': [
    { title: 'all', call: async served => { const { cartId, itemId } = await configured(served); return { path: `/order/cart/${cartId}/item/${itemId}/configuration` } } },
    { title: 'by label', call: async served => { const { cartId, itemId } = await configured(served); return { path: `/order/cart/${cartId}/item/${itemId}/configuration?label=OWNER_LEGAL_AGE` } } }
  ],
  'POST /order/cart/{cartId}/item/{itemId}/configuration': [
    { title: 'DNS', call: async served => { const { cartId, itemId } = await item(served); return { method: 'POST', path: `/order/cart/${cartId}/item/${itemId}/configuration`, body: { label: 'DNS', value: 'ns1.example.net,ns2.example.net' } } } }
  ],
  'GET /order/cart/{cartId}/item/{itemId}/configuration/{configurationId}': [
    { title: 'legal age', call: async served => { const c = await firstConfiguration(served); return { path: `/order/cart/${c.cartId}/item/${c.itemId}/configuration/${c.configurationId}` } } }
  ],
  'DELETE /order/cart/{cartId}/item/{itemId}/configuration/{configurationId}': [
    { title: 'legal age', call: async served => { const c = await firstConfiguration(served); return { method: 'DELETE', path: `/order/cart/${c.cartId}/item/${c.itemId}/configuration/${c.configurationId}` } } }
  ],
  'GET /order/cart/{cartId}/summary': [
    { title: 'two items', call: async served => ({ path: `/order/cart/${(await createCart(served, [freshName(), 'taken-shop.net'])).cartId}/summary`, consumerKey: null }) },
    { title: 'empty', call: async served => ({ path: `/order/cart/${(await createCart(served, [])).cartId}/summary` }) }
  ],
  'GET /order/cart/{cartId}/checkout': [{ title: 'dry run', call: async served => ({ path: `/order/cart/${(await configured(served)).cartId}/checkout` }) }],
  'POST /order/cart/{cartId}/checkout': [
    { title: 'paid automatically', call: async served => ({ method: 'POST', path: `/order/cart/${(await configured(served)).cartId}/checkout`, body: { autoPayWithPreferredPaymentMethod: true, waiveRetractationPeriod: true } }) },
    { title: 'empty body', call: async served => ({ method: 'POST', path: `/order/cart/${(await configured(served, 'taken-shop.io')).cartId}/checkout`, body: {} }) }
  ],
  'GET /me': [{ title: 'the calling NIC', call: () => ({ path: '/me' }) }],
  'GET /me/order': [
    { title: 'all', call: async served => { await createOrder(served, [freshName()]); return { path: '/me/order' } } },
    { title: 'by date', call: () => ({ path: '/me/order?date.from=2020-01-01T00:00:00Z&date.to=2100-01-01T00:00:00Z' }) }
  ],
  'GET /me/order/{orderId}': [
    { title: 'an order', call: async served => ({ path: `/me/order/${await createOrder(served, [freshName()])}` }) },
    { title: 'batch with a missing id', batch: true, call: async served => ({ path: `/me/order/${await createOrder(served, [freshName()])},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /me/order/{orderId}/status': [
    { title: 'not paid', call: async served => ({ path: `/me/order/${await createOrder(served, [freshName()])}/status` }) },
    { title: 'paid', call: async served => ({ path: `/me/order/${await createOrder(served, [freshName()], { pay: true })}/status` }) }
  ],
  'GET /me/order/{orderId}/details': [{ title: 'two lines', call: async served => ({ path: `/me/order/${await createOrder(served, [freshName(), freshName('eu')])}/details` }) }],
  'GET /me/order/{orderId}/details/{orderDetailId}': [
    { title: 'a line', call: async served => { const { orderId, detailId } = await orderDetail(served); return { path: `/me/order/${orderId}/details/${detailId}` } } },
    { title: 'batch with a missing id', batch: true, call: async served => { const { orderId, detailId } = await orderDetail(served); return { path: `/me/order/${orderId}/details/${detailId},1`, headers: { 'x-ovh-batch': ',' } } } }
  ],
  'GET /me/order/{orderId}/details/{orderDetailId}/extension': [
    { title: 'a line', call: async served => { const { orderId, detailId } = await orderDetail(served); return { path: `/me/order/${orderId}/details/${detailId}/extension` } } }
  ],
  'GET /me/order/{orderId}/availableRegisteredPaymentMean': [{ title: 'not paid', call: async served => ({ path: `/me/order/${await createOrder(served, [freshName()])}/availableRegisteredPaymentMean` }) }],
  'POST /me/order/{orderId}/payWithRegisteredPaymentMean': [{
    title: 'the default card',
    call: async served => {
      const orderId = await createOrder(served, [freshName()])
      const method = (await ovhCall(served, { path: `/me/payment/method/${await defaultPaymentMethod(served)}` })).body
      return { method: 'POST', path: `/me/order/${orderId}/payWithRegisteredPaymentMean`, body: { paymentMean: 'creditCard', paymentMeanId: method.paymentMeanId } }
    }
  }],
  'POST /me/order/{orderId}/pay': [{
    title: 'the default payment method',
    call: async served => ({ method: 'POST', path: `/me/order/${await createOrder(served, [freshName()])}/pay`, body: { paymentMethod: { id: await defaultPaymentMethod(served) } } })
  }],
  'GET /me/bill': [
    { title: 'all (seeded, and a paid order\'s)', call: async served => { await createOrder(served, [freshName()], { pay: true }); return { path: '/me/bill' } } },
    { title: 'by date and category', call: () => ({ path: '/me/bill?date.from=2020-01-01T00:00:00Z&date.to=2100-01-01T00:00:00Z&category=autorenew' }) },
    { title: 'of an order', call: async served => ({ path: `/me/bill?orderId=${await createOrder(served, [freshName()], { pay: true })}` }) }
  ],
  'GET /me/bill/{billId}': [
    { title: 'a seeded bill', call: ({ sandbox }) => ({ path: `/me/bill/${demoBillId(sandbox)}` }) },
    { title: 'a paid order\'s bill', call: async served => ({ path: `/me/bill/${await paidOrderBill(served)}` }) },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/bill/${demoBillId(sandbox)},FR1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /me/bill/{billId}/details': [{ title: 'a paid order\'s bill', call: async served => ({ path: `/me/bill/${await paidOrderBill(served)}/details` }) }],
  'GET /me/bill/{billId}/details/{billDetailId}': [
    { title: 'a seeded line', call: ({ sandbox }) => ({ path: `/me/bill/${demoBillId(sandbox)}/details/${demoBill(sandbox).lines[0].billDetailId}` }) },
    { title: 'a zone line', call: async served => { const billId = await paidOrderBill(served); return { path: `/me/bill/${billId}/details/${billOf(served.sandbox, billId).lines[1].billDetailId}` } } },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/bill/${demoBillId(sandbox)}/details/${demoBill(sandbox).lines[0].billDetailId},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /me/bill/{billId}/payment': [
    { title: 'a seeded bill', call: ({ sandbox }) => ({ path: `/me/bill/${demoBillId(sandbox)}/payment` }) },
    { title: 'a paid order\'s bill', call: async served => ({ path: `/me/bill/${await paidOrderBill(served)}/payment` }) }
  ],
  'GET /me/payment/method': [
    { title: 'all', call: () => ({ path: '/me/payment/method' }) },
    { title: 'the default one', call: () => ({ path: '/me/payment/method?default=true&status=VALID&paymentType=CREDIT_CARD' }) }
  ],
  'GET /me/payment/method/{paymentMethodId}': [
    { title: 'the default one', call: async served => ({ path: `/me/payment/method/${await defaultPaymentMethod(served)}` }) },
    { title: 'batch with a missing id', batch: true, call: async served => ({ path: `/me/payment/method/${await defaultPaymentMethod(served)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /order/cartServiceOption/domain': [
    { title: 'every domain', call: () => ({ path: '/order/cartServiceOption/domain' }) },
    { title: 'by owner', call: ({ sandbox }) => ({ path: `/order/cartServiceOption/domain?whoisOwner=${sandbox.state.accounts['demo-ovh'].domains['demo-shop.com'].contacts.owner}` }) }
  ],
  'GET /order/cartServiceOption/domain/{serviceName}': ['demo-shop.com', 'demo-studio.berlin', 'demo-old.com', 'demo-closing.net'].map(name => ({ title: name, call: () => ({ path: `/order/cartServiceOption/domain/${name}` }) })),
  'POST /order/cartServiceOption/domain/{serviceName}': [{
    title: 'an owner change',
    call: async served => ({ method: 'POST', path: '/order/cartServiceOption/domain/demo-shop.com', body: { cartId: (await createCart(served, [])).cartId, duration: 'P0Y', planCode: 'com-trade', pricingMode: 'default', quantity: 1 } })
  }, {
    title: 'a restore out of redemption',
    call: async served => ({ method: 'POST', path: '/order/cartServiceOption/domain/demo-closing.net', body: { cartId: (await createCart(served, [])).cartId, duration: 'P1Y', planCode: 'net-restore', pricingMode: 'default', quantity: 1 } })
  }],
  'GET /domain/{serviceName}/authInfo': [{ title: 'an unlocked domain', call: () => ({ path: '/domain/demo-leaving.org/authInfo' }) }],
  'POST /domain/{serviceName}/outgoingTransfer/approve': (['accept', 'reject'] as const).map(approveType => ({
    title: approveType,
    call: ({ sandbox }: Served) => {
      sandbox.state.accounts['demo-ovh'].domains['demo-blog.net'].state = 'outgoing_transfer'
      return { method: 'POST' as const, path: '/domain/demo-blog.net/outgoingTransfer/approve', body: { approveType, ident: 'OUT-DEMO-BLOG.NET' } }
    }
  }))
}

// One entry per served route ('METHOD /schema/path'). A route without an entry fails this test:
// whoever adds a route adds its examples here.
const EXAMPLES: Record<string, Example[]> = {
  'GET /auth/time': [
    { title: 'without any key', call: () => ({ path: '/auth/time', applicationKey: null, consumerKey: null }) }
  ],
  'POST /auth/credential': [
    {
      title: 'rules, redirection and allowed IPs',
      call: () => ({
        method: 'POST',
        path: '/auth/credential',
        consumerKey: null,
        body: { accessRules: [{ method: 'GET', path: '/domain' }, { method: 'GET', path: '/domain/*' }], redirection: 'https://app.example/cb', allowedIPs: ['203.0.113.0/24'] }
      })
    },
    { title: 'rules only', call: () => ({ method: 'POST', path: '/auth/credential', consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } }) }
  ],
  'GET /auth/currentCredential': [
    { title: 'the demo key (unlimited)', call: () => ({ path: '/auth/currentCredential' }) },
    {
      title: 'a key with an expiry and restricted rules',
      call: ({ sandbox }) => {
        const credential = sandbox.admin.createAccount({ seed: 'empty' })
        const pending = sandbox.state.credentials[credential.consumerKey]
        pending.rules = [{ method: 'GET', path: '/auth/*' }]
        pending.expiration = sandbox.clock.now() + 3_600_000
        pending.allowedIPs = ['127.0.0.0/8']
        return { path: '/auth/currentCredential', consumerKey: credential.consumerKey }
      }
    }
  ],
  'GET /auth/details': [
    { title: 'all rights', call: () => ({ path: '/auth/details' }) },
    {
      title: 'restricted rights',
      call: ({ sandbox }) => {
        const { consumerKey } = sandbox.admin.createAccount({ seed: 'empty' })
        sandbox.state.credentials[consumerKey].rules = [{ method: 'GET', path: '/auth/details' }]
        return { path: '/auth/details', consumerKey }
      }
    }
  ],
  'POST /auth/logout': [
    { title: 'a fresh key', call: ({ sandbox }) => ({ method: 'POST', path: '/auth/logout', consumerKey: sandbox.admin.createAccount({ seed: 'empty' }).consumerKey }) }
  ],
  'GET /domain': [
    { title: 'all domains', call: () => ({ path: '/domain' }) },
    { title: 'filtered by owner', call: ({ sandbox }) => ({ path: `/domain?whoisOwner=${sandbox.state.accounts['demo-ovh'].domains['demo-shop.com'].contacts.owner}` }) },
    { title: 'an empty account', call: ({ sandbox }) => ({ path: '/domain', consumerKey: sandbox.admin.createAccount({ seed: 'empty' }).consumerKey }) }
  ],
  'GET /domain/{serviceName}': [
    ...demoDomains.map(name => ({ title: name, call: () => ({ path: `/domain/${name}` }) })),
    { title: 'batch with a missing id', batch: true, call: () => ({ path: `/domain/${demoDomains.slice(0, 5).join(',')},missing.com`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /domain/{serviceName}/serviceInfos': demoDomains.map(name => ({ title: name, call: () => ({ path: `/domain/${name}/serviceInfos` }) })),

  // ---- Services (the mirror's renewal period and creation date) ----
  'GET /services': [
    { title: 'every service', call: () => ({ path: '/services' }) },
    { title: 'by resource name', call: () => ({ path: '/services?resourceName=demo-shop.com' }) },
    { title: 'by route', call: () => ({ path: '/services?routes=/domain/{serviceName}' }) },
    { title: 'another route', call: () => ({ path: '/services?routes=/hosting/web/{serviceName}' }) }
  ],
  'GET /services/{serviceId}': [
    ...demoDomains.map(name => ({ title: name, call: ({ sandbox }: Served) => ({ path: `/services/${domainOf(sandbox, name).serviceId}` }) })),
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/services/${demoDomains.slice(0, 4).map(name => domainOf(sandbox, name).serviceId).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],

  // ---- Renewal on demand (service API) and automatic renewal ----
  'GET /services/{serviceId}/renewPeriodCapacities': demoDomains.map(name => ({ title: name, call: ({ sandbox }: Served) => ({ path: `/services/${domainOf(sandbox, name).serviceId}/renewPeriodCapacities` }) })),
  'GET /service/{serviceId}/renew': demoDomains.map(name => ({ title: name, call: ({ sandbox }: Served) => ({ path: `/service/${domainOf(sandbox, name).serviceId}/renew?includeOptions=false` }) })),
  'POST /service/{serviceId}/renew': [
    { title: 'an active domain', call: ({ sandbox }) => ({ method: 'POST', path: `/service/${domainOf(sandbox, 'demo-shop.com').serviceId}/renew`, body: { duration: 'P1Y', services: [domainOf(sandbox, 'demo-shop.com').serviceId] } }) },
    { title: 'two domains, dry run', call: ({ sandbox }) => ({ method: 'POST', path: `/service/${domainOf(sandbox, 'demo-blog.net').serviceId}/renew`, body: { duration: 'P2Y', services: [domainOf(sandbox, 'demo-blog.net').serviceId, domainOf(sandbox, 'demo-old.com').serviceId], dryRun: true } }) }
  ],
  'GET /me/autorenew': [{ title: 'the NIC\'s settings', call: () => ({ path: '/me/autorenew' }) }],
  'POST /domain/zone/{zoneName}/terminate': [{ title: 'a zone', call: () => ({ method: 'POST', path: '/domain/zone/demo-blog.net/terminate' }) }],
  'POST /domain/zone/{zoneName}/confirmTermination': [{
    title: 'with the emailed token',
    call: async served => {
      await ovhCall(served, { method: 'POST', path: '/domain/zone/demo-project.eu/terminate' })
      return { method: 'POST', path: '/domain/zone/demo-project.eu/confirmTermination', body: { token: served.sandbox.admin.zoneTerminationToken('demo-project.eu') } }
    }
  }],
  'POST /services/{serviceId}/terminate': [{ title: 'an active domain', call: ({ sandbox }) => ({ method: 'POST', path: `/services/${domainOf(sandbox, 'demo-app.io').serviceId}/terminate` }) }],
  'POST /services/{serviceId}/terminate/confirm': [{
    title: 'with the emailed token',
    call: async served => {
      const serviceId = domainOf(served.sandbox, 'demo-archive.com').serviceId
      await ovhCall(served, { method: 'POST', path: `/services/${serviceId}/terminate` })
      return { method: 'POST', path: `/services/${serviceId}/terminate/confirm`, body: { token: served.sandbox.admin.terminationToken(serviceId) } }
    }
  }],

  // ---- Tasks (TASKS stream) ----
  'GET /domain/{serviceName}/task': [
    { title: 'every task of a domain', call: () => ({ path: '/domain/demo-shop.com/task' }) },
    { title: 'filtered by function and status', call: () => ({ path: '/domain/demo-shop.com/task?function=DomainDnsUpdate&status=done' }) }
  ],
  'GET /domain/{serviceName}/task/{id}': [
    ...(['done', 'doing'] as const).map(status => ({ title: `a task ${status}`, call: ({ sandbox }: Served) => ({ path: `/domain/demo-shop.com/task/${demoTask(sandbox, t => t.domain === 'demo-shop.com' && t.status === status).id}` }) })),
    {
      title: 'batch with a missing id',
      batch: true,
      call: ({ sandbox }) => ({ path: `/domain/demo-shop.com/task/${demoTasks(sandbox).filter(t => t.domain === 'demo-shop.com').map(t => t.id).join(',')},1`, headers: { 'x-ovh-batch': ',' } })
    }
  ],
  'POST /domain/{serviceName}/task/{id}/accelerate': [
    { title: 'a waiting renewal', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/demo-blog.net/task/${freshTask(sandbox, 'demo-blog.net').id}/accelerate` }) }
  ],
  'POST /domain/{serviceName}/task/{id}/cancel': [
    { title: 'a waiting task', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/demo-blog.net/task/${freshTask(sandbox, 'demo-blog.net').id}/cancel` }) }
  ],
  'POST /domain/{serviceName}/task/{id}/relaunch': [
    { title: 'a task in error', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/demo-shop.com/task/${failedTask(sandbox, 'demo-shop.com').id}/relaunch` }) }
  ],
  'GET /me/task/domain': [
    { title: 'every task of the account', call: () => ({ path: '/me/task/domain' }) },
    { title: 'filtered by domain, function and status', call: () => ({ path: '/me/task/domain?domain=demo-moving.com&function=DomainIncomingTransfer&status=error' }) }
  ],
  'GET /me/task/domain/{id}': [
    ...(['done', 'doing', 'todo', 'error', 'cancelled'] as const).map(status => ({ title: `a task ${status}`, call: ({ sandbox }: Served) => ({ path: `/me/task/domain/${demoTask(sandbox, t => t.status === status).id}` }) })),
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/task/domain/${demoTasks(sandbox).map(t => t.id).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /me/task/domain/{id}/accelerate': [
    { title: 'a waiting task', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/domain/${freshTask(sandbox, 'demo-blog.net').id}/accelerate` }) }
  ],
  'POST /me/task/domain/{id}/cancel': [
    { title: 'a task in error', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/domain/${failedTask(sandbox, 'demo-blog.net').id}/cancel` }) }
  ],
  'POST /me/task/domain/{id}/relaunch': [
    { title: 'a task in error', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/domain/${failedTask(sandbox, 'demo-blog.net').id}/relaunch` }) }
  ],
  'GET /me/task/domain/{id}/argument': [
    { title: 'the failed transfer', call: ({ sandbox }) => ({ path: `/me/task/domain/${seededTransfer(sandbox).id}/argument` }) },
    { title: 'a task without arguments', call: ({ sandbox }) => ({ path: `/me/task/domain/${demoTask(sandbox, t => t.status === 'done').id}/argument` }) }
  ],
  'GET /me/task/domain/{id}/argument/{key}': [
    { title: 'authInfo of the failed transfer', call: ({ sandbox }) => ({ path: `/me/task/domain/${seededTransfer(sandbox).id}/argument/authInfo` }) },
    {
      title: 'an argument with accepted values and formats',
      call: ({ sandbox }) => {
        const task = failedTask(sandbox, 'demo-boulangerie.fr')
        task.arguments.legitimacyAfnic = { key: 'legitimacyAfnic', type: 'document', description: 'Proof of legitimacy', acceptedFormats: ['pdf', 'png'], acceptedValues: ['kbis', 'inpi'], fields: ['organisationName', 'address.city'], minimumSize: 1, maximumSize: 10_000_000, template: null, readOnly: false, value: null }
        return { path: `/me/task/domain/${task.id}/argument/legitimacyAfnic` }
      }
    },
    { title: 'batch with a missing key', batch: true, call: ({ sandbox }) => ({ path: `/me/task/domain/${seededTransfer(sandbox).id}/argument/authInfo,nothing`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'PUT /me/task/domain/{id}/argument/{key}': [
    { title: 'a new authInfo', call: ({ sandbox }) => ({ method: 'PUT', path: `/me/task/domain/${seededTransfer(sandbox).id}/argument/authInfo`, body: { value: 'another-code' } }) }
  ],
  'GET /me/task/domain/{id}/progressbar': (['done', 'doing', 'todo', 'error', 'cancelled'] as const).map(status => ({
    title: `a task ${status}`,
    call: ({ sandbox }: Served) => ({ path: `/me/task/domain/${demoTask(sandbox, t => t.status === status).id}/progressbar` })
  })),

  // ---- Domain settings: renewal (serviceInfos PUT) and options ----
  'PUT /domain/{serviceName}/serviceInfos': [
    { title: 'manual renewal', call: () => ({ method: 'PUT', path: '/domain/demo-shop.com/serviceInfos', body: { renew: { automatic: false, deleteAtExpiration: false, forced: false, period: null } } }) },
    { title: 'delete at expiration', call: () => ({ method: 'PUT', path: '/domain/demo-blog.net/serviceInfos', body: { renew: { deleteAtExpiration: true } } }) }
  ],
  'GET /domain/{serviceName}/option': [
    { title: 'with dnsAnycast', call: () => ({ path: '/domain/demo-archive.com/option' }) },
    { title: 'none', call: () => ({ path: '/domain/demo-shop.com/option' }) }
  ],
  'GET /domain/{serviceName}/option/{option}': [
    { title: 'dnsAnycast', call: () => ({ path: '/domain/demo-app.io/option/dnsAnycast' }) },
    { title: 'batch', batch: true, call: () => ({ path: '/domain/demo-shop.com/option/dnsAnycast,dnsAnycast', headers: { 'x-ovh-batch': ',' } }) }
  ],
  'DELETE /domain/{serviceName}/option/{option}': [{ title: 'release', call: () => ({ method: 'DELETE', path: '/domain/demo-archive.com/option/dnsAnycast' }) }],
  'GET /domain/{serviceName}/options': [
    { title: 'with a zone', call: () => ({ path: '/domain/demo-shop.com/options' }) },
    { title: 'without a zone', call: () => ({ path: '/domain/demo-kiez.berlin/options' }) }
  ],

  // ---- DNS at the registry: name-server type, name servers, glue records, DS records ----
  'PUT /domain/{serviceName}': [
    { title: 'to external', call: () => ({ method: 'PUT', path: '/domain/demo-boulangerie.fr', body: { nameServerType: 'external' } }) },
    { title: 'unchanged', call: () => ({ method: 'PUT', path: '/domain/demo-shop.com', body: { nameServerType: 'hosted' } }) }
  ],
  'GET /domain/{serviceName}/nameServer': [{ title: 'ids', call: () => ({ path: '/domain/demo-app.io/nameServer' }) }],
  'GET /domain/{serviceName}/nameServer/{id}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/demo-app.io/nameServer/${domainOf(sandbox, 'demo-app.io').nameServers[0].id}` }) },
    { title: 'batch', batch: true, call: ({ sandbox }) => ({ path: `/domain/demo-app.io/nameServer/${domainOf(sandbox, 'demo-app.io').nameServers.map(ns => ns.id).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /domain/{serviceName}/nameServer/{id}/status': [{ title: 'in use', call: ({ sandbox }) => ({ path: `/domain/demo-app.io/nameServer/${domainOf(sandbox, 'demo-app.io').nameServers[0].id}/status` }) }],
  'POST /domain/{serviceName}/nameServer': [{ title: 'add', call: () => ({ method: 'POST', path: '/domain/demo-app.io/nameServer', body: { nameServer: [{ host: 'ns3.dns-app.example' }] } }) }],
  'POST /domain/{serviceName}/nameServers/update': [{ title: 'replace', call: () => ({ method: 'POST', path: '/domain/demo-leaving.org/nameServers/update', body: { nameServers: [{ host: 'ns1.example.net' }, { host: 'ns2.example.net', ip: null }] } }) }],
  'DELETE /domain/{serviceName}/nameServer/{id}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/demo-app.io/nameServer/${domainOf(sandbox, 'demo-app.io').nameServers[0].id}` }) }],
  'GET /domain/{serviceName}/glueRecord': [
    { title: 'hosts', call: ({ sandbox }) => ({ path: `/domain/demo-agency.fr/glueRecord?host=${withGlue(sandbox)}` }) },
    { title: 'none', call: () => ({ path: '/domain/demo-shop.com/glueRecord' }) }
  ],
  'GET /domain/{serviceName}/glueRecord/{host}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/demo-agency.fr/glueRecord/${withGlue(sandbox)}` }) },
    { title: 'batch', batch: true, call: ({ sandbox }) => ({ path: `/domain/demo-agency.fr/glueRecord/${withGlue(sandbox)},ns9.demo-agency.fr`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/{serviceName}/glueRecord': [{ title: 'create', call: () => ({ method: 'POST', path: '/domain/demo-shop.com/glueRecord', body: { host: 'ns1.demo-shop.com', ips: ['192.0.2.53', '2001:db8::53'] } }) }],
  'POST /domain/{serviceName}/glueRecord/{host}/update': [{ title: 'update', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/demo-agency.fr/glueRecord/${withGlue(sandbox)}/update`, body: { ips: ['192.0.2.54'] } }) }],
  'DELETE /domain/{serviceName}/glueRecord/{host}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/demo-agency.fr/glueRecord/${withGlue(sandbox)}` }) }],
  'GET /domain/{serviceName}/dsRecord': [
    {
      title: 'all',
      call: ({ sandbox }) => {
        withDs(sandbox)
        return { path: '/domain/demo-app.io/dsRecord' }
      }
    },
    { title: 'filtered', call: () => ({ path: '/domain/demo-app.io/dsRecord?flags=257&status=active' }) }
  ],
  'GET /domain/{serviceName}/dsRecord/{id}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/demo-app.io/dsRecord/${withDs(sandbox)}` }) },
    { title: 'batch', batch: true, call: ({ sandbox }) => ({ path: `/domain/demo-app.io/dsRecord/${withDs(sandbox)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/{serviceName}/dsRecord': [{ title: 'keys', call: () => ({ method: 'POST', path: '/domain/demo-app.io/dsRecord', body: { keys: [{ algorithm: 13, flags: 257, publicKey: 'mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==', tag: 2371 }] } }) }],

  // ---- DNS: zones, records, SOA, DNSSEC, export/import, zone tasks ----
  'GET /domain/zone': [{ title: 'all zones', call: () => ({ path: '/domain/zone' }) }],
  'GET /domain/zone/{zoneName}': [
    ...demoZones.map(name => ({ title: name, call: () => ({ path: `/domain/zone/${name}` }) })),
    { title: 'batch with a missing zone', batch: true, call: () => ({ path: `/domain/zone/${demoZones.slice(0, 3).join(',')},missing.com`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'GET /domain/zone/{zoneName}/status': [
    { title: 'deployed', call: () => ({ path: '/domain/zone/demo-shop.com/status' }) },
    { title: 'changes waiting for a refresh', call: () => ({ path: '/domain/zone/demo-blog.net/status' }) }
  ],
  'POST /domain/zone/{zoneName}/refresh': [{ title: 'refresh', call: () => ({ method: 'POST', path: '/domain/zone/demo-blog.net/refresh' }) }],
  'GET /domain/zone/{zoneName}/export': [{ title: 'zone file', call: () => ({ path: '/domain/zone/demo-shop.com/export' }) }],
  'POST /domain/zone/{zoneName}/import': [{ title: 'a zone file', call: () => ({ method: 'POST', path: '/domain/zone/demo-tea.co.uk/import', body: { zoneFile: '$TTL 600\n@ IN A 192.0.2.1\nwww IN CNAME demo-tea.co.uk.\n' } }) }],
  'GET /domain/zone/{zoneName}/soa': [{ title: 'soa', call: () => ({ path: '/domain/zone/demo-shop.com/soa' }) }],
  'PUT /domain/zone/{zoneName}/soa': [{ title: 'timers', call: () => ({ method: 'PUT', path: '/domain/zone/demo-shop.com/soa', body: { ttl: 600, nxDomainTtl: 300 } }) }],
  'GET /domain/zone/{zoneName}/serviceInfos': [
    { title: 'a zone with its domain', call: () => ({ path: '/domain/zone/demo-shop.com/serviceInfos' }) },
    { title: 'a zone with DNS Anycast', call: () => ({ path: '/domain/zone/demo-archive.com/serviceInfos' }) }
  ],
  'PUT /domain/zone/{zoneName}/serviceInfos': [
    { title: 'manual renewal', call: () => ({ method: 'PUT', path: '/domain/zone/demo-blog.net/serviceInfos', body: { renew: { automatic: false, deleteAtExpiration: false, forced: false, period: 12 } } }) }
  ],
  'GET /domain/zone/{zoneName}/option': [
    { title: 'with DNS Anycast', call: () => ({ path: '/domain/zone/demo-archive.com/option' }) },
    { title: 'none', call: () => ({ path: '/domain/zone/demo-shop.com/option' }) }
  ],
  'GET /domain/zone/{zoneName}/option/{name}': [{ title: 'DNS Anycast', call: () => ({ path: '/domain/zone/demo-archive.com/option/dnsAnycast' }) }],
  'GET /domain/zone/{zoneName}/option/{name}/serviceInfos': [{ title: 'DNS Anycast', call: () => ({ path: '/domain/zone/demo-archive.com/option/dnsAnycast/serviceInfos' }) }],
  'PUT /domain/zone/{zoneName}/option/{name}/serviceInfos': [
    { title: 'delete at expiration', call: () => ({ method: 'PUT', path: '/domain/zone/demo-archive.com/option/dnsAnycast/serviceInfos', body: { renew: { automatic: true, deleteAtExpiration: true, forced: false, period: 12 } } }) }
  ],
  'GET /domain/zone/{zoneName}/capabilities': [{ title: 'a zone', call: () => ({ path: '/domain/zone/demo-shop.com/capabilities' }) }],
  'GET /domain/data/smd': [
    { title: 'none', call: ({ sandbox }) => ({ path: '/domain/data/smd', consumerKey: sandbox.admin.createAccount({ seed: 'empty' }).consumerKey }) },
    { title: 'one', call: ({ sandbox }) => { demoSmd(sandbox, 'list'); return { path: '/domain/data/smd' } } }
  ],
  'POST /domain/data/smd': [{ title: 'a mark with two labels', call: () => ({ method: 'POST', path: '/domain/data/smd', body: { data: smdData('post', ['acme', 'acme-shop']) } }) }],
  'GET /domain/data/smd/{smdId}': [{ title: 'a file', call: ({ sandbox }) => ({ path: `/domain/data/smd/${demoSmd(sandbox, 'get')}` }) }],
  'PUT /domain/data/smd/{smdId}': [{ title: 'a renewed file', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/data/smd/${demoSmd(sandbox, 'put')}`, body: { data: smdData('put-2', ['acme']) } }) }],
  'DELETE /domain/data/smd/{smdId}': [{ title: 'a file', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/data/smd/${demoSmd(sandbox, 'delete')}` }) }],
  'GET /domain/zone/{zoneName}/dnssec': [
    { title: 'enabled', call: () => ({ path: '/domain/zone/demo-shop.com/dnssec' }) },
    { title: 'disabled', call: () => ({ path: '/domain/zone/demo-blog.net/dnssec' }) }
  ],
  'POST /domain/zone/{zoneName}/dnssec': [{ title: 'enable', call: () => ({ method: 'POST', path: '/domain/zone/demo-blog.net/dnssec' }) }],
  'DELETE /domain/zone/{zoneName}/dnssec': [{ title: 'disable', call: () => ({ method: 'DELETE', path: '/domain/zone/demo-shop.com/dnssec' }) }],
  'GET /domain/zone/{zoneName}/record': [
    { title: 'all records', call: () => ({ path: '/domain/zone/demo-shop.com/record' }) },
    { title: 'filtered', call: () => ({ path: '/domain/zone/demo-shop.com/record?fieldType=MX&subDomain=' }) }
  ],
  'GET /domain/zone/{zoneName}/record/{id}': [
    { title: 'one record', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/record/${shopRecordIds(sandbox)[0]}` }) },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/record/${shopRecordIds(sandbox).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/zone/{zoneName}/record': [
    { title: 'A record', call: () => ({ method: 'POST', path: '/domain/zone/demo-shop.com/record', body: { fieldType: 'A', subDomain: 'conformance', target: '192.0.2.7', ttl: 300 } }) },
    { title: 'apex TXT without ttl', call: () => ({ method: 'POST', path: '/domain/zone/demo-shop.com/record', body: { fieldType: 'TXT', target: '"hello"' } }) }
  ],
  'PUT /domain/zone/{zoneName}/record/{id}': [{ title: 'new target', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/zone/demo-shop.com/record/${recordIdOf(sandbox, 'api')}`, body: { target: '198.51.100.30', ttl: 120 } }) }],
  'DELETE /domain/zone/{zoneName}/record/{id}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/zone/demo-shop.com/record/${recordIdOf(sandbox, 'staging')}` }) }],
  'GET /domain/zone/{zoneName}/task': [
    { title: 'all tasks', call: () => ({ path: '/domain/zone/demo-archive.com/task' }) },
    { title: 'filtered', call: () => ({ path: '/domain/zone/demo-archive.com/task?function=ZoneImport&status=error' }) }
  ],
  'GET /domain/zone/{zoneName}/task/{id}': [
    { title: 'a task in error', call: ({ sandbox }) => ({ path: `/domain/zone/demo-archive.com/task/${taskIdOf(sandbox, 'demo-archive.com', 'error')}` }) },
    { title: 'batch', batch: true, call: ({ sandbox }) => ({ path: `/domain/zone/demo-archive.com/task/${Object.keys(zoneOf(sandbox, 'demo-archive.com').tasks).join(',')},7`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/zone/{zoneName}/task/{id}/accelerate': [{ title: 'a task to do', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/zone/demo-agency.fr/task/${newZoneTask(sandbox, 'demo-agency.fr')}/accelerate` }) }],
  'POST /domain/zone/{zoneName}/task/{id}/cancel': [{ title: 'a task to do', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/zone/demo-agency.fr/task/${newZoneTask(sandbox, 'demo-agency.fr')}/cancel` }) }],
  'POST /domain/zone/{zoneName}/task/{id}/relaunch': [{ title: 'the task in error', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/zone/demo-archive.com/task/${taskIdOf(sandbox, 'demo-archive.com', 'error')}/relaunch` }) }],
  // ---- DNS: redirections, DynHost, history, reset ----
  'GET /domain/zone/{zoneName}/redirection': [
    { title: 'all', call: ({ sandbox }) => { newRedirection(sandbox); return { path: '/domain/zone/demo-shop.com/redirection' } } },
    { title: 'by subdomain', call: () => ({ path: '/domain/zone/demo-shop.com/redirection?subDomain=go0' }) }
  ],
  'GET /domain/zone/{zoneName}/redirection/{id}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/redirection/${newRedirection(sandbox)}` }) },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/redirection/${newRedirection(sandbox)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/zone/{zoneName}/redirection': [
    { title: 'a 301', call: () => ({ method: 'POST', path: '/domain/zone/demo-shop.com/redirection', body: { subDomain: 'old', target: 'https://example.net/new', type: 'visiblePermanent' } }) },
    { title: 'invisible with every field', call: () => ({ method: 'POST', path: '/domain/zone/demo-blog.net/redirection', body: { subDomain: 'frame', target: 'https://example.org/', type: 'invisible', title: 'Blog', keywords: 'tea,blog', description: 'The blog' } }) }
  ],
  'PUT /domain/zone/{zoneName}/redirection/{id}': [{ title: 'new target and type', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/zone/demo-shop.com/redirection/${newRedirection(sandbox)}`, body: { target: 'https://example.com/', type: 'visiblePermanent' } }) }],
  'DELETE /domain/zone/{zoneName}/redirection/{id}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/zone/demo-shop.com/redirection/${newRedirection(sandbox)}` }) }],
  'GET /domain/zone/{zoneName}/dynHost/login': [
    { title: 'all', call: ({ sandbox }) => { newDynHostLogin(sandbox); return { path: '/domain/zone/demo-shop.com/dynHost/login' } } },
    { title: 'filtered', call: () => ({ path: '/domain/zone/demo-shop.com/dynHost/login?login=demo-shop.com-%25&subDomain=home' }) }
  ],
  'GET /domain/zone/{zoneName}/dynHost/login/{login}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/dynHost/login/${newDynHostLogin(sandbox)}` }) },
    { title: 'batch with a missing login', batch: true, call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/dynHost/login/${newDynHostLogin(sandbox)},nobody`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/zone/{zoneName}/dynHost/login': [{ title: 'a login', call: () => ({ method: 'POST', path: '/domain/zone/demo-shop.com/dynHost/login', body: { loginSuffix: 'router', password: 'Router-pass-9', subDomain: '*' } }) }],
  'PUT /domain/zone/{zoneName}/dynHost/login/{login}': [{ title: 'new subdomain', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/zone/demo-shop.com/dynHost/login/${newDynHostLogin(sandbox)}`, body: { subDomain: 'office' } }) }],
  'DELETE /domain/zone/{zoneName}/dynHost/login/{login}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/zone/demo-shop.com/dynHost/login/${newDynHostLogin(sandbox)}` }) }],
  'POST /domain/zone/{zoneName}/dynHost/login/{login}/changePassword': [{ title: 'new password', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/zone/demo-shop.com/dynHost/login/${newDynHostLogin(sandbox)}/changePassword`, body: { password: 'Another-pass-2' } }) }],
  'GET /domain/zone/{zoneName}/dynHost/record': [
    { title: 'all', call: ({ sandbox }) => { newDynHostRecord(sandbox); return { path: '/domain/zone/demo-shop.com/dynHost/record' } } },
    { title: 'filtered', call: () => ({ path: '/domain/zone/demo-shop.com/dynHost/record?subDomain=host%25' }) }
  ],
  'GET /domain/zone/{zoneName}/dynHost/record/{id}': [
    { title: 'one', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/dynHost/record/${newDynHostRecord(sandbox)}` }) },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/dynHost/record/${newDynHostRecord(sandbox)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /domain/zone/{zoneName}/dynHost/record': [{ title: 'a record', call: () => ({ method: 'POST', path: '/domain/zone/demo-shop.com/dynHost/record', body: { ip: '198.51.100.80', subDomain: 'nas' } }) }],
  'PUT /domain/zone/{zoneName}/dynHost/record/{id}': [{ title: 'new address', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/zone/demo-shop.com/dynHost/record/${newDynHostRecord(sandbox)}`, body: { ip: '198.51.100.81' } }) }],
  'DELETE /domain/zone/{zoneName}/dynHost/record/{id}': [{ title: 'delete', call: ({ sandbox }) => ({ method: 'DELETE', path: `/domain/zone/demo-shop.com/dynHost/record/${newDynHostRecord(sandbox)}` }) }],
  'GET /domain/zone/{zoneName}/history': [
    { title: 'all', call: () => ({ path: '/domain/zone/demo-shop.com/history' }) },
    { title: 'between two dates', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/history?creationDate.from=${restorePoint(sandbox)}&creationDate.to=${encodeURIComponent(formatDateTime(sandbox.clock.now()))}` }) }
  ],
  'GET /domain/zone/{zoneName}/history/{creationDate}': [{ title: 'the oldest', call: ({ sandbox }) => ({ path: `/domain/zone/demo-shop.com/history/${restorePoint(sandbox)}` }) }],
  'POST /domain/zone/{zoneName}/history/{creationDate}/restore': [{ title: 'the oldest', call: ({ sandbox }) => ({ method: 'POST', path: `/domain/zone/demo-shop.com/history/${restorePoint(sandbox)}/restore` }) }],
  'POST /domain/zone/{zoneName}/reset': [
    { title: 'minimized', call: () => ({ method: 'POST', path: '/domain/zone/demo-agency.fr/reset', body: { minimized: true } }) },
    { title: 'with an address and a mail server', call: () => ({ method: 'POST', path: '/domain/zone/demo-agency.fr/reset', body: { minimized: false, DnsRecords: [{ fieldType: 'A', target: '192.0.2.10' }, { fieldType: 'MX', target: '10 mail.example.net.' }] } }) }
  ],
  'GET /domain/{serviceName}/ukRegistrars': [{ title: 'a .co.uk', call: () => ({ path: '/domain/demo-tea.co.uk/ukRegistrars' }) }],
  'POST /domain/{serviceName}/ukOutgoingTransfer': [{ title: 'release to a tag', call: () => ({ method: 'POST', path: '/domain/demo-tea.co.uk/ukOutgoingTransfer', body: { tag: 'GANDI' } }) }],

  'GET /me/task/dns': [
    { title: 'every zone task of the account', call: () => ({ path: '/me/task/dns' }) },
    { title: 'filtered by zone, function and status', call: () => ({ path: '/me/task/dns?zone=demo-archive.com&function=ZoneImport&status=error' }) }
  ],
  'GET /me/task/dns/{id}': [
    { title: 'a task done', call: ({ sandbox }) => ({ path: `/me/task/dns/${taskIdOf(sandbox, 'demo-shop.com', 'done')}` }) },
    { title: 'batch over two zones with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/task/dns/${taskIdOf(sandbox, 'demo-shop.com', 'done')},${taskIdOf(sandbox, 'demo-blog.net', 'done')},7`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /me/task/dns/{id}/accelerate': [{ title: 'a task to do', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/dns/${newZoneTask(sandbox, 'demo-agency.fr')}/accelerate` }) }],
  'POST /me/task/dns/{id}/cancel': [{ title: 'a task to do', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/dns/${newZoneTask(sandbox, 'demo-agency.fr')}/cancel` }) }],
  'POST /me/task/dns/{id}/relaunch': [{
    title: 'a task in error',
    call: ({ sandbox }) => {
      const id = newZoneTask(sandbox, 'demo-agency.fr')
      zoneOf(sandbox, 'demo-agency.fr').tasks[String(id)].status = 'error'
      return { method: 'POST', path: `/me/task/dns/${id}/relaunch` }
    }
  }],

  // ---- Eligibility rules (TASKS stream) ----
  'GET /domain/configurationRule': (['create', 'transfer', 'trade', 'update'] as const).flatMap(action => ['example.com', 'example.fr', 'example.berlin'].map(domain => ({
    title: `${action} ${domain}, without authentication`,
    call: () => ({ path: `/domain/configurationRule?action=${action}&domain=${domain}`, consumerKey: null })
  }))),
  'POST /domain/configurationRule/check': [
    { title: 'a valid new owner', call: () => ({ method: 'POST', path: '/domain/configurationRule/check?action=create&domain=new-name.com', body: { owner: owner() } }) },
    { title: 'the current data of a held domain', call: () => ({ method: 'POST', path: '/domain/configurationRule/check?action=update&domain=demo-kiez.berlin', body: {} }) }
  ],

  // ---- Contacts (TASKS stream) ----
  'GET /domain/contact': [
    { title: 'full objects', call: () => ({ path: '/domain/contact' }) },
    { title: 'an empty account', call: ({ sandbox }) => ({ path: '/domain/contact', consumerKey: sandbox.admin.createAccount({ seed: 'empty' }).consumerKey }) }
  ],
  'POST /domain/contact': [
    { title: 'an individual', call: () => ({ method: 'POST', path: '/domain/contact', body: owner() }) },
    { title: 'only an email', call: () => ({ method: 'POST', path: '/domain/contact', body: { email: 'someone@example.com' } }) }
  ],
  'GET /domain/contact/{contactId}': [
    ...[0, 1].map(index => ({ title: `seeded contact ${index}`, call: ({ sandbox }: Served) => ({ path: `/domain/contact/${demoContacts(sandbox)[index]}` }) })),
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/domain/contact/${demoContacts(sandbox).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'PUT /domain/contact/{contactId}': [
    { title: 'a new phone', call: ({ sandbox }) => ({ method: 'PUT', path: `/domain/contact/${demoContacts(sandbox)[0]}`, body: { phone: '+33.600000000', address: { line2: 'Bâtiment B' } } }) }
  ],
  'GET /me/contact': [
    { title: 'ids', call: () => ({ path: '/me/contact' }) }
  ],
  'POST /me/contact': [
    { title: 'a contact', call: () => ({ method: 'POST', path: '/me/contact', body: { ...owner(), spareEmail: 'other@example.com' } }) }
  ],
  'GET /me/contact/{contactId}': [
    ...[0, 1].map(index => ({ title: `seeded contact ${index}`, call: ({ sandbox }: Served) => ({ path: `/me/contact/${demoContacts(sandbox)[index]}` }) })),
    {
      title: 'a contact with nothing but an email',
      call: ({ sandbox }) => ({ path: `/me/contact/${createContact(sandbox, sandbox.demo.account, { email: 'a@example.com' }).id}` })
    },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/contact/${demoContacts(sandbox).join(',')},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'PUT /me/contact/{contactId}': [
    { title: 'a new phone', call: ({ sandbox }) => ({ method: 'PUT', path: `/me/contact/${demoContacts(sandbox)[1]}`, body: { phone: '+49.3000000000' } }) }
  ],
  'GET /me/contact/{contactId}/fields': [
    { title: 'a contact in use', call: ({ sandbox }) => ({ path: `/me/contact/${demoContacts(sandbox)[0]}/fields` }) }
  ],
  'POST /domain/{serviceName}/changeContact': [
    { title: 'admin and tech to another NIC', call: ({ sandbox }) => ({ method: 'POST', path: '/domain/demo-shop.com/changeContact', body: { contactAdmin: otherNic(sandbox), contactTech: otherNic(sandbox) } }) }
  ],
  'GET /me/task/contactChange': [
    { title: 'all', call: () => ({ path: '/me/task/contactChange' }) },
    { title: 'filtered', call: ({ sandbox }) => ({ path: `/me/task/contactChange?state=todo&askingAccount=demo-ovh&toAccount=${otherNic(sandbox)}` }) }
  ],
  'GET /me/task/contactChange/{id}': [
    { title: 'a pending request', call: ({ sandbox }) => ({ path: `/me/task/contactChange/${contactChange(sandbox)}` }) },
    { title: 'batch with a missing id', batch: true, call: ({ sandbox }) => ({ path: `/me/task/contactChange/${contactChange(sandbox)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ],
  'POST /me/task/contactChange/{id}/accept': [
    { title: 'with the current NIC\'s token', call: ({ sandbox }) => { const id = contactChange(sandbox); return { method: 'POST', path: `/me/task/contactChange/${id}/accept`, body: { token: sandbox.admin.contactChangeTokens(id)['demo-ovh'] } } } }
  ],
  'POST /me/task/contactChange/{id}/refuse': [
    { title: 'with the current NIC\'s token', call: ({ sandbox }) => { const id = contactChange(sandbox); return { method: 'POST', path: `/me/task/contactChange/${id}/refuse`, body: { token: sandbox.admin.contactChangeTokens(id)['demo-ovh'] } } } }
  ],
  'POST /me/task/contactChange/{id}/resendEmail': [
    { title: 'a pending request', call: ({ sandbox }) => ({ method: 'POST', path: `/me/task/contactChange/${contactChange(sandbox)}/resendEmail` }) }
  ],

  // ---- Whois (TASKS stream) ----
  'GET /domain/{serviceName}/rules/optin': ['demo-shop.com', 'demo-boulangerie.fr', 'demo-tea.co.uk'].map(name => ({ title: name, call: () => ({ path: `/domain/${name}/rules/optin` }) })),
  'GET /domain/{serviceName}/configurations/optin': [
    { title: 'nothing disclosed', call: () => ({ path: '/domain/demo-blog.net/configurations/optin' }) },
    { title: 'after a change', call: ({ sandbox }) => ({ path: `/domain/${whoisChanged(sandbox)}/configurations/optin` }) }
  ],
  'PUT /domain/{serviceName}/configurations/optin': [
    { title: 'owner and admin disclosed', call: () => ({ method: 'PUT', path: '/domain/demo-shop.com/configurations/optin', body: { optin: [{ type: 'owner', fields: ['email', 'name'] }, { type: 'admin', fields: [] }] } }) }
  ],
  'GET /domain/{serviceName}/rules/emailsObfuscation': ['demo-shop.com', 'demo-kiez.berlin'].map(name => ({ title: name, call: () => ({ path: `/domain/${name}/rules/emailsObfuscation` }) })),
  'GET /domain/{serviceName}/configurations/obfuscatedEmails': [
    { title: 'by default', call: () => ({ path: '/domain/demo-archive.com/configurations/obfuscatedEmails' }) },
    { title: 'after a change, waiting', call: ({ sandbox }) => ({ path: `/domain/${whoisChanged(sandbox)}/configurations/obfuscatedEmails` }) }
  ],
  'PUT /domain/{serviceName}/configurations/obfuscatedEmails': [
    { title: 'owner and tech', call: () => ({ method: 'PUT', path: '/domain/demo-app.io/configurations/obfuscatedEmails', body: { contacts: ['owner', 'tech'] } }) }
  ],
  'POST /domain/{serviceName}/configurations/obfuscatedEmails/refresh': [
    { title: 'the owner', call: () => ({ method: 'POST', path: '/domain/demo-old.com/configurations/obfuscatedEmails/refresh', body: { contacts: ['owner'] } }) }
  ],

  // ---- Orders (ORDERS stream): examples defined above EXAMPLES ----
  ...ORDER_EXAMPLES
}

// ---- Whois (TASKS stream): helpers of the examples above ----
// A domain whose Whois settings changed: a disclosure and a new obfuscated address waiting.
function whoisChanged (sandbox: Sandbox): string {
  const account = sandbox.state.accounts[sandbox.demo.account]
  const domain = account.domains['demo-leaving.org']
  setOptin(account, domain, [{ type: 'tech', fields: [] }])
  setObfuscated(sandbox, account, domain, ['admin'])
  refreshObfuscated(sandbox, account, domain, ['admin'])
  return domain.domain
}

// ---- Contacts (TASKS stream): helpers of the examples above ----
function demoContacts (sandbox: Sandbox): number[] {
  return Object.values(sandbox.state.accounts[sandbox.demo.account].contacts).map(contact => contact.id).slice(0, 2)
}
let other: string | undefined
function otherNic (sandbox: Sandbox): string {
  if (other === undefined || sandbox.state.accounts[other] === undefined) other = sandbox.admin.createAccount({ seed: 'empty' }).nic
  return other
}
// A new pending request to change the billing NIC of a demo domain.
function contactChange (sandbox: Sandbox): number {
  const account = sandbox.state.accounts[sandbox.demo.account]
  const domain = Object.values(account.domains).find(d => d.contacts.billing === account.nic && !Object.values(sandbox.state.contactChanges).some(c => c.serviceDomain === d.domain))
  if (domain === undefined) throw new Error('no domain left for a contact change')
  return requestContactChanges(sandbox, account, domain, { contactBilling: otherNic(sandbox) })[0]
}

// ---- SMD files: helpers of the examples above ----
function smdData (id: string, labels: string[]): string {
  return sampleSmdFile({ marks: 'Acme', smdId: `0000001-${id}`, labels, notBefore: '2026-01-01 00:00', notAfter: '2099-01-01 00:00' })
}
function demoSmd (sandbox: Sandbox, id: string): string {
  return addSmdFile(sandbox.state.accounts[sandbox.demo.account], smdData(id, ['acme']), sandbox.clock.now()).id
}

// ---- Tasks (TASKS stream): helpers of the examples above ----
function demoTasks (sandbox: Sandbox): DomainTaskState[] {
  return Object.values(sandbox.state.accounts[sandbox.demo.account].domainTasks)
}
function demoTask (sandbox: Sandbox, where: (task: DomainTaskState) => boolean): DomainTaskState {
  const task = demoTasks(sandbox).find(where)
  if (task === undefined) throw new Error('no such seeded task')
  return task
}
function seededTransfer (sandbox: Sandbox): DomainTaskState {
  return demoTask(sandbox, t => t.function === 'DomainIncomingTransfer' && t.domain === 'demo-moving.com')
}
// A new task of the demo account: waiting, or in error after a run that needs no argument.
function freshTask (sandbox: Sandbox, domain: string): DomainTaskState {
  return createDomainTask(sandbox, { account: sandbox.demo.account, domain, function: 'DomainRenew' })
}
function failedTask (sandbox: Sandbox, domain: string): DomainTaskState {
  const task = freshTask(sandbox, domain)
  task.status = 'error'
  task.comment = 'The registry refused the request'
  return task
}

t.test('conformance with ovh-api/v1-eu', async t => {
  const served = await serveSandbox(t)
  const { sandbox } = served
  const routes = sandbox.servedRoutes
  t.ok(routes.length >= 8, 'the sandbox reports the routes it serves')

  t.test('every served route exists in the schema with the same method', async t => {
    for (const route of routes) {
      t.ok(sandbox.schema.operation(route.method, route.path), `${route.method} ${route.path} is in ovh-api/v1-eu`)
    }
  })

  t.test('every served route has an example call, and every example a served route', async t => {
    const keys = routes.map(route => `${route.method} ${route.path}`)
    const missing = keys.filter(key => (EXAMPLES[key] ?? []).length === 0)
    t.same(missing, [], 'routes without an example call in conformance.test.ts')
    t.same(Object.keys(EXAMPLES).filter(key => !keys.includes(key)), [], 'examples of routes the sandbox does not serve')
  })

  t.test('every example answers a body that validates against the schema', async t => {
    for (const route of routes) {
      const operation = sandbox.schema.operation(route.method, route.path)
      if (operation === undefined) continue
      for (const example of EXAMPLES[`${route.method} ${route.path}`] ?? []) {
        const call = await example.call(served)
        t.equal(call.method ?? 'GET', route.method, `${example.title}: example method`)
        const answer = await ovhCall(served, call)
        const label = `${route.method} ${route.path} (${example.title})`
        t.equal(answer.status, 200, `${label}: status`, { body: answer.text })
        t.match(answer.headers['content-type'], /^application\/json/, `${label}: JSON`)
        const [logged] = sandbox.calls.list().slice(-1)
        t.equal(logged.route, route.path, `${label}: answered by that route`)
        if (example.batch === true) {
          t.ok(Array.isArray(answer.body), `${label}: batch answer is an array`)
          for (const item of answer.body as Array<{ key: string, value: unknown, error: unknown }>) {
            t.same(Object.keys(item).sort(), ['error', 'key', 'value'], `${label}: batch item shape`)
            if (item.error === null) {
              t.same(checkValue(sandbox.schema, operation.responseType, item.value, { mode: 'response', file: operation.file }), [], `${label}: ${item.key}`)
            } else {
              t.equal(item.value, null, `${label}: ${item.key} failed with a null value`)
            }
          }
          t.ok((answer.body as Array<{ error: unknown }>).some(item => item.error !== null), `${label}: the missing id is reported`)
        } else {
          const problems = checkValue(sandbox.schema, operation.responseType, answer.body, { mode: 'response', file: operation.file })
          t.same(problems, [], `${label}: body validates against ${operation.responseType}`)
        }
      }
    }
  })
})

// The sandbox reads the package's own copy (so it works from dist/ and in any checkout); where the
// team's shared copy sits next to the repository, both must be the same schemas.
const shared = fromRoot('..', 'shared', 'ovh-api', 'v1-eu')
t.test('the vendored schemas are the shared ones', { skip: existsSync(shared) ? false : `no shared copy at ${shared}` }, async t => {
  const own = sharedOvhSchema().directory
  const files = readdirSync(shared).filter(name => name.endsWith('.json')).sort()
  t.same(readdirSync(own).filter(name => name.endsWith('.json')).sort(), files)
  for (const file of files) t.ok(readFileSync(join(own, file)).equals(readFileSync(join(shared, file))), file)
})

t.test('the checker catches what the conformance test relies on', async t => {
  const served = await serveSandbox(t)
  const { schema } = served.sandbox
  const good = (await ovhCall(served, { path: '/domain/demo-shop.com' })).body
  const check = (value: unknown) => checkValue(schema, 'domain.DomainServiceWithIAM', value, { mode: 'response', file: 'domain' })
  t.same(check(good), [])
  const { offer, ...withoutOffer } = good
  t.match(check(withoutOffer), [{ path: 'offer', kind: 'missing' }], 'a missing property')
  t.match(check({ ...good, extra: 1 }), [{ path: 'extra', kind: 'unknown' }], 'a property the model does not define')
  t.match(check({ ...good, offer: 'silver' }), [{ path: 'offer', kind: 'enum' }], 'a value outside the enum')
  t.match(check({ ...good, domain: null }), [{ path: 'domain', kind: 'null' }], 'null where canBeNull is false')
  t.same(check({ ...good, parentService: null, iam: null }), [], 'null where canBeNull is true')
  t.match(check({ ...good, serviceId: '1' }), [{ path: 'serviceId', kind: 'type' }], 'a string for a long')
  t.match(check({ ...good, expirationDate: '2024-13-01' }), [{ path: 'expirationDate', kind: 'type' }], 'a bad datetime')
  t.match(check({ ...good, nameServers: [{ ...good.nameServers[0], ipv4: 'nope' }] }), [{ path: 'nameServers[0].ipv4', kind: 'type' }], 'nested ip')
  t.match(check({ ...good, iam: { ...good.iam, tags: { a: 1 } } }), [{ path: 'iam.tags.a', kind: 'type' }], 'map[string]string values')
  t.equal(offer, 'gold')
})

// Issue 14's measure of how much of OVH's domain API the gateway reaches (scripts/ovh-coverage.ts
// prints the operations not called): the count may grow, never fall.
t.test('the gateway calls at least 107 of the operations of domain.json', async t => {
  const coverage = ovhCoverage('domain')
  t.equal(coverage.total, 110)
  t.ok(coverage.called.length >= 107, `${coverage.called.length} called; not called: ${coverage.missing.join(', ')}`)
})
