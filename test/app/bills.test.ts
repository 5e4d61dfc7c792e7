// Bills end to end: GraphQL and REST over the sandbox's /me/bill routes (the demo account's seeded
// renewal bills, and the bill of an order paid through the gateway), the order's link to its bill,
// the reconciliation CSV and its bounds, and billing data hidden from viewers.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

const BILLS = `query ($first: Int, $after: String, $filter: BillFilter) { bills(first: $first, after: $after, filter: $filter) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { billId orderId category date pdfUrl url priceWithoutTax { value currencyCode } tax { value } priceWithTax { value }
    lines { billDetailId description domain quantity unitPrice { value } totalPrice { value } periodStart periodEnd }
    payment { paymentDate paymentType paymentIdentifier } } }
} }`

t.test('bills', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx)
  const viewer = await seedUser(ctx, { role: 'viewer', scopes: 'read' })

  t.test('GraphQL: the seeded bills, newest first, with lines and payment, in pages', async t => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, admin.apiKey, BILLS, { first: 2 })
    t.equal(answer.statusCode, 200, JSON.stringify(answer.body.errors))
    const page = answer.body.data.bills
    t.equal(page.totalCount, 3)
    t.equal(page.edges.length, 2)
    t.ok(page.pageInfo.hasNextPage)
    const [newest, older] = page.edges.map((edge: any) => edge.node)
    t.ok(Date.parse(newest.date) > Date.parse(older.date), 'newest first')
    t.equal(newest.billId, 'FR41000003', 'the id docs/bills.md shows')
    t.match(newest, {
      category: 'autorenew',
      priceWithoutTax: { value: 21.98, currencyCode: 'EUR' },
      tax: { value: 4.4 },
      priceWithTax: { value: 26.38 },
      lines: [
        { description: 'Renewal of demo-shop.com (P1Y)', domain: 'demo-shop.com', quantity: 1, unitPrice: { value: 10.99 }, totalPrice: { value: 10.99 }, periodStart: /^\d{4}-\d\d-\d\d$/ },
        { domain: 'demo-archive.com' }
      ],
      payment: { paymentType: 'creditCard', paymentIdentifier: '4970 XXXX XXXX 4242' },
      pdfUrl: /\/sandbox\/files\/bill\.pdf\?reference=FR\d+&passwd=/,
      url: /\/sandbox\/files\/bill\.html\?reference=FR\d+&passwd=/
    })
    const routes = ctx.sandbox.admin.calls({ since }).map(call => call.route)
    t.equal(routes.filter(route => route === '/me/bill/{billId}').length, 1, 'one batch read of the page')
    t.equal(routes.filter(route => route === '/me/bill/{billId}/details/{billDetailId}').length, 2, 'one batch read of each bill\'s lines')
    const next = await graphql(ctx, admin.apiKey, BILLS, { first: 2, after: page.pageInfo.endCursor })
    t.equal(next.body.data.bills.edges.length, 1)
    t.notOk(next.body.data.bills.pageInfo.hasNextPage)

    const one = await graphql(ctx, admin.apiKey, 'query ($id: ID!) { bill(billId: $id) { billId lines { domain } } }', { id: newest.billId })
    t.same(one.body.data.bill, { billId: newest.billId, lines: [{ domain: 'demo-shop.com' }, { domain: 'demo-archive.com' }] })
    t.equal((await graphql(ctx, admin.apiKey, '{ bill(billId: "FR1") { billId } }')).body.data.bill, null, 'no such bill')
    t.match((await graphql(ctx, admin.apiKey, '{ bill(billId: "FR 1") { billId } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
    t.match((await graphql(ctx, admin.apiKey, '{ bills(after: "nope") { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT' } }])
  })

  t.test('the pdf and html links open', async t => {
    const answer = await graphql(ctx, admin.apiKey, '{ bills(first: 1) { edges { node { billId pdfUrl url } } } }')
    const { billId, pdfUrl, url } = answer.body.data.bills.edges[0].node
    const pdf = await fetch(pdfUrl)
    t.equal(pdf.status, 200)
    t.equal(pdf.headers.get('content-type'), 'application/pdf')
    t.match(Buffer.from(await pdf.arrayBuffer()).subarray(0, 8).toString('latin1'), /^%PDF-1\.4/)
    const html = await fetch(url)
    t.equal(html.status, 200)
    t.match(await html.text(), billId)
    t.equal((await fetch(url.replace(/passwd=[^&]+/, 'passwd=wrong'))).status, 404, 'the password is needed')
  })

  t.test('REST: list over a period, one bill with lines and payment', async t => {
    const all = await rest(ctx, admin.apiKey, 'GET', '/v1/bills')
    t.equal(all.statusCode, 200, JSON.stringify(all.body))
    t.equal(all.body.totalCount, 3)
    t.notOk('lines' in all.body.items[0], 'lines on the detail only')
    const dates = all.body.items.map((bill: any) => Date.parse(bill.date))
    const from = new Date(dates[1] - 1000).toISOString()
    const recent = await rest(ctx, admin.apiKey, 'GET', `/v1/bills?from=${encodeURIComponent(from)}`)
    t.equal(recent.body.totalCount, 2, 'from: the two latest')
    const to = new Date(dates[2] + 1000).toISOString()
    t.equal((await rest(ctx, admin.apiKey, 'GET', `/v1/bills?to=${encodeURIComponent(to)}`)).body.totalCount, 1, 'to: the oldest')
    const { billId } = all.body.items[2]
    const one = await rest(ctx, admin.apiKey, 'GET', `/v1/bills/${billId}`)
    t.equal(one.statusCode, 200)
    t.match(one.body, { billId, lines: [{ domain: /^demo-/, quantity: 1 }], payment: { paymentType: 'creditCard' } })
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/bills/FR1'), { statusCode: 404, body: { code: 'NOT_FOUND' } })
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/bills?from=2026-13-01'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    const since = lastCallId(ctx.sandbox)
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/bills?from=2026-12-01&to=2026-11-01'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'refused before any OVH call')
  })

  t.test('an order paid through the gateway has its bill', async t => {
    const domain = `billed-${Date.now().toString(36)}.com`
    const placed = await ctx.app.inject({ method: 'POST', url: '/v1/orders/domain', headers: { authorization: `Bearer ${admin.apiKey}`, 'idempotency-key': `bill-${domain}` }, payload: { domain, ownerLegalAge: true } })
    t.equal(placed.statusCode, 201, placed.body)
    const { orderId } = placed.json()
    const order = await rest(ctx, admin.apiKey, 'GET', `/v1/orders/${orderId}`)
    t.equal(order.statusCode, 200)
    t.match(order.body.billId, /^FR\d+$/)
    const graph = await graphql(ctx, admin.apiKey, 'query ($id: ID!) { order(orderId: $id) { bill { billId orderId category lines { domain totalPrice { value } } payment { paymentType } } } }', { id: orderId })
    t.match(graph.body.data.order.bill, { billId: order.body.billId, orderId: String(orderId), category: 'purchase-web', lines: [{ domain }, { domain, totalPrice: { value: 0 } }], payment: { paymentType: 'creditCard' } })
    const viewed = await graphql(ctx, viewer.apiKey, 'query ($id: ID!) { order(orderId: $id) { orderId bill { billId } } }', { id: orderId })
    t.same(viewed.body.data.order, { orderId: String(orderId), bill: null }, 'hidden from a viewer, like cost')
    t.equal((await rest(ctx, viewer.apiKey, 'GET', `/v1/orders/${orderId}`)).body.billId, null)
  })

  t.test('orders filtered by status and date', async t => {
    const paid = ['checking', 'delivering', 'delivered']
    const graph = await graphql(ctx, admin.apiKey, 'query ($s: [OrderStatus!]) { orders(filter: { status: $s, from: "2020-01-01" }) { totalCount edges { node { orderId status } } } }', { s: paid })
    t.equal(graph.statusCode, 200, JSON.stringify(graph.body.errors))
    t.equal(graph.body.data.orders.totalCount, 1, 'the paid order')
    t.ok(paid.includes(graph.body.data.orders.edges[0].node.status))
    const unpaid = await rest(ctx, admin.apiKey, 'GET', '/v1/orders?status=notPaid,cancelled&from=2020-01-01')
    t.equal(unpaid.statusCode, 200, JSON.stringify(unpaid.body))
    t.equal(unpaid.body.totalCount, 0)
    t.equal((await rest(ctx, admin.apiKey, 'GET', `/v1/orders?status=${paid.join(',')}`)).body.totalCount, 1)
    t.equal((await rest(ctx, admin.apiKey, 'GET', '/v1/orders?status=delivered&to=2020-01-01')).body.totalCount, 0, 'and the dates')
    const since = lastCallId(ctx.sandbox)
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/orders?status=paid'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'an unknown status: refused before any OVH call')
  })

  t.test('a viewer may not read bills', async t => {
    const since = lastCallId(ctx.sandbox)
    t.match((await graphql(ctx, viewer.apiKey, '{ bills { totalCount } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/bills'), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/bills/export.csv'), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'no OVH call')
  })

  t.test('the reconciliation CSV: one line per bill line', async t => {
    const answer = await ctx.app.inject({ method: 'GET', url: '/v1/bills/export.csv', headers: { authorization: `Bearer ${admin.apiKey}` } })
    t.equal(answer.statusCode, 200, answer.body)
    t.match(answer.headers['content-type'], /^text\/csv/)
    const lines = answer.body.trimEnd().split('\r\n')
    t.equal(lines[0], 'billId,date,orderId,domain,description,quantity,unitPrice,totalWithoutTax,totalWithTax,currency')
    // 5 seeded renewal lines, and the paid order's two (the domain, its DNS zone).
    t.equal(lines.length, 1 + 7)
    t.match(lines[1], /^FR\d+,[^,]+,\d+,demo-tea\.co\.uk,Renewal of demo-tea\.co\.uk \(P1Y\),1,34\.99,34\.99,41\.99,EUR$/)
    const since = lastCallId(ctx.sandbox)
    const long = await rest(ctx, admin.apiKey, 'GET', '/v1/bills/export.csv?from=2024-01-01&to=2026-01-01')
    t.match(long, { statusCode: 400, body: { code: 'BAD_USER_INPUT', fields: [{ field: 'from' }] } })
    t.same(ctx.sandbox.admin.calls({ since }), [], 'a period over a year: refused before any OVH call')
  })
})

t.test('an export the budget cannot read is refused after the list alone', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '6' } })
  const admin = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const answer = await rest(ctx, admin.apiKey, 'GET', '/v1/bills/export.csv')
  t.match(answer, { statusCode: 400, body: { code: 'BAD_USER_INPUT', detail: /3 bills/ } })
  t.same(ctx.sandbox.admin.calls({ since }).map(call => call.route).filter(route => route?.startsWith('/me/bill') === true), ['/me/bill'], 'only the list')
})
