// Extensions, the price list and resale price rules: who may edit and see them, how they apply to
// every price (availability, price list), and OVH's cost shown to operators and admins only.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

t.test('price rules, resale prices and cost visibility by role', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx, { role: 'admin' })
  const operator = await seedUser(ctx, { role: 'operator', slug: admin.tenant.slug })
  const viewer = await seedUser(ctx, { role: 'viewer', slug: admin.tenant.slug })
  const outsider = await seedUser(ctx, { role: 'admin' })

  t.test('only admins edit rules; viewers do not see them', async t => {
    const set = 'mutation ($tld: String!, $rule: PriceRuleInput!) { setPriceRule(tld: $tld, rule: $rule) { tld marginType marginValue rounding } }'
    const byOperator = await graphql(ctx, operator.apiKey, set, { tld: '*', rule: { marginType: 'percent', marginValue: 10 } })
    t.equal(byOperator.body.errors?.[0].extensions.code, 'FORBIDDEN')
    const byAdmin = await graphql(ctx, admin.apiKey, set, { tld: '*', rule: { marginType: 'percent', marginValue: 20, rounding: 'up_to_99' } })
    t.same(byAdmin.body.data.setPriceRule, { tld: '*', marginType: 'percent', marginValue: 20, rounding: 'up_to_99' })
    const com = await rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/.COM', { marginType: 'fixed', marginValue: 2.5 })
    t.equal(com.statusCode, 200)
    t.match(com.body, { tld: 'com', marginType: 'fixed', marginValue: 2.5, rounding: 'none' })
    const bad = await rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/fr', { marginType: 'percent', marginValue: -100 })
    t.match(bad, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'marginValue' }] } })
    t.equal((await rest(ctx, admin.apiKey, 'PUT', '/v1/price-rules/not a tld', { marginType: 'fixed', marginValue: 1 })).statusCode, 400)

    const listed = await rest(ctx, operator.apiKey, 'GET', '/v1/price-rules')
    t.same(listed.body.items.map((rule: { tld: string }) => rule.tld), ['*', 'com'])
    t.equal((await rest(ctx, viewer.apiKey, 'GET', '/v1/price-rules')).body.code, 'FORBIDDEN')
    t.same((await rest(ctx, outsider.apiKey, 'GET', '/v1/price-rules')).body.items, [], 'rules belong to their tenant')
  })

  t.test('every price shows the resale price; cost for operators and admins only', async t => {
    const query = `{
      availability(domains: ["rules-a.com", "rules-b.fr", "taken-shop.net"]) { domain createPrice { price { value text } cost { value } rule } transferPrice { price { value } cost { value } } renewPrice { price { value } } }
      priceList(tlds: ["com", "fr", "co.uk"]) { tld currency createPrice { price { value } cost { value } rule } renewPrice { price { value } } transferPrice { price { value } } }
    }`
    const asOperator = await graphql(ctx, operator.apiKey, query)
    const [com, fr, net] = asOperator.body.data.availability
    t.match(com.createPrice, { price: { value: 12.49, text: '12.49 €' }, cost: { value: 9.99 }, rule: 'com' }, '.com: 9.99 + 2.50')
    t.match(fr.createPrice, { price: { value: 8.99 }, cost: { value: 6.99 }, rule: '*' }, '.fr: 6.99 * 1.2 = 8.39, up to 8.99')
    t.match(net.transferPrice, { price: { value: 17.99 }, cost: { value: 14.49 } }, 'a transfer price follows the rules too: 14.49 * 1.2 = 17.39, up to 17.99')
    t.same(asOperator.body.data.priceList.map((p: { tld: string }) => p.tld), ['co.uk', 'com', 'fr'])
    t.match(asOperator.body.data.priceList[1], { tld: 'com', currency: 'EUR', createPrice: { price: { value: 12.49 }, cost: { value: 9.99 } }, renewPrice: { price: { value: 14.49 } }, transferPrice: { price: { value: 12.49 } } })

    const asViewer = await graphql(ctx, viewer.apiKey, query)
    t.match(asViewer.body.data.availability[0].createPrice, { price: { value: 12.49 }, cost: null })
    t.ok(asViewer.body.data.priceList.every((p: any) => p.createPrice.cost === null && p.createPrice.price.value > 0))
    const asOutsider = await graphql(ctx, outsider.apiKey, query)
    t.match(asOutsider.body.data.availability[0].createPrice, { price: { value: 9.99 }, cost: { value: 9.99 }, rule: null }, 'no rules: OVH\'s price')

    const restPrices = await rest(ctx, viewer.apiKey, 'GET', '/v1/prices?tlds=com')
    t.match(restPrices.body.items, [{ tld: 'com', createPrice: { price: { value: 12.49 }, cost: null } }])
  })

  t.test('removing a rule falls back to the default', async t => {
    t.equal((await rest(ctx, admin.apiKey, 'DELETE', '/v1/price-rules/com')).statusCode, 204)
    t.equal((await rest(ctx, admin.apiKey, 'DELETE', '/v1/price-rules/com')).statusCode, 404)
    const answer = await graphql(ctx, admin.apiKey, '{ priceList(tlds: ["com"]) { createPrice { price { value } rule } } }')
    t.match(answer.body.data.priceList[0].createPrice, { price: { value: 11.99 }, rule: '*' }, '9.99 * 1.2 = 11.99')
    t.equal((await rest(ctx, admin.apiKey, 'DELETE', '/v1/price-rules/default')).statusCode, 204)
  })

  t.test('"default" names the default rule over GraphQL too', async t => {
    const set = 'mutation ($tld: String!, $rule: PriceRuleInput!) { setPriceRule(tld: $tld, rule: $rule) { tld marginValue } }'
    const viaGraphql = await graphql(ctx, admin.apiKey, set, { tld: 'default', rule: { marginType: 'percent', marginValue: 15 } })
    t.same(viaGraphql.body.data.setPriceRule, { tld: '*', marginValue: 15 })
    const listed = await rest(ctx, admin.apiKey, 'GET', '/v1/price-rules')
    t.notOk(listed.body.items.some((rule: { tld: string }) => rule.tld === 'default'), 'no rule for a TLD named "default"')
    t.same((await graphql(ctx, admin.apiKey, 'mutation { deletePriceRule(tld: "default") }')).body.data, { deletePriceRule: true })
    t.equal((await rest(ctx, admin.apiKey, 'GET', '/v1/price-rules')).body.items.length, 0)
  })
})

t.test('extensions with their registry configuration, read once', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx, { role: 'viewer' })
  const since = lastCallId(ctx.sandbox)
  const query = '{ extensions { tld } de: extension(tld: ".DE") { tld registryConfigurations { dns { isDNSSECSupported minNumber } domain { isPremiumSupported label { isIDNSupported } } lifecycle { create { allowedPeriodsInMonths } renew { gracePeriodInDays } restore { gracePeriodInDays } order { active } } } prices { createPrice { price { value } } } } nope: extension(tld: "nope") { tld } }'
  const answer = await graphql(ctx, user.apiKey, query)
  t.equal(answer.statusCode, 200)
  t.ok(answer.body.data.extensions.length >= 10)
  t.match(answer.body.data.de, { tld: 'de', registryConfigurations: { dns: { isDNSSECSupported: true, minNumber: 2 }, domain: { isPremiumSupported: false }, lifecycle: { create: { allowedPeriodsInMonths: [12] }, renew: { gracePeriodInDays: 40 }, restore: { gracePeriodInDays: 30 }, order: { active: true } } }, prices: { createPrice: { price: { value: 5.99 } } } })
  t.equal(answer.body.data.nope, null)
  await graphql(ctx, user.apiKey, query)
  const routes = ctx.sandbox.admin.calls({ since }).map(call => call.route)
  t.same(routes.sort(), ['/domain/extensions', '/domain/extensions/{name}/registryConfigurations', '/order/catalog/public/domain'], 'reference data is cached')

  const viaRest = await rest(ctx, user.apiKey, 'GET', '/v1/extensions/co.uk')
  t.match(viaRest.body, { tld: 'co.uk', registryConfigurations: { dns: { isDNSSECSupported: false } } })
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/extensions/nope')).statusCode, 404)
  t.ok((await rest(ctx, user.apiKey, 'GET', '/v1/extensions')).body.items.some((e: { tld: string }) => e.tld === 'berlin'))
})
