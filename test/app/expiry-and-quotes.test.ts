// Issue 14, item 7: the sandbox counts registrations and transfers in calendar years, and a quote
// agrees with the order it quotes (a free owner change stays free whatever the margin rule).
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { addYears } from '../../src/sandbox/model/renewals.js'
import { expiryElsewhere } from '../../src/sandbox/model/incoming-transfer.js'
import { DAY, formatDate } from '../../src/sandbox/time.js'

const ORDER = 'mutation ($i: OrderDomainInput!, $k: String!) { orderDomain(input: $i, idempotencyKey: $k) { orderId } }'

t.test('a two-year registration and a transfer-in, in calendar years', async t => {
  const ctx = await build(t)
  const operator = await seedUser(ctx, { role: 'operator' })
  const now = ctx.sandbox.clock.now()
  const registered = await graphql(ctx, operator.apiKey, ORDER, { i: { domain: 'two-years-ahead.com', duration: 2, ownerLegalAge: true }, k: 'expiry-create' })
  t.notOk(registered.body.errors)
  const transferred = await graphql(ctx, operator.apiKey, ORDER, { i: { domain: 'taken-calendar.com', authInfo: 'AUTH-TAKEN-CALENDAR.COM', ownerLegalAge: true }, k: 'expiry-transfer' })
  t.notOk(transferred.body.errors)
  const before = expiryElsewhere(ctx.sandbox, 'taken-calendar.com', now)
  ctx.sandbox.admin.advanceClock({ seconds: 5 * 60 })
  ctx.sandbox.admin.advanceClock({ seconds: 10 * 60 })

  const READ = '{ a: domain(name: "two-years-ahead.com", live: true) { serviceInfos { creation expiration } } b: domain(name: "taken-calendar.com", live: true) { serviceInfos { expiration } } }'
  const read = (await graphql(ctx, operator.apiKey, READ)).body.data
  const created = read.a.serviceInfos.creation
  t.equal(read.a.serviceInfos.expiration, `${Number(created.slice(0, 4)) + 2}${String(created).slice(4)}`, 'registered on a day, expires on the same day two years later')
  // 2026-12-07 + 730 days is 2028-12-06 (29 February 2028 lies between): the old arithmetic.
  if (formatDate(now + 730 * DAY) !== formatDate(addYears(now, 2))) t.not(read.a.serviceInfos.expiration, formatDate(now + 730 * DAY), 'not 730 days')
  t.equal(read.b.serviceInfos.expiration, formatDate(addYears(before, 1)), 'a transfer keeps the old expiry plus one year')
})

t.test('a free owner change is quoted free with a margin rule, and ordered free', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx, { role: 'admin' })
  await graphql(ctx, admin.apiKey, 'mutation { setPriceRule(tld: "*", rule: { marginType: percent, marginValue: 20, rounding: up_to_99 }) { tld } }')
  const quote = await graphql(ctx, admin.apiKey, '{ tradeQuote(domain: "demo-shop.com") { price { price { value } cost { value } } } }')
  t.same(quote.body.data.tradeQuote.price, { price: { value: 0 }, cost: { value: 0 } }, 'not 0.99')
  // A fixed margin leaves it free as well; a paid trade keeps its margin.
  await graphql(ctx, admin.apiKey, 'mutation { setPriceRule(tld: "berlin", rule: { marginType: fixed, marginValue: 5 }) { tld } }')
  const account = ctx.sandbox.state.accounts[ctx.sandbox.demo.account]
  account.domains['demo-studio.berlin'].state = 'ok'
  account.domains['demo-studio.berlin'].suspensionState = 'not_suspended'
  const paid = await graphql(ctx, admin.apiKey, '{ tradeQuote(domain: "demo-studio.berlin") { price { price { value } } } }')
  t.equal(paid.body.data.tradeQuote.price.price.value, 24.99)

  const berliner = Object.values(account.contacts).find(contact => contact.address?.city === 'Berlin')!
  const TRADE = 'mutation ($o: OrderOwnerInput!) { tradeDomain(domain: "demo-shop.com", owner: $o, idempotencyKey: "free-trade") { order { prices { withTax { price { value } } } details { totalPrice { price { value } } } } } }'
  const traded = await graphql(ctx, admin.apiKey, TRADE, { o: { contactId: berliner.id } })
  t.same(traded.body.data.tradeDomain.order, { prices: { withTax: { price: { value: 0 } } }, details: [{ totalPrice: { price: { value: 0 } } }] }, 'the order bills what the quote said')
})
