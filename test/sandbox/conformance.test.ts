// Every route the sandbox serves exists in ovh-api/v1-eu with the same method, has at least one
// example call below, and answers bodies that validate against OVH's own models.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { checkValue } from '../../src/sandbox/schema/check.js'
import { sharedOvhSchema } from '../../src/sandbox/schema/load.js'
import { DOMAIN_TEMPLATES } from '../../src/sandbox/seed/domain-templates.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { createDomainTask } from '../../src/sandbox/model/domain-tasks.js'
import type { DomainTaskState } from '../../src/sandbox/model/domain-tasks.js'
import { ovhCall, serveSandbox } from './helpers.js'
import type { OvhCall, Served } from './helpers.js'
import { createCart, createOrder, defaultPaymentMethod, freshName } from './order-helpers.js'

interface Example {
  // What the example shows, for failure messages.
  title: string
  call: (served: Served) => OvhCall | Promise<OvhCall>
  // Answered as a batch read: [{key, value, error}] with each value of the responseType.
  batch?: boolean
}

const demoDomains = DOMAIN_TEMPLATES.map(template => `demo-${template.label}.${template.tld}`)

// ---- Orders: extensions, catalogue, carts, items, checkout, orders and payment ----
const item = async (served: Served, domain = freshName()) => {
  const { cartId, itemIds } = await createCart(served, [domain])
  return { cartId, itemId: itemIds[0] }
}
const configured = async (served: Served, domain = freshName()) => {
  const { cartId, itemIds } = await createCart(served, [domain], { configure: true })
  return { cartId, itemId: itemIds[0] }
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
const ORDER_EXAMPLES: Record<string, Example[]> = {
  'GET /domain/extensions': [
    { title: 'all, alphabetical', call: () => ({ path: '/domain/extensions' }) },
    { title: 'trending in Europe', call: () => ({ path: '/domain/extensions?orderBy=trending&geolocalizations=europe&ovhSubsidiary=FR' }) }
  ],
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
  'GET /me/payment/method': [
    { title: 'all', call: () => ({ path: '/me/payment/method' }) },
    { title: 'the default one', call: () => ({ path: '/me/payment/method?default=true&status=VALID&paymentType=CREDIT_CARD' }) }
  ],
  'GET /me/payment/method/{paymentMethodId}': [
    { title: 'the default one', call: async served => ({ path: `/me/payment/method/${await defaultPaymentMethod(served)}` }) },
    { title: 'batch with a missing id', batch: true, call: async served => ({ path: `/me/payment/method/${await defaultPaymentMethod(served)},1`, headers: { 'x-ovh-batch': ',' } }) }
  ]
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

  // ---- Orders (ORDERS stream): examples defined above EXAMPLES ----
  ...ORDER_EXAMPLES
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
const shared = fileURLToPath(new URL('../../../shared/ovh-api/v1-eu/', import.meta.url))
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
