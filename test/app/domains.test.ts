// Domains through GraphQL and REST: one service, loaders and batch reads, pagination, filters,
// input checked before OVH, and OVH's failures turned into coded errors.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { addDomains, lastCallId } from '../support/sandbox.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

t.test('a page of 50 domains costs two upstream calls: the list and one batch read', async t => {
  const ctx = freshSandbox(shared)
  addDomains(ctx.sandbox, ctx.sandbox.demo.account, 60)
  const user = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domains(first: 50) { totalCount edges { node { name state expirationDate } } } }')
  t.equal(answer.statusCode, 200)
  t.equal(answer.body.data.domains.edges.length, 50)
  t.equal(answer.body.data.domains.totalCount, 73)
  const calls = ctx.sandbox.admin.calls({ since })
  t.equal(calls.length, 2, 'GET /domain + one X-Ovh-Batch read')
  t.match(calls, [{ method: 'GET', route: '/domain', batchSize: 1 }, { method: 'GET', route: '/domain/{serviceName}', batchSize: 50 }])
})

// docs/api.md ("GraphQL") says what its example and its variants cost; these are those queries.
t.test('the README example costs two calls; a state filter and serviceInfos cost what README says', async t => {
  const ctx = freshSandbox(shared)
  addDomains(ctx.sandbox, ctx.sandbox.demo.account, 60, 'shop')
  const user = await seedUser(ctx)
  const cost = async (query: string) => {
    const since = lastCallId(ctx.sandbox)
    const answer = await graphql(ctx, user.apiKey, query)
    t.equal(answer.body.errors, undefined, query)
    return { data: answer.body.data, calls: ctx.sandbox.admin.calls({ since }) }
  }
  const headline = await cost(`{
    me { user { email } role scopes tenant { slug } credential { state expiresAt } }
    domains(first: 50, filter: { nameContains: "shop" }) {
      totalCount
      edges { cursor node { name state expirationDate renewalState transferLockStatus } }
      pageInfo { hasNextPage endCursor }
    }
  }`)
  t.equal(headline.data.domains.edges.length, 50)
  t.match(headline.calls, [{ route: '/domain' }, { route: '/domain/{serviceName}', batchSize: 50 }])
  t.equal(headline.calls.length, 2, 'the list and one batch read')

  const byState = await cost('{ domains(first: 50, filter: { state: [ok, expired], nameContains: "shop" }) { totalCount edges { node { name } } } }')
  t.equal(byState.calls.length, 3, 'the list and every matching name read in batches of 50 (61 names: 2), the page from those reads')

  const infos = await cost('{ domains(first: 10, filter: { nameContains: "shop" }) { edges { node { name serviceInfos { renew { automatic } } } } } }')
  t.equal(infos.calls.filter(call => call.route === '/domain/{serviceName}/serviceInfos').length, 10, 'serviceInfos: one call per domain')
  t.equal(infos.calls.length, 12)
})

t.test('the connection pages through every domain in name order', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const expected = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains).sort()
  const seen: string[] = []
  let after: string | null = null
  for (let page = 0; page < 10; page++) {
    const answer: any = await graphql(ctx, user.apiKey, 'query ($after: String) { domains(first: 5, after: $after) { totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage endCursor } } }', { after })
    const { edges, pageInfo, totalCount } = answer.body.data.domains
    t.equal(totalCount, expected.length)
    t.equal(pageInfo.hasPreviousPage, page > 0)
    seen.push(...edges.map((edge: any) => edge.node.name))
    if (!pageInfo.hasNextPage) break
    after = pageInfo.endCursor
  }
  t.same(seen, expected)
})

t.test('filters by name and by state', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const all = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains)
  const byName = await graphql(ctx, user.apiKey, '{ domains(filter: { nameContains: ".BERLIN" }) { edges { node { name } } } }')
  t.same(byName.body.data.domains.edges.map((e: any) => e.node.name), all.filter(d => d.domain.endsWith('.berlin')).map(d => d.domain).sort())

  const byState = await graphql(ctx, user.apiKey, '{ domains(filter: { state: [expired, pending_delete] }) { totalCount edges { node { name state } } } }')
  const wanted = all.filter(d => d.state === 'expired' || d.state === 'pending_delete').map(d => d.domain).sort()
  t.equal(byState.body.data.domains.totalCount, wanted.length)
  t.same(byState.body.data.domains.edges.map((e: any) => e.node.name), wanted)

  const restAnswer = await rest(ctx, user.apiKey, 'GET', '/v1/domains?state=expired,pending_delete&first=1')
  t.equal(restAnswer.body.items.length, 1)
  t.equal(restAnswer.body.totalCount, wanted.length)
  t.equal(restAnswer.body.pageInfo.hasNextPage, wanted.length > 1)
})

t.test('one domain with its renewal settings, read once per request however often it is asked for', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const stored = Object.values(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains).find(d => d.state === 'ok' && d.renew.automatic)!
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, `{
    a: domain(name: "${stored.domain.toUpperCase()}") { name state expirationDate transferLockStatus nameServers { nameServer } serviceInfos { expiration renew { automatic deleteAtExpiration } } }
    b: domain(name: "${stored.domain}") { serviceId contactOwner { id } serviceInfos { status } }
  }`)
  t.equal(answer.statusCode, 200)
  const { a, b } = answer.body.data
  t.equal(a.name, stored.domain)
  t.equal(a.state, 'ok')
  t.equal(new Date(a.expirationDate).getTime(), Math.floor(stored.expiration / 1000) * 1000, 'expiry as OVH reports it (to the second)')
  t.equal(a.serviceInfos.renew.automatic, true)
  t.equal(b.serviceId, String(stored.serviceId))
  const calls = ctx.sandbox.admin.calls({ since })
  t.equal(calls.filter(c => c.route === '/domain/{serviceName}').length, 1, 'the domain is read once')
  t.equal(calls.filter(c => c.route === '/domain/{serviceName}/serviceInfos').length, 1, 'its serviceInfos once')

  const detail = await rest(ctx, user.apiKey, 'GET', `/v1/domains/${stored.domain}?include=serviceInfos`)
  t.equal(detail.statusCode, 200)
  t.match(detail.body, { domain: stored.domain, serviceInfos: { renew: { automatic: true } } })
  t.notOk('serviceInfos' in (await rest(ctx, user.apiKey, 'GET', `/v1/domains/${stored.domain}`)).body)
})

t.test('an unknown domain is null in GraphQL and 404 in REST', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const answer = await graphql(ctx, user.apiKey, '{ domain(name: "not-mine.com") { name } }')
  t.same(answer.body, { data: { domain: null } })
  t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains/not-mine.com')).body, { status: 404, code: 'NOT_FOUND' })
})

t.test('bad input is refused with field errors and never reaches OVH', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const since = lastCallId(ctx.sandbox)
  const bad = await graphql(ctx, user.apiKey, '{ domain(name: "not a domain!") { name } }')
  t.match(bad.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'name' }] } }])
  t.match((await graphql(ctx, user.apiKey, '{ domains(first: 1000) { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] } }])
  t.match((await graphql(ctx, user.apiKey, '{ domains(after: "bm9wZQ") { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }])
  const restBad = await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=0&state=sleeping')
  t.equal(restBad.statusCode, 400)
  t.match(restBad.body, { code: 'BAD_USER_INPUT', fields: [{ field: /querystring/ }] })
  t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains/under_score..com')).body, { code: 'BAD_USER_INPUT' })
  t.same(ctx.sandbox.admin.calls({ since }).filter(c => c.route !== '/domain'), [], 'no domain was read')

  // A cursor is checked before the domain list is read, and only works in the order it came from.
  const page = await graphql(ctx, user.apiKey, '{ domains(first: 2) { pageInfo { endCursor } } }')
  const cursor = page.body.data.domains.pageInfo.endCursor
  const cursorSince = lastCallId(ctx.sandbox)
  t.match((await graphql(ctx, user.apiKey, `{ domains(after: "${cursor}", orderBy: { field: expirationDate, direction: ASC }) { totalCount } }`)).body.errors,
    [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }], 'a cursor of the name order')
  t.match((await graphql(ctx, user.apiKey, `{ domains(after: "${cursor}", orderBy: { field: name, direction: DESC }) { totalCount } }`)).body.errors,
    [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }], 'a cursor of the other direction')
  t.match((await graphql(ctx, user.apiKey, '{ domains(after: "bm9wZQ") { totalCount } }')).body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } }])
  t.same(ctx.sandbox.admin.calls({ since: cursorSince }), [], 'OVH saw none of these')
  t.equal((await graphql(ctx, user.apiKey, `{ domains(first: 2, after: "${cursor}") { totalCount } }`)).body.errors, undefined, 'in its own list it pages')
})

t.test('OVH failures become coded errors', async t => {
  const ctx = await build(t, { env: { OVH_TIMEOUT_MS: '300' } })
  const user = await seedUser(ctx)
  const query = '{ domains(first: 3) { totalCount } }'

  ctx.sandbox.admin.addFault({ path: '/domain', status: 503, times: 10 })
  const unavailable = await graphql(ctx, user.apiKey, query)
  t.equal(unavailable.statusCode, 503)
  t.match(unavailable.body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE', ovh: { status: 503 } } }])
  ctx.sandbox.admin.removeFault()

  ctx.sandbox.admin.addFault({ path: '/domain', status: 429, retryAfterSeconds: 7, times: 10 })
  const limited = await ctx.app.inject({ method: 'GET', url: '/v1/domains', headers: { authorization: `Bearer ${user.apiKey}` } })
  t.equal(limited.statusCode, 429)
  t.equal(limited.headers['retry-after'], '7')
  t.match(limited.json(), { code: 'RATE_LIMITED', retryAfter: 7 })
  ctx.sandbox.admin.removeFault()

  ctx.sandbox.admin.addFault({ path: '/domain', latencyMs: 2000, times: 10 })
  t.match((await graphql(ctx, user.apiKey, query)).body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE', kind: 'timeout' } }])
  ctx.sandbox.admin.removeFault()

  ctx.sandbox.admin.addFault({ path: '/domain', malformed: true, times: 10 })
  t.match((await graphql(ctx, user.apiKey, query)).body.errors, [{ extensions: { code: 'UPSTREAM_UNAVAILABLE', kind: 'malformed' } }])
  ctx.sandbox.admin.removeFault()

  // A transient 503 is retried (GET is safe to repeat): the caller never sees it.
  ctx.sandbox.admin.addFault({ path: '/domain', status: 503, times: 1 })
  t.equal((await graphql(ctx, user.apiKey, query)).statusCode, 200)
})

t.test('a batch read that fails falls back to single reads', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  ctx.sandbox.admin.addFault({ path: '/domain/*,*', status: 500, times: 5 })
  const answer = await graphql(ctx, user.apiKey, '{ domains(first: 4) { edges { node { name state } } } }')
  t.equal(answer.statusCode, 200)
  t.equal(answer.body.data.domains.edges.length, 4)
})

t.test('GraphQL query limits: depth, size and validation', async t => {
  const ctx = await build(t, { env: { GRAPHQL_MAX_DEPTH: '4', GRAPHQL_MAX_FIELDS: '20' } })
  const user = await seedUser(ctx)
  const deep = await graphql(ctx, user.apiKey, '{ domains { edges { node { serviceInfos { renew { automatic } } } } } }')
  t.equal(deep.statusCode, 400)
  t.match(deep.body.errors?.[0], { message: /depth/i })
  const many = Array.from({ length: 25 }, (_, i) => `f${i}: me { role }`).join(' ')
  const wide = await graphql(ctx, user.apiKey, `{ ${many} }`)
  t.match(wide.body.errors, [{ message: /more than 20 fields/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])
  const invalid = await graphql(ctx, user.apiKey, '{ domains { nope } }')
  t.equal(invalid.statusCode, 400)
  t.match(invalid.body.errors, [{ message: /Cannot query field "nope"/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }])
})
