// Renewal on demand through the gateway, end to end against the sandbox: the periods and resale
// prices of a renewal, renewing the expired demo domain (GraphQL) and another (REST) once per
// idempotency key, its DomainRenew task and the expiry moving forward by calendar years, several
// domains in one order, refusals before any order, and the account's automatic renewal settings.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { addYears } from '../../src/sandbox/model/renewals.js'
import { formatDate } from '../../src/sandbox/time.js'

const OFFER = 'query ($d: String!) { renewOffer(domain: $d) { domain state renewable reason automatic expiration periods { duration years price { price { value } cost { value } rule } } } }'
const RENEW = `mutation ($i: RenewDomainInput!, $k: String!) { renewDomain(input: $i, idempotencyKey: $k) {
  replayed orderId domains duration order { orderId status url prices { withoutTax { price { value } } } details { domain detailType } } tasks { id function status domain }
} }`

const domainOf = (ctx: TestApp, name: string) => ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains[name]
const renewPosts = (ctx: TestApp, since = 0) => ctx.sandbox.admin.calls({ since }).filter(call => call.method === 'POST' && call.route === '/service/{serviceId}/renew')

async function restRenew (ctx: TestApp, apiKey: string, url: string, key: string | null, payload: unknown) {
  const response = await ctx.app.inject({ method: 'POST', url, headers: { authorization: `Bearer ${apiKey}`, ...(key === null ? {} : { 'idempotency-key': key }) }, payload: payload as object })
  return { statusCode: response.statusCode, headers: response.headers, body: response.json() }
}

t.test('the expired demo domain: its renewal offer, then renewed for two years', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx, { role: 'admin' })
  const operator = await seedUser(ctx, { role: 'operator', slug: admin.tenant.slug })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: admin.tenant.slug })
  const rule = await graphql(ctx, admin.apiKey, 'mutation { setPriceRule(tld: "*", rule: { marginType: percent, marginValue: 20, rounding: up_to_99 }) { tld } }')
  t.notOk(rule.body.errors)

  // .com renews at 11.99 a year at OVH: +20 % rounded up to .99, as a registration's price is.
  const offer = (await graphql(ctx, operator.apiKey, OFFER, { d: 'demo-old.com' })).body.data.renewOffer
  t.match(offer, { domain: 'demo-old.com', state: 'expired', renewable: true, reason: null, automatic: false })
  t.match(offer.periods.slice(0, 2), [
    { duration: 'P1Y', years: 1, price: { price: { value: 14.99 }, cost: { value: 11.99 }, rule: '*' } },
    { duration: 'P2Y', years: 2, price: { price: { value: 28.99 }, cost: { value: 23.98 }, rule: '*' } }
  ])
  t.equal(offer.periods.at(-1).years, 10, 'up to ten years ahead')
  const forViewer = (await graphql(ctx, viewer.apiKey, OFFER, { d: 'demo-old.com' })).body.data.renewOffer
  t.same(forViewer.periods[0].price, { price: { value: 14.99 }, cost: null, rule: '*' }, 'a viewer sees the resale price, not the cost')
  const viaRest = await rest(ctx, operator.apiKey, 'GET', '/v1/domains/demo-old.com/renew-offer')
  t.match(viaRest, { statusCode: 200, body: { domain: 'demo-old.com', renewable: true, periods: [{ duration: 'P1Y', years: 1, price: { price: { value: 14.99 } } }] } })

  // Bad input never reaches OVH.
  let since = lastCallId(ctx.sandbox)
  const tooLong = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 11 }, k: 'renew-old-bad' })
  t.match(tooLong.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'duration' }] } }])
  const badName = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'not a domain', duration: 1 }, k: 'renew-old-bad' })
  t.match(badName.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'domains[0]' }] } }])
  const noKey = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-old.com/renew', null, { duration: 1 })
  t.match(noKey, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'idempotencyKey' }] } })
  t.same(ctx.sandbox.admin.calls({ since }), [], 'no upstream call for bad input')
  const byViewer = await graphql(ctx, viewer.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 1 }, k: 'renew-old-viewer' })
  t.match(byViewer.body.errors, [{ extensions: { code: 'FORBIDDEN' } }], 'a viewer cannot renew')

  // The renewal: one order, paid; a replay answers the first result and orders nothing.
  const expiryBefore = domainOf(ctx, 'demo-old.com').expiration
  since = lastCallId(ctx.sandbox)
  const first = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 2 }, k: 'renew-old-1' })
  t.notOk(first.body.errors)
  const placed = first.body.data.renewDomain
  t.match(placed, { replayed: false, domains: ['demo-old.com'], duration: 'P2Y', order: { status: 'checking', prices: { withoutTax: { price: { value: 28.99 } } }, details: [{ domain: 'demo-old.com', detailType: 'RENEW' }] }, tasks: [] })
  t.type(placed.order.url, 'string', 'an operator gets OVH\'s order link')
  const again = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 2 }, k: 'renew-old-1' })
  t.match(again.body.data.renewDomain, { replayed: true, orderId: placed.orderId })
  t.equal(renewPosts(ctx, since).length, 1, 'OVH was asked to renew once')
  const reused = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 1 }, k: 'renew-old-1' })
  t.match(reused.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_REUSED' } }])
  const second = await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 1 }, k: 'renew-old-2' })
  t.match(second.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'DOMAIN_ORDER_OPEN', orderId: Number(placed.orderId) } }], 'an open renewal holds the domain')
  t.equal(renewPosts(ctx, since).length, 1)

  // OVH delivers the order, runs the DomainRenew task, and the expiry moves by two calendar years.
  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const replay = (await graphql(ctx, operator.apiKey, RENEW, { i: { domain: 'demo-old.com', duration: 2 }, k: 'renew-old-1' })).body.data.renewDomain
  t.match(replay, { replayed: true, order: { status: 'delivered' }, tasks: [{ function: 'DomainRenew', status: 'done', domain: 'demo-old.com' }] })
  t.equal(domainOf(ctx, 'demo-old.com').expiration, addYears(expiryBefore, 2))
  const domain = await graphql(ctx, operator.apiKey, '{ domain(name: "demo-old.com", live: true) { state serviceInfos { expiration } } }')
  t.match(domain.body.data.domain, { state: 'ok', serviceInfos: { expiration: formatDate(addYears(expiryBefore, 2)) } }, 'the domain is active again, expiring two years later')
  const task = await rest(ctx, operator.apiKey, 'GET', `/v1/tasks/${replay.tasks[0].id}`)
  t.match(task, { statusCode: 200, body: { function: 'DomainRenew', status: 'done' } }, 'the task is a task like any other')
})

t.test('REST: one domain, many in one order, and refusals before any order', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: operator.tenant.slug })
  const since = lastCallId(ctx.sandbox)

  const first = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-blog.net/renew', 'rest-renew-1', { duration: 1 })
  t.match(first, { statusCode: 201, headers: { 'idempotent-replayed': 'false' }, body: { replayed: false, domains: ['demo-blog.net'], duration: 'P1Y', order: { status: 'checking' } } })
  const replay = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-blog.net/renew', 'rest-renew-1', { duration: 1 })
  t.match(replay, { statusCode: 200, headers: { 'idempotent-replayed': 'true' }, body: { replayed: true, orderId: first.body.orderId } })

  const many = await restRenew(ctx, operator.apiKey, '/v1/domains/renew', 'rest-renew-many', { domains: ['demo-shop.com', 'demo-boulangerie.fr'], duration: 3 })
  t.match(many, { statusCode: 201, body: { domains: ['demo-shop.com', 'demo-boulangerie.fr'], duration: 'P3Y' } })
  const order = await rest(ctx, operator.apiKey, 'GET', `/v1/orders/${many.body.orderId}`)
  t.same(order.body.details.map((line: any) => [line.domain, line.detailType]), [['demo-shop.com', 'RENEW'], ['demo-boulangerie.fr', 'RENEW']], 'one order, one line per domain')
  t.equal(renewPosts(ctx, since).length, 2, 'one renew call per order')

  // A viewer reads the order without OVH's links, which show OVH's own prices (item 7).
  const forViewer = await rest(ctx, viewer.apiKey, 'GET', `/v1/orders/${many.body.orderId}`)
  t.match(forViewer.body, { url: null, pdfUrl: null })
  const viewerGraphql = await graphql(ctx, viewer.apiKey, `{ order(orderId: "${String(many.body.orderId)}") { url pdfUrl prices { withTax { cost { value } } } } }`)
  t.same(viewerGraphql.body.data.order, { url: null, pdfUrl: null, prices: { withTax: { cost: null } } })
  t.match((await rest(ctx, operator.apiKey, 'GET', `/v1/orders/${many.body.orderId}`)).body, { url: /^https:/, pdfUrl: /^https:/ })

  // What OVH does not renew is refused before any order: a domain in redemption, a period too long.
  const before = lastCallId(ctx.sandbox)
  const closing = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-closing.net/renew', 'rest-renew-closing', { duration: 1 })
  t.match(closing, { statusCode: 409, body: { code: 'CONFLICT', reason: 'DOMAIN_NOT_RENEWABLE', domains: [{ domain: 'demo-closing.net', state: 'pending_delete', why: /restored/ }] } })
  const offer = await rest(ctx, operator.apiKey, 'GET', '/v1/domains/demo-closing.net/renew-offer')
  t.match(offer.body, { renewable: false, reason: /redemption/, periods: [] })
  // demo-app.io expires in 500 days: ten more years would go past the registries' ten-year limit.
  const tooFar = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-app.io/renew', 'rest-renew-far', { duration: 10 })
  t.match(tooFar, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'duration' }, { field: 'domains[0]', message: /1, 2, 3, 4, 5, 6, 7, 8 year/ }] } })
  const twice = await restRenew(ctx, operator.apiKey, '/v1/domains/renew', 'rest-renew-twice', { domains: ['demo-shop.com', 'DEMO-SHOP.com'], duration: 1 })
  t.match(twice, { statusCode: 400, body: { fields: [{ field: 'domains[1]' }] } })
  const missing = await restRenew(ctx, operator.apiKey, '/v1/domains/not-mine-at-all.com/renew', 'rest-renew-missing', { duration: 1 })
  t.equal(missing.statusCode, 404)
  t.equal(renewPosts(ctx, before).length, 0, 'nothing was ordered')
})

t.test('the account\'s automatic renewal settings', async t => {
  const ctx = await build(t)
  const viewer = await seedUser(ctx, { role: 'viewer' })
  const viaGraphql = await graphql(ctx, viewer.apiKey, '{ autorenew { active renewDay lastRenew } }')
  t.same(viaGraphql.body.data.autorenew, { active: true, renewDay: 1, lastRenew: null })
  const viaRest = await rest(ctx, viewer.apiKey, 'GET', '/v1/me/autorenew')
  t.same(viaRest.body, { active: true, renewDay: 1, lastRenew: null })
  delete ctx.sandbox.state.accounts[ctx.sandbox.demo.account].autorenew
  t.same((await graphql(ctx, viewer.apiKey, '{ autorenew { active } }')).body.data.autorenew, null, 'null where OVH has none')
  t.equal((await rest(ctx, viewer.apiKey, 'GET', '/v1/me/autorenew')).statusCode, 404)
})

t.test('restoring a domain from redemption', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const RESTORE_OFFER = 'query ($d: String!) { restoreOffer(domain: $d) { domain state restorable reason planCode duration price { price { value } cost { value } } } }'
  const offer = (await graphql(ctx, operator.apiKey, RESTORE_OFFER, { d: 'demo-closing.net' })).body.data.restoreOffer
  t.same(offer, { domain: 'demo-closing.net', state: 'pending_delete', restorable: true, reason: null, planCode: 'net-restore', duration: 'P1Y', price: { price: { value: 84.48 }, cost: { value: 84.48 } } }, 'a 69.99 fee and a year of .net (14.49)')
  const expired = (await graphql(ctx, operator.apiKey, RESTORE_OFFER, { d: 'demo-old.com' })).body.data.restoreOffer
  t.match(expired, { restorable: false, reason: /renew it instead/, price: null }, 'an expired domain is renewed, not restored')

  // Refused before any order where OVH does not restore.
  const before = lastCallId(ctx.sandbox)
  const RESTORE = 'mutation ($d: String!, $k: String!) { restoreDomain(domain: $d, idempotencyKey: $k) { replayed action orderId order { status } task { function status } } }'
  const refused = await graphql(ctx, operator.apiKey, RESTORE, { d: 'demo-shop.com', k: 'restore-shop' })
  t.match(refused.body.errors, [{ extensions: { code: 'CONFLICT', reason: 'DOMAIN_NOT_RESTORABLE', state: 'ok' } }])
  t.notOk(ctx.sandbox.admin.calls({ since: before }).some(call => call.method !== 'GET'), 'nothing ordered')

  const expiryBefore = domainOf(ctx, 'demo-closing.net').expiration
  const restored = await graphql(ctx, operator.apiKey, RESTORE, { d: 'demo-closing.net', k: 'restore-closing' })
  t.match(restored.body.data.restoreDomain, { replayed: false, action: 'restore', order: { status: 'checking' }, task: null })
  const viaRest = await restRenew(ctx, operator.apiKey, '/v1/domains/demo-closing.net/restore', 'restore-closing', {})
  t.match(viaRest, { statusCode: 200, body: { replayed: true, action: 'restore', orderId: Number(restored.body.data.restoreDomain.orderId) } }, 'REST replays the same key')
  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })
  const done = await graphql(ctx, operator.apiKey, RESTORE, { d: 'demo-closing.net', k: 'restore-closing' })
  t.match(done.body.data.restoreDomain, { replayed: true, task: { function: 'DomainRestore', status: 'done' } })
  t.match(domainOf(ctx, 'demo-closing.net'), { state: 'ok', expiration: addYears(expiryBefore, 1) }, 'out of redemption, renewed for a year')
})
