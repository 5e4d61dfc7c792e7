// Gateway authentication: every way an API key or a consumer key can be missing or unusable gets
// its own coded error, on REST (problem+json) and GraphQL (extensions.code) alike.
import t from 'tap'
import { build, freshSandbox } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'

// One gateway for the tests that need none of their own; each seeds its own user.
const shared = await build(t)

t.test('API key problems are UNAUTHENTICATED with a reason', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const cases: Array<[string, string | undefined, string]> = [
    ['missing', undefined, 'missing'],
    ['not a bearer token', `Basic ${user.apiKey}`, 'malformed'],
    ['not a gateway key', 'Bearer abc.def', 'malformed'],
    ['unknown key', `Bearer ogw_0123456789abcdef_${'A'.repeat(43)}`, 'unknown'],
    ['right prefix, wrong secret', `Bearer ${user.apiKey.slice(0, 21)}${'B'.repeat(43)}`, 'unknown']
  ]
  for (const [name, header, reason] of cases) {
    const headers = header ? { authorization: header } : {}
    const restAnswer = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers })
    t.equal(restAnswer.statusCode, 401, `${name}: REST status`)
    t.match(restAnswer.headers['content-type'], /application\/problem\+json/)
    t.match(restAnswer.json(), { code: 'UNAUTHENTICATED', reason, status: 401 }, `${name}: REST body`)

    const gql = await ctx.app.inject({ method: 'POST', url: '/graphql', headers, payload: { query: '{ me { role } }' } })
    t.equal(gql.statusCode, 401, `${name}: GraphQL status`)
    t.match(gql.json(), { data: null, errors: [{ extensions: { code: 'UNAUTHENTICATED', reason } }] }, `${name}: GraphQL body`)
  }
})

t.test('expired and revoked keys, and guessed secrets, are refused, and the attempt is audited', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  const prefix = user.apiKey.split('_').slice(0, 2).join('_')

  await ctx.db.apiKey.update({ where: { prefix }, data: { expiresAt: new Date(Date.now() - 1000) } })
  t.match((await rest(ctx, user.apiKey, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'expired' })

  // The right prefix with a guessed secret: the caller learns nothing of the prefix, the tenant's
  // audit trail says what it was.
  const guessed = `${prefix}_${'A'.repeat(43)}`
  t.match((await rest(ctx, guessed, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'unknown' })

  await ctx.db.apiKey.update({ where: { prefix }, data: { expiresAt: null, revokedAt: new Date() } })
  t.match((await graphql(ctx, user.apiKey, '{ me { role } }')).body.errors, [{ extensions: { code: 'UNAUTHENTICATED', reason: 'revoked' } }])

  // Audit entries are written beside the request, not before its answer.
  const deniedEntries = () => ctx.db.auditEntry.findMany({ where: { tenantId: user.tenant.id, operation: 'auth.denied' } })
  await waitFor(async () => (await deniedEntries()).length === 3)
  const denied = await deniedEntries()
  t.same(denied.map(d => (d.detail as { reason: string }).reason).sort(), ['expired', 'revoked', 'wrong_secret'])
  t.ok(denied.every(d => d.outcome === 'denied' && d.userId === user.user.id))
})

t.test('a user without a consumer key can see who they are, but not reach OVH', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { credential: 'none' })
  const me = await graphql(ctx, user.apiKey, '{ me { user { email } role scopes tenant { slug } credential { state } } }')
  t.same(me.body.data.me, { user: { email: user.user.email }, role: 'admin', scopes: ['read', 'write', 'admin'], tenant: { slug: user.tenant.slug }, credential: null })

  const before = ctx.sandbox.admin.calls().length
  const domains = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.equal(domains.statusCode, 403)
  t.match(domains.body.errors, [{ extensions: { code: 'CREDENTIAL_MISSING' } }])
  t.match((await rest(ctx, user.apiKey, 'GET', '/v1/domains')).body, { code: 'CREDENTIAL_MISSING', status: 403 })
  t.equal(ctx.sandbox.admin.calls().length, before, 'nothing reached the sandbox')
})

t.test('a pending consumer key answers CREDENTIAL_PENDING with where to validate it', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx, { credential: 'pending' })
  const me = await graphql(ctx, user.apiKey, '{ me { credential { state validationUrl } } }')
  t.equal(me.body.data.me.credential.state, 'pendingValidation')
  t.match(me.body.data.me.credential.validationUrl, /\/sandbox\/auth\/\?credentialToken=/)

  const domains = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.match(domains.body.errors, [{ extensions: { code: 'CREDENTIAL_PENDING', validationUrl: me.body.data.me.credential.validationUrl } }])
})

t.test('a consumer key OVH stopped accepting is marked expired on first use', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  t.equal((await graphql(ctx, user.apiKey, '{ domains { totalCount } }')).statusCode, 200)

  ctx.sandbox.admin.expireCredential({ consumerKey: user.consumerKey! })
  const first = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.match(first.body.errors, [{ extensions: { code: 'CREDENTIAL_EXPIRED', ovh: { errorCode: 'INVALID_CREDENTIAL' } } }])
  // The mark is written in the background of the failing request.
  await t.resolves(waitFor(async () => (await ctx.db.ovhCredential.findUnique({ where: { id: user.credential!.id } }))?.state === 'expired'))

  const callsBefore = ctx.sandbox.admin.calls().length
  const second = await rest(ctx, user.apiKey, 'GET', '/v1/domains')
  t.match(second.body, { code: 'CREDENTIAL_EXPIRED', reason: 'expired' })
  t.equal(ctx.sandbox.admin.calls().length, callsBefore, 'known dead: no upstream call')
  t.equal((await graphql(ctx, user.apiKey, '{ me { credential { state } } }')).body.data.me.credential.state, 'expired')
})

t.test('a consumer key past its expiry date is refused without an upstream call', async t => {
  const ctx = freshSandbox(shared)
  const user = await seedUser(ctx)
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { expiresAt: new Date(Date.now() - 1000) } })
  const before = ctx.sandbox.admin.calls().length
  t.match((await graphql(ctx, user.apiKey, '{ domains { totalCount } }')).body.errors, [{ extensions: { code: 'CREDENTIAL_EXPIRED' } }])
  t.equal(ctx.sandbox.admin.calls().length, before)
})

t.test('scopes narrow a key within its role', async t => {
  const ctx = freshSandbox(shared)
  const adminOnly = await seedUser(ctx, { scopes: 'admin' })
  const answer = await graphql(ctx, adminOnly.apiKey, '{ domains { totalCount } }')
  t.match(answer.body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  const deniedEntry = () => ctx.db.auditEntry.findFirst({ where: { tenantId: adminOnly.tenant.id, operation: 'permission.denied' } })
  await waitFor(async () => (await deniedEntry()) !== null)
  const audit = await deniedEntry()
  t.match(audit, { outcome: 'denied', detail: { scope: 'read' } })

  const viewer = await seedUser(ctx, { role: 'viewer', scopes: 'read' })
  t.same((await graphql(ctx, viewer.apiKey, '{ me { role scopes } }')).body.data.me, { role: 'viewer', scopes: ['read'] })
  t.equal((await graphql(ctx, viewer.apiKey, '{ domains { totalCount } }')).statusCode, 200)
})

async function waitFor (check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
