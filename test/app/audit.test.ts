// The audit trail as a tenant admin reads it (GraphQL auditEntries, REST GET /v1/audit): what was
// changed at OVH and by whom, what was refused, filters and pages, and nothing of another tenant.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import type { SeededUser } from '../support/fixtures.js'
import { createApiKey, revokeApiKey } from '../../src/admin/api-keys.js'

const TRAIL = `query ($first: Int, $after: String, $filter: AuditFilter) {
  auditEntries(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id operation outcome user { email role } apiKeyPrefix requestId reason scope request ovh { method route path status queryId durationMs } } }
  }
}`

async function waitForEntries (ctx: TestApp, tenantId: string, count: number): Promise<void> {
  // Entries are written beside the request, not before its answer.
  const deadline = Date.now() + 5000
  while (await ctx.db.auditEntry.count({ where: { tenantId } }) < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} audit entries`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

t.test('the audit trail', async t => {
  const ctx = await build(t)
  const admin = await seedUser(ctx, { slug: 'acme', email: 'admin@acme.example' })
  const viewer = await seedUser(ctx, { slug: 'acme', email: 'viewer@acme.example', role: 'viewer', scopes: 'read' })
  const stranger = await seedUser(ctx, { slug: 'globex' })
  const trail = async (user: SeededUser, variables: Record<string, unknown> = {}) => graphql(ctx, user.apiKey, TRAIL, variables)

  // What happens in acme, oldest first.
  const created = await graphql(ctx, admin.apiKey, 'mutation { createDnsRecord(zone: "demo-shop.com", input: { fieldType: A, subDomain: "audit", target: "192.0.2.7" }) { refreshed } }')
  t.same(created.body.data, { createDnsRecord: { refreshed: true } })
  const denied = await graphql(ctx, viewer.apiKey, 'mutation { setTransferLock(domain: "demo-shop.com", locked: false) { name } }')
  t.match(denied.body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  const spare = await createApiKey(ctx.admin, { tenant: 'acme', email: 'viewer@acme.example' })
  await revokeApiKey(ctx.admin, { tenant: 'acme', key: spare.prefix })
  t.match((await rest(ctx, spare.apiKey, 'GET', '/v1/domains?first=5')).body, { code: 'UNAUTHENTICATED' })
  const rule = await graphql(ctx, admin.apiKey, 'mutation { setPriceRule(tld: "com", rule: { marginType: percent, marginValue: 15 }) { tld } }')
  t.same(rule.body.data, { setPriceRule: { tld: 'com' } })
  // And in globex: never visible to acme.
  t.same((await graphql(ctx, stranger.apiKey, 'mutation { setPriceRule(tld: "net", rule: { marginType: fixed, marginValue: 2 }) { tld } }')).body.data, { setPriceRule: { tld: 'net' } })
  await waitForEntries(ctx, admin.tenant.id, 5)
  await waitForEntries(ctx, stranger.tenant.id, 1)

  t.test('admins read it newest first, with who did what, the OVH call and its query id', async t => {
    const answer = await trail(admin)
    t.equal(answer.body.errors, undefined)
    const nodes = answer.body.data.auditEntries.edges.map((edge: any) => edge.node)
    t.same(nodes.map((node: any) => [node.operation, node.outcome]), [
      ['priceRule.set', 'ok'],
      ['auth.denied', 'denied'],
      ['permission.denied', 'denied'],
      ['ovh POST /domain/zone/{zoneName}/refresh', 'ok'],
      ['ovh POST /domain/zone/{zoneName}/record', 'ok']
    ])
    t.equal(answer.body.data.auditEntries.totalCount, 5)
    const [priceRule, authDenied, permissionDenied, , record] = nodes
    const sandboxCall = ctx.sandbox.admin.calls().find(call => call.method === 'POST' && call.route === '/domain/zone/{zoneName}/record')!
    t.match(record, {
      user: { email: 'admin@acme.example', role: 'admin' },
      ovh: { method: 'POST', route: '/domain/zone/{zoneName}/record', path: '/domain/zone/demo-shop.com/record', status: 200, queryId: sandboxCall.queryId }
    })
    t.type(record.ovh.durationMs, 'number')
    t.match(record.requestId, /\S/)
    t.match(record.apiKeyPrefix, /^ogw_[0-9a-f]{16}$/)
    t.match(permissionDenied, { user: { email: 'viewer@acme.example' }, scope: 'write', request: 'POST /graphql', ovh: null })
    t.match(authDenied, { user: { email: 'viewer@acme.example' }, apiKeyPrefix: spare.prefix, reason: 'revoked', request: 'GET /v1/domains' })
    t.match(priceRule, { user: { email: 'admin@acme.example' }, ovh: null })
    t.notOk(JSON.stringify(answer.body).includes(spare.apiKey), 'no API key secret in the trail')
  })

  t.test('filters: domain, outcome, user, time; pages with cursors', async t => {
    const operations = async (filter: Record<string, unknown>) => (await trail(admin, { filter })).body.data.auditEntries.edges.map((edge: any) => edge.node.operation)
    t.same(await operations({ domain: 'demo-shop.com' }), ['ovh POST /domain/zone/{zoneName}/refresh', 'ovh POST /domain/zone/{zoneName}/record'])
    t.same(await operations({ domain: 'demo-app.io' }), [])
    t.same(await operations({ outcome: 'denied' }), ['auth.denied', 'permission.denied'])
    t.same(await operations({ userId: viewer.user.id }), ['auth.denied', 'permission.denied'])
    t.same(await operations({ since: new Date(Date.now() + 60_000).toISOString() }), [])
    t.equal((await operations({ until: new Date(Date.now() + 60_000).toISOString() })).length, 5)

    const first = (await trail(admin, { first: 2 })).body.data.auditEntries
    t.same(first.pageInfo.hasNextPage, true)
    const second = (await trail(admin, { first: 2, after: first.pageInfo.endCursor })).body.data.auditEntries
    const third = (await trail(admin, { first: 2, after: second.pageInfo.endCursor })).body.data.auditEntries
    const ids = [first, second, third].flatMap(page => page.edges.map((edge: any) => edge.node.id))
    t.equal(new Set(ids).size, 5, 'three pages hold every entry once')
    t.equal(third.pageInfo.hasNextPage, false)
    t.equal(second.totalCount, 5)
  })

  t.test('REST GET /v1/audit: the same trail and filters', async t => {
    const answer = await rest(ctx, admin.apiKey, 'GET', '/v1/audit?outcome=denied&first=10')
    t.equal(answer.statusCode, 200)
    t.same(answer.body.items.map((item: any) => item.operation), ['auth.denied', 'permission.denied'])
    t.match(answer.body.items[0], { outcome: 'denied', reason: 'revoked', user: { email: 'viewer@acme.example' }, ovh: null })
    t.equal(answer.body.totalCount, 2)
    const byDomain = await rest(ctx, admin.apiKey, 'GET', '/v1/audit?domain=demo-shop.com')
    t.match(byDomain.body.items, [{ ovh: { path: '/domain/zone/demo-shop.com/refresh' } }, { ovh: { path: '/domain/zone/demo-shop.com/record' } }])
  })

  t.test('only admins read it; each tenant reads only its own', async t => {
    t.match((await trail(viewer)).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
    t.match(await rest(ctx, viewer.apiKey, 'GET', '/v1/audit'), { statusCode: 403, body: { code: 'FORBIDDEN' } })
    const theirs = (await trail(stranger)).body.data.auditEntries
    t.same(theirs.edges.map((edge: any) => edge.node.operation), ['priceRule.set'])
    t.same((await trail(stranger, { filter: { userId: admin.user.id } })).body.data.auditEntries.totalCount, 0, 'another tenant\'s user id finds nothing')
    const acmeCursor = (await trail(admin, { first: 1 })).body.data.auditEntries.pageInfo.endCursor
    t.equal((await trail(stranger, { after: acmeCursor })).body.data.auditEntries.totalCount, 1, 'a cursor from another tenant pages only through one\'s own trail')
  })

  t.test('bad input is refused per field', async t => {
    const fieldsOf = async (variables: Record<string, unknown>) => (await trail(admin, variables)).body.errors?.[0]?.extensions
    t.match(await fieldsOf({ after: 'not-a-cursor' }), { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] })
    const tasksCursor = Buffer.from('k:tasks:0000000000000001').toString('base64url')
    t.match(await fieldsOf({ after: tasksCursor }), { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] }, 'a cursor of another list')
    const beyondBigint = Buffer.from('k:audit:9999999999999999999').toString('base64url')
    t.match(await fieldsOf({ after: beyondBigint }), { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] }, 'a forged cursor past the ids')
    t.match(await fieldsOf({ first: 500 }), { code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] })
    t.match(await fieldsOf({ filter: { userId: 'someone' } }), { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.userId' }] })
    t.match(await fieldsOf({ filter: { domain: 'not a domain' } }), { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.domain' }] })
    t.match(await fieldsOf({ filter: { since: '2026-11-23T10:00:00Z', until: '2026-11-22T10:00:00Z' } }), { code: 'BAD_USER_INPUT', fields: [{ field: 'filter.until' }] })
    t.match(await rest(ctx, admin.apiKey, 'GET', '/v1/audit?outcome=maybe'), { statusCode: 400, body: { code: 'BAD_USER_INPUT' } })
  })
})
