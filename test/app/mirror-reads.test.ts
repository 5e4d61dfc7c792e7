// Reads from the portfolio mirror: freshness (answered from PostgreSQL with no OVH call, stale
// copies answered and refreshed, live on request, unknown domains read once and kept), portfolio
// queries (filters, orders, keyset pages, counts, CSV export) and the consumer key's access rules.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { fillMirror, recordRefreshes } from '../support/mirror.js'

const ctx = await build(t, { env: { MIRROR_READS: 'on', MIRROR_MAX_AGE_SECONDS: '300' } })
const refreshes = recordRefreshes(ctx)
const demo = ctx.sandbox.demo

const mirrorFor = (user: SeededUser, options: Parameters<typeof fillMirror>[1] extends infer F ? Partial<F> : never = {}) =>
  fillMirror(ctx, { tenantId: user.tenant.id, nic: demo.account, consumerKey: demo.consumerKey, ...options })

const callsSince = (since: number) => ctx.sandbox.admin.calls({ since })

t.test('a mirrored domain is answered from PostgreSQL, says how fresh it is, and costs no OVH call', async t => {
  const user = await seedUser(ctx)
  const syncedAt = new Date(Date.now() - 60_000)
  await mirrorFor(user, { syncedAt })
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domain(name: "demo-shop.com") { name state expirationDate source syncedAt } }')
  t.same(answer.body.errors, undefined)
  t.match(answer.body.data.domain, { name: 'demo-shop.com', state: 'ok', source: 'MIRROR', syncedAt: syncedAt.toISOString() })
  const byRest = await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com')
  t.equal(byRest.statusCode, 200)
  t.match(byRest.body, { domain: 'demo-shop.com', source: 'MIRROR', syncedAt: syncedAt.toISOString() })
  t.equal(byRest.headers['x-data-source'], 'mirror')
  t.ok(Number(byRest.headers.age) >= 60, 'Age: seconds since OVH said it')
  t.same(callsSince(since), [], 'no OVH call')
  t.same(refreshes.filter(request => request.scope.tenantId === user.tenant.id), [], 'fresher than maxAge: nothing to refresh')
})

t.test('older than maxAge: answered all the same, and a refresh is queued', async t => {
  const user = await seedUser(ctx)
  await mirrorFor(user, { syncedAt: new Date(Date.now() - 3_600_000) })
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domain(name: "demo-blog.net") { name source } }')
  t.match(answer.body.data.domain, { name: 'demo-blog.net', source: 'MIRROR' })
  t.same(callsSince(since), [])
  t.match(refreshes.filter(request => request.scope.tenantId === user.tenant.id), [
    { scope: { ovhEndpoint: 'sandbox', ovhAccount: demo.account }, targets: { domains: ['demo-blog.net'] }, reason: 'stale' }
  ])
  // Per request: a maxAge above its age asks for nothing; REST's maxAge=0 always does.
  refreshes.length = 0
  await graphql(ctx, user.apiKey, '{ domain(name: "demo-blog.net", maxAge: 7200) { name } }')
  t.same(refreshes, [])
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-blog.net?maxAge=0')).statusCode, 200)
  t.equal(refreshes.length, 1)
  // A page of a list: its stale rows are queued, the page answered from the mirror.
  refreshes.length = 0
  const page = await graphql(ctx, user.apiKey, '{ domains(first: 3) { source edges { node { name source } } } }')
  t.equal(page.body.data.domains.source, 'MIRROR')
  t.same(refreshes[0]?.targets.domains, page.body.data.domains.edges.map((edge: { node: { name: string } }) => edge.node.name))
  t.same(callsSince(since), [])
  const bad = await graphql(ctx, user.apiKey, '{ domain(name: "demo-blog.net", maxAge: -1) { name } }')
  t.equal(bad.body.errors?.[0].extensions.code, 'BAD_USER_INPUT')
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-blog.net?live=maybe')).statusCode, 400)
})

t.test('live: true reads OVH with the caller\'s key and updates the mirror', async t => {
  const user = await seedUser(ctx)
  const { accountId } = await mirrorFor(user, { syncedAt: new Date(Date.now() - 3_600_000) })
  // Changed at OVH behind the mirror's back.
  ctx.sandbox.state.accounts[demo.account].domains['demo-app.io'].state = 'expired'
  t.teardown(() => { ctx.sandbox.state.accounts[demo.account].domains['demo-app.io'].state = 'ok' })
  const since = lastCallId(ctx.sandbox)
  t.equal((await graphql(ctx, user.apiKey, '{ domain(name: "demo-app.io") { state source } }')).body.data.domain.state, 'ok', 'the mirror\'s copy')
  const live = await graphql(ctx, user.apiKey, '{ domain(name: "demo-app.io", live: true) { state source syncedAt } }')
  t.match(live.body.data.domain, { state: 'expired', source: 'LIVE' })
  const calls = callsSince(since)
  t.equal(calls.length, 1)
  t.equal(calls[0].credentialId, ctx.sandbox.state.credentials[user.consumerKey!].credentialId, 'signed with the caller\'s own key')
  const row = await ctx.db.mirrorDomain.findUniqueOrThrow({ where: { accountId_name: { accountId, name: 'demo-app.io' } } })
  t.equal(row.state, 'expired')
  t.ok(Date.now() - row.syncedAt.getTime() < 60_000)
  const after = await graphql(ctx, user.apiKey, '{ domain(name: "demo-app.io") { state source } }')
  t.match(after.body.data.domain, { state: 'expired', source: 'MIRROR' })
  const restLive = await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-app.io?live=true')
  t.match(restLive.body, { source: 'LIVE' })
  t.equal(restLive.headers['x-data-source'], 'live')
})

t.test('a domain the mirror does not know is read live once, kept, then answered from the mirror', async t => {
  const user = await seedUser(ctx)
  // The first sync is under way: nothing of the account is in the mirror yet.
  await mirrorFor(user, { names: ['demo-shop.com'], state: 'initial' })
  refreshes.length = 0
  let since = lastCallId(ctx.sandbox)
  const first = await graphql(ctx, user.apiKey, '{ domain(name: "demo-kiez.berlin") { name nameServerType source } }')
  t.match(first.body.data.domain, { name: 'demo-kiez.berlin', nameServerType: 'external', source: 'LIVE' })
  t.equal(callsSince(since).length, 1)
  t.match(refreshes, [{ targets: { domains: ['demo-kiez.berlin'] }, reason: 'unknown' }], 'the sync is asked for the rest (service data)')
  since = lastCallId(ctx.sandbox)
  const second = await graphql(ctx, user.apiKey, '{ domain(name: "demo-kiez.berlin") { name nameServerType source } }')
  t.match(second.body.data.domain, { name: 'demo-kiez.berlin', nameServerType: 'external', source: 'MIRROR' })
  t.same(callsSince(since), [], 'kept: no second OVH call')
  const row = await ctx.db.mirrorDomain.findFirstOrThrow({ where: { tenantId: user.tenant.id, name: 'demo-kiez.berlin' } })
  t.match(row, { tld: 'berlin', state: 'ok', transferLock: 'unlocked', nameServerType: 'external' })
  // A name OVH does not have is not kept.
  t.equal((await graphql(ctx, user.apiKey, '{ domain(name: "nowhere-to-be-found.com") { name } }')).body.data.domain, null)
  t.equal(await ctx.db.mirrorDomain.count({ where: { tenantId: user.tenant.id, name: 'nowhere-to-be-found.com' } }), 0)

  // Until the first sync is complete, lists read OVH (as before the mirror) and keep what they read.
  since = lastCallId(ctx.sandbox)
  const list = await graphql(ctx, user.apiKey, '{ domains(first: 5) { source totalCount edges { node { name source } } } }')
  t.match(list.body.data.domains, { source: 'LIVE', totalCount: 13 })
  t.equal(callsSince(since).length, 2, 'the list and one batch read')
  t.equal(await ctx.db.mirrorDomain.count({ where: { tenantId: user.tenant.id } }), 7, 'the page\'s five kept, beside the two read before (neither on the page)')
})

t.test('a user whose key has no OVH account recorded, or a mirror turned off, reads live', async t => {
  const user = await seedUser(ctx)
  await mirrorFor(user)
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { ovhAccount: null } })
  const since = lastCallId(ctx.sandbox)
  const answer = await graphql(ctx, user.apiKey, '{ domain(name: "demo-shop.com") { source } }')
  t.equal(answer.body.data.domain.source, 'LIVE')
  t.equal(callsSince(since).length, 1)
})

t.test('portfolio queries: filters, orders and keyset pages from the mirror, with no OVH call', async t => {
  const user = await seedUser(ctx)
  const extra = addDomains(ctx.sandbox, demo.account, 40, 'mirror')
  t.teardown(() => { for (const name of extra) delete ctx.sandbox.state.accounts[demo.account].domains[name] })
  const creation = Object.fromEntries(extra.slice(0, 20).map((name, index) => [name, new Date(Date.UTC(2020, 0, 1 + (index * 7) % 20))]))
  const { details } = await mirrorFor(user, { creation })
  const since = lastCallId(ctx.sandbox)

  const all = async (query: (after: string | null) => string) => {
    const names: string[] = []
    let after: string | null = null
    for (let pages = 0; pages < 20; pages++) {
      const answer = await graphql(ctx, user.apiKey, query(after))
      t.same(answer.body.errors, undefined)
      const connection = answer.body.data.domains
      names.push(...connection.edges.map((edge: { node: { name: string } }) => edge.node.name))
      if (!connection.pageInfo.hasNextPage) return { names, totalCount: connection.totalCount }
      after = connection.pageInfo.endCursor
    }
    throw new Error('too many pages')
  }
  const page = (args: string) => (after: string | null) =>
    `{ domains(first: 7, ${args}${after ? `, after: "${after}"` : ''}) { totalCount source edges { node { name } } pageInfo { hasNextPage endCursor } } }`

  const byName = [...details].map(d => d.domain).sort()
  t.same((await all(page('orderBy: { field: name }'))).names, byName)
  t.same((await all(page('orderBy: { field: name, direction: DESC }'))).names, [...byName].reverse())
  const expiry = (d: typeof details[number]) => `${String(Date.parse(d.expirationDate)).padStart(15, '0')}|${d.domain}`
  const byExpiryDesc = [...details].sort((a, b) => (expiry(a) < expiry(b) ? 1 : -1)).map(d => d.domain)
  t.same((await all(page('orderBy: { field: expirationDate, direction: DESC }'))).names, byExpiryDesc)
  const creationKey = (name: string) => creation[name] ? creation[name].getTime() : Infinity
  const byCreation = [...byName].sort((a, b) => creationKey(a) - creationKey(b) || (a < b ? -1 : 1))
  t.same((await all(page('orderBy: { field: creationDate }'))).names, byCreation, 'unknown creation dates last, by name')

  const expected = (keep: (d: typeof details[number]) => boolean) => details.filter(keep).map(d => d.domain).sort()
  const filtered = async (filter: string, keep: (d: typeof details[number]) => boolean) => {
    const result = await all(page(`filter: ${filter}`))
    t.same(result.names, expected(keep), filter)
    t.equal(result.totalCount, expected(keep).length)
  }
  await filtered('{ state: [expired, pending_delete] }', d => d.state === 'expired' || d.state === 'pending_delete')
  await filtered('{ tld: ["berlin", ".FR"] }', d => d.domain.endsWith('.berlin') || d.domain.endsWith('.fr'))
  await filtered('{ nameContains: "MIRROR-01" }', d => d.domain.includes('mirror-01'))
  await filtered('{ nameContains: "%" }', () => false)
  await filtered('{ transferLockStatus: [unlocked], nameServerType: [external] }', d => d.transferLockStatus === 'unlocked' && d.nameServerType === 'external')
  await filtered('{ renewalState: [manual_renew] }', d => d.renewalState === 'manual_renew')
  const cut = '2027-01-01T00:00:00Z'
  await filtered(`{ expiringBefore: "${cut}" }`, d => Date.parse(d.expirationDate) < Date.parse(cut))
  await filtered(`{ expiringAfter: "${cut}", state: [ok] }`, d => Date.parse(d.expirationDate) > Date.parse(cut) && d.state === 'ok')

  // REST: the same list, its freshness, and a cursor from another order refused.
  const restPage = await rest(ctx, user.apiKey, 'GET', '/v1/domains?first=5&tld=fr,berlin&orderBy=expirationDate&direction=DESC')
  t.equal(restPage.statusCode, 200)
  t.match(restPage.body, { source: 'MIRROR', totalCount: expected(d => /\.(fr|berlin)$/.test(d.domain)).length })
  t.same(restPage.body.items.map((item: { domain: string }) => item.domain), byExpiryDesc.filter(name => /\.(fr|berlin)$/.test(name)).slice(0, 5))
  const wrong = await rest(ctx, user.apiKey, 'GET', `/v1/domains?after=${restPage.body.pageInfo.endCursor}`)
  t.equal(wrong.statusCode, 400)

  // Counts by state and TLD.
  const counts = await graphql(ctx, user.apiKey, '{ domainCounts { total source byState { state count } byTld { tld count } } }')
  const tally = (keys: string[]) => Object.entries(keys.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }), {}))
  t.equal(counts.body.data.domainCounts.total, details.length)
  t.equal(counts.body.data.domainCounts.source, 'MIRROR')
  t.same(Object.fromEntries(counts.body.data.domainCounts.byState.map((c: { state: string, count: number }) => [c.state, c.count])), Object.fromEntries(tally(details.map(d => d.state))))
  t.same(Object.fromEntries(counts.body.data.domainCounts.byTld.map((c: { tld: string, count: number }) => [c.tld, c.count])), Object.fromEntries(tally(details.map(d => d.domain.slice(d.domain.indexOf('.') + 1)))))
  t.equal(counts.body.data.domainCounts.byTld[0].tld, 'com', 'largest first')
  const restCounts = await rest(ctx, user.apiKey, 'GET', '/v1/domains/counts?state=ok')
  t.equal(restCounts.body.total, details.filter(d => d.state === 'ok').length)

  // The CSV export: every matching domain, in name order.
  const csv = await ctx.app.inject({ method: 'GET', url: '/v1/domains/export.csv?tld=com', headers: { authorization: `Bearer ${user.apiKey}` } })
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /^text\/csv/)
  const lines = csv.body.split('\r\n').filter(Boolean)
  t.equal(lines[0], 'name,tld,state,expirationDate,creationDate,renewalState,renewalPeriod,transferLockStatus,nameServerType,nameServers,ownerContactId,serviceId,syncedAt')
  t.same(lines.slice(1).map(line => line.split(',')[0]), expected(d => d.domain.endsWith('.com')))
  const shop = lines.find(line => line.startsWith('demo-shop.com,'))!.split(',')
  const shopDetail = details.find(d => d.domain === 'demo-shop.com')!
  t.same(shop.slice(0, 4), ['demo-shop.com', 'com', 'ok', new Date(shopDetail.expirationDate).toISOString()])
  t.equal(shop[9], shopDetail.nameServers.map(server => server.nameServer).join(' '))

  t.same(callsSince(since), [], 'none of it called OVH')
})

t.test('until the first sync completes, counts and the export read OVH; creationDate order needs the mirror', async t => {
  const user = await seedUser(ctx)
  await mirrorFor(user, { names: ['demo-shop.com'], state: 'initial' })
  const since = lastCallId(ctx.sandbox)
  const counts = await graphql(ctx, user.apiKey, '{ domainCounts(filter: { state: [ok] }) { total source } }')
  t.same(counts.body.data.domainCounts, { total: 9, source: 'LIVE' })
  t.equal(callsSince(since).length, 2, 'the list and one batch read of the 13 domains')
  const csv = await ctx.app.inject({ method: 'GET', url: '/v1/domains/export.csv', headers: { authorization: `Bearer ${user.apiKey}` } })
  t.equal(csv.body.split('\r\n').filter(Boolean).length, 14)
  t.equal(csv.headers['x-data-source'], 'live')
  const refused = await graphql(ctx, user.apiKey, '{ domains(orderBy: { field: creationDate }) { totalCount } }')
  t.match(refused.body.errors?.[0], { extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'orderBy.field' }] } })
})

t.test('a key limited to one domain sees that domain only: lists, counts, export and reads', async t => {
  const user = await seedUser(ctx)
  await mirrorFor(user)
  const rules = [{ method: 'GET', path: '/domain/demo-tea.co.uk/*' }, { method: 'GET', path: '/me' }]
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { accessRules: rules } })
  ctx.sandbox.state.credentials[user.consumerKey!].rules = rules.map(rule => ({ ...rule, method: 'GET' as const }))
  const since = lastCallId(ctx.sandbox)

  const list = await graphql(ctx, user.apiKey, '{ domains { totalCount edges { node { name } } } }')
  t.same(list.body.data.domains, { totalCount: 1, edges: [{ node: { name: 'demo-tea.co.uk' } }] })
  const counts = await graphql(ctx, user.apiKey, '{ domainCounts { total byState { state count } byTld { tld count } } }')
  t.same(counts.body.data.domainCounts, { total: 1, byState: [{ state: 'ok', count: 1 }], byTld: [{ tld: 'co.uk', count: 1 }] })
  const csv = await ctx.app.inject({ method: 'GET', url: '/v1/domains/export.csv', headers: { authorization: `Bearer ${user.apiKey}` } })
  t.same(csv.body.split('\r\n').filter(Boolean).slice(1).map(line => line.split(',')[0]), ['demo-tea.co.uk'])
  t.equal((await graphql(ctx, user.apiKey, '{ domain(name: "demo-tea.co.uk") { name } }')).body.data.domain.name, 'demo-tea.co.uk')
  const other = await graphql(ctx, user.apiKey, '{ domain(name: "demo-shop.com") { name } }')
  t.equal(other.body.errors?.[0].extensions.code, 'FORBIDDEN')
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com?live=true')).statusCode, 403, 'refused before OVH, live or not')
  t.same(callsSince(since), [], 'no OVH call')

  // Rules with wildcards inside the name, and none for domains at all.
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { accessRules: [{ method: 'GET', path: '/domain/*.berlin' }, { method: 'PUT', path: '/domain/*' }] } })
  const berlin = await graphql(ctx, user.apiKey, '{ domains { edges { node { name } } } }')
  t.same(berlin.body.data.domains.edges.map((edge: { node: { name: string } }) => edge.node.name), ['demo-kiez.berlin', 'demo-studio.berlin'])
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { accessRules: [{ method: 'GET', path: '/me' }] } })
  t.same((await graphql(ctx, user.apiKey, '{ domainCounts { total } }')).body.data.domainCounts, { total: 0 })
})

t.test('a write through the gateway queues a refresh of what it touched, once it succeeded', async t => {
  const user = await seedUser(ctx)
  await mirrorFor(user)
  refreshes.length = 0
  const answer = await graphql(ctx, user.apiKey, 'mutation { setTransferLock(domain: "demo-kiez.berlin", locked: true) { name transferLockStatus source } }')
  t.same(answer.body.errors, undefined)
  t.equal(answer.body.data.setTransferLock.source, 'LIVE', 'a mutation\'s answer comes from OVH')
  t.match(refreshes, [{ scope: { tenantId: user.tenant.id, ovhEndpoint: 'sandbox', ovhAccount: demo.account }, targets: { domains: ['demo-kiez.berlin'] }, reason: 'write' }])
  t.ok(refreshes.every(request => request.reason === 'write'))
  // A refused write changed nothing: nothing to refresh.
  refreshes.length = 0
  const refused = await graphql(ctx, user.apiKey, 'mutation { setTransferLock(domain: "demo-tea.co.uk", locked: false) { name } }')
  t.ok(refused.body.errors)
  t.same(refreshes, [])
})
