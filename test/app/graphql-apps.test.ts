// GraphQL for apps: automatic persisted queries (a hash instead of the query, the cache bounded)
// and the cost limit per request (refused before it runs, with no OVH call; mirrored reads cheap).
import t from 'tap'
import { createHash } from 'node:crypto'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'

// A small limit and cache, so that the tests reach both with short queries.
const shared = await build(t, { env: { GRAPHQL_MAX_COST: '500', GRAPHQL_PERSISTED_QUERIES: '2' } })
const user = await seedUser(shared)

const sha256 = (query: string) => createHash('sha256').update(query, 'utf8').digest('hex')
const persisted = (hash: string, version = 1) => ({ persistedQuery: { version, sha256Hash: hash } })

async function post (body: Record<string, unknown>, apiKey: string | null = user.apiKey) {
  const response = await shared.app.inject({ method: 'POST', url: '/graphql', headers: apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }, payload: body })
  return { statusCode: response.statusCode, body: response.json() }
}

t.test('a hash alone is not found until the query is sent with it, then runs from the hash', async t => {
  const query = '{ me { role } }'
  const hash = sha256(query)
  const unknown = await post({ extensions: persisted(hash) })
  t.equal(unknown.statusCode, 400)
  t.match(unknown.body.errors, [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }])

  const registered = await post({ query, extensions: persisted(hash) })
  t.same(registered.body, { data: { me: { role: 'admin' } } }, 'the query sent with its hash runs')
  t.same((await post({ extensions: persisted(hash) })).body, { data: { me: { role: 'admin' } } }, 'then the hash alone runs it')

  const get = await shared.app.inject({ method: 'GET', url: `/graphql?extensions=${encodeURIComponent(JSON.stringify(persisted(hash)))}`, headers: { authorization: `Bearer ${user.apiKey}` } })
  t.same(get.json(), { data: { me: { role: 'admin' } } }, 'over GET too (what a CDN can cache)')
  t.match((await post({ extensions: persisted(hash) }, null)).body.errors, [{ extensions: { code: 'UNAUTHENTICATED' } }], 'a hash is no key')
})

t.test('a wrong hash or an unknown protocol version is refused', async t => {
  const mismatch = await post({ query: '{ me { role } }', extensions: persisted(sha256('{ me { email } }')) })
  t.equal(mismatch.statusCode, 400)
  t.match(mismatch.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'extensions.persistedQuery.sha256Hash' }] } }])
  t.notOk(mismatch.body.data, 'nothing ran')
  t.match((await post({ extensions: persisted(sha256('{ me { role } }'), 2) })).body.errors, [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }])
})

t.test('the cache keeps a bounded number of queries, least recently used dropped first', async t => {
  const queries = ['{ me { scopes } }', '{ me { user { id } } }', '{ me { role scopes } }']
  for (const query of queries) await post({ query, extensions: persisted(sha256(query)) })
  t.match((await post({ extensions: persisted(sha256(queries[0])) })).body.errors, [{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }], 'the oldest was dropped (GRAPHQL_PERSISTED_QUERIES=2)')
  t.ok((await post({ extensions: persisted(sha256(queries[2])) })).body.data, 'the newest is kept')
})

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
