// GraphQL for apps: the cost limit per request (refused before it runs, with no OVH call;
// mirrored reads cheap).
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

// A small limit, so that the tests reach it with short queries.
const shared = await build(t, { env: { GRAPHQL_MAX_COST: '500' } })
const user = await seedUser(shared)

t.test('a query past the cost limit is refused before it runs, with no OVH call', async t => {
  const since = lastCallId(shared.sandbox)
  const costly = await graphql(shared, user.apiKey, '{ domains(first: 20) { edges { node { name dnsZone { records(first: 100) { edges { node { id } } } } } } } }')
  t.equal(costly.statusCode, 400)
  t.match(costly.body.errors, [{ message: /estimated cost \(\d+\) exceeds the limit of 500/, extensions: { code: 'QUERY_TOO_COSTLY', cost: 20 + 200 + 20_000, maxCost: 500 } }])
  t.equal(costly.body.data, null)
  const byVariable = await graphql(shared, user.apiKey, 'query ($n: Int) { domains(first: $n, live: true) { edges { node { name } } } }', { n: 60 })
  t.match(byVariable.body.errors, [{ extensions: { code: 'QUERY_TOO_COSTLY', cost: 600 } }], 'page sizes given as variables count')
  t.same(shared.sandbox.admin.calls({ since }), [], 'nothing reached OVH')
})

t.test('normal queries pass; mirrored reads count as cheap, live ones as OVH calls', async t => {
  const normal = await graphql(shared, user.apiKey, '{ me { role } domains(first: 20) { edges { node { name serviceInfos { status } } } } }')
  t.equal(normal.statusCode, 200)
  t.notOk(normal.body.errors, 'a page of 20 with an OVH field each: 220')
  t.ok(normal.body.data.domains.edges.length > 0)
  const mirrored = await graphql(shared, user.apiKey, '{ domains(first: 100) { edges { node { name } } } }')
  t.notOk(mirrored.body.errors, 'a mirrored page of 100: 100')
  const live = await graphql(shared, user.apiKey, '{ domains(first: 100, live: true) { edges { node { name } } } }')
  t.match(live.body.errors, [{ extensions: { code: 'QUERY_TOO_COSTLY', cost: 1000 } }], 'the same page read live: 1000')
})
