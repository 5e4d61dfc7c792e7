// The management API for tenant admins (REST /v1/users..., GraphQL users/createUser...): users,
// API keys and OVH consumer keys, within the admin's tenant only, every change audited, and a
// disabled user's keys refused at once even with the identity cache on.
import t from 'tap'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'

// The identity cache on, as in production: changes made through the API must not wait for it.
const shared = await build(t, { env: { AUTH_CACHE_TTL_MS: '60000' } })

async function waitFor (check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!await check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function operations (ctx: TestApp, tenantId: string): Promise<string[]> {
  return (await ctx.db.auditEntry.findMany({ where: { tenantId }, orderBy: { id: 'asc' } })).map(entry => entry.operation)
}

t.test('users: create, list, read, change role, disable', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })

  const created = await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: 'Ops@Example.com', role: 'operator', name: 'Ops' })
  t.equal(created.statusCode, 201)
  t.match(created.body, { id: String, email: 'ops@example.com', role: 'operator', name: 'Ops', disabled: false, disabledAt: null })
  const id = created.body.id as string

  t.match((await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: 'ops@example.com', role: 'viewer' })).body, { code: 'CONFLICT' })
  t.match((await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: 'nope', role: 'root' })).body, { code: 'BAD_USER_INPUT' })

  const list = await rest(ctx, admin.apiKey, 'GET', '/v1/users')
  t.same(list.body.items.map((u: { email: string }) => u.email), [admin.user.email, 'ops@example.com'])
  t.match((await rest(ctx, admin.apiKey, 'GET', `/v1/users/${id}`)).body, { id, role: 'operator' })

  const promoted = await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${id}`, { role: 'viewer' })
  t.match(promoted.body, { id, role: 'viewer' })
  t.match((await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${id}`, {})).body, { code: 'BAD_USER_INPUT' }, 'nothing to change')
  t.match((await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${admin.user.id}`, { role: 'viewer' })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'input.role' }] }, 'no self-demotion')
  t.match((await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${admin.user.id}`, { disabled: true })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'input.disabled' }] }, 'no self-disabling')

  const gql = await graphql(ctx, admin.apiKey, `mutation ($id: ID!) {
    updateUser(id: $id, input: { disabled: true }) { id disabled disabledAt }
  }`, { id })
  t.match(gql.body.data.updateUser, { id, disabled: true, disabledAt: String })
  const users = await graphql(ctx, admin.apiKey, '{ users { email role disabled createdAt } }')
  t.match(users.body.data.users, [{ email: admin.user.email, role: 'admin', disabled: false }, { email: 'ops@example.com', role: 'viewer', disabled: true, createdAt: String }])

  await waitFor(async () => (await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('user.')).length === 3)
  t.same((await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('user.')), ['user.create', 'user.update', 'user.update'])
  const entry = await ctx.db.auditEntry.findFirst({ where: { tenantId: admin.tenant.id, operation: 'user.create' } })
  t.match(entry, { userId: admin.user.id, outcome: 'ok', detail: { targetUserId: id, role: 'operator', via: 'api' } })
})

t.test('only admins manage, and only their own tenant', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const operator = await seedUser(ctx, { slug: admin.tenant.slug, role: 'operator', credential: 'none' })
  const narrowAdmin = await seedUser(ctx, { slug: admin.tenant.slug, scopes: 'read,write', credential: 'none' })
  const stranger = await seedUser(ctx, { credential: 'none' })

  for (const key of [operator.apiKey, narrowAdmin.apiKey]) {
    t.match((await rest(ctx, key, 'GET', '/v1/users')).body, { code: 'FORBIDDEN' })
    t.match((await rest(ctx, key, 'POST', '/v1/users', { email: 'x@example.com', role: 'admin' })).body, { code: 'FORBIDDEN' })
    t.match((await graphql(ctx, key, '{ users { id } }')).body.errors, [{ extensions: { code: 'FORBIDDEN' } }])
  }
  // Another tenant's user is not found, by every route that takes a user id.
  const foreign = admin.user.id
  for (const [method, url, body] of [
    ['GET', `/v1/users/${foreign}`],
    ['PATCH', `/v1/users/${foreign}`, { role: 'viewer' }],
    ['GET', `/v1/users/${foreign}/api-keys`],
    ['POST', `/v1/users/${foreign}/api-keys`, {}],
    ['GET', `/v1/users/${foreign}/consumer-key`],
    ['POST', `/v1/users/${foreign}/consumer-key`],
    ['POST', `/v1/users/${foreign}/consumer-key/renew`],
    ['DELETE', `/v1/users/${foreign}/consumer-key`]
  ] as const) {
    t.match((await rest(ctx, stranger.apiKey, method, url, body)), { statusCode: 404, body: { code: 'NOT_FOUND' } }, `${method} ${url}`)
  }
  const keyId = (await ctx.db.apiKey.findFirstOrThrow({ where: { userId: admin.user.id } })).id
  t.match((await rest(ctx, stranger.apiKey, 'DELETE', `/v1/api-keys/${keyId}`)).body, { code: 'NOT_FOUND' })
  t.equal((await graphql(ctx, stranger.apiKey, 'query ($id: ID!) { user(id: $id) { id } }', { id: foreign })).body.data.user, null)
  t.same((await rest(ctx, stranger.apiKey, 'GET', '/v1/users')).body.items.map((u: { id: string }) => u.id), [stranger.user.id])
  t.equal((await rest(ctx, admin.apiKey, 'GET', '/v1/me')).statusCode, 200, 'the foreign admin\'s key still works')
})

t.test('API keys: created once, scoped within the role, listed with last use, revoked', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const viewer = (await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: 'viewer@example.com', role: 'viewer' })).body

  t.match((await rest(ctx, admin.apiKey, 'POST', `/v1/users/${viewer.id}/api-keys`, { scopes: ['read', 'write'] })).body,
    { code: 'BAD_USER_INPUT', fields: [{ field: 'input.scopes' }] }, 'no key beyond the user\'s role')
  t.match((await rest(ctx, admin.apiKey, 'POST', `/v1/users/${viewer.id}/api-keys`, { expiresIn: 'soon' })).body, { code: 'BAD_USER_INPUT' })

  const created = await rest(ctx, admin.apiKey, 'POST', `/v1/users/${viewer.id}/api-keys`, { name: 'app', expiresIn: '30d' })
  t.equal(created.statusCode, 201)
  t.match(created.body, { key: /^ogw_[a-f0-9]{16}_/, prefix: /^ogw_/, name: 'app', scopes: ['read'], userId: viewer.id, revokedAt: null })
  t.ok(new Date(created.body.expiresAt).getTime() > Date.now() + 29 * 86_400_000)
  const key = created.body.key as string

  t.match((await rest(ctx, key, 'GET', '/v1/me')).body, { user: { email: 'viewer@example.com' }, scopes: ['read'] })
  await waitFor(async () => (await ctx.db.apiKey.findUniqueOrThrow({ where: { id: created.body.id } })).lastUsedAt !== null)

  const listed = await rest(ctx, admin.apiKey, 'GET', `/v1/users/${viewer.id}/api-keys`)
  t.equal(listed.body.items.length, 1)
  t.match(listed.body.items[0], { id: created.body.id, prefix: created.body.prefix, lastUsedAt: String })
  t.notOk(JSON.stringify(listed.body).includes(key.slice(22)), 'the secret is never listed')
  t.notOk('key' in listed.body.items[0])

  // GraphQL: the same, the key in CreatedApiKey.key only.
  const gql = await graphql(ctx, admin.apiKey, `mutation ($id: ID!) {
    createApiKey(userId: $id, input: { scopes: [read] }) { key apiKey { id prefix scopes } }
  }`, { id: viewer.id })
  t.match(gql.body.data.createApiKey, { key: /^ogw_/, apiKey: { scopes: ['read'] } })
  const viaUser = await graphql(ctx, admin.apiKey, 'query ($id: ID!) { user(id: $id) { apiKeys { prefix lastUsedAt revokedAt } } }', { id: viewer.id })
  t.equal(viaUser.body.data.user.apiKeys.length, 2)

  const revoked = await rest(ctx, admin.apiKey, 'DELETE', `/v1/api-keys/${created.body.id}`)
  t.match(revoked.body, { id: created.body.id, revokedAt: String })
  t.match((await rest(ctx, key, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'revoked' }, 'refused at once, cache or not')
  const again = await graphql(ctx, admin.apiKey, 'mutation ($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', { id: created.body.id })
  t.equal(again.body.data.revokeApiKey.revokedAt, revoked.body.revokedAt, 'revoking twice changes nothing')

  await waitFor(async () => (await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('apikey.')).length === 3)
  t.same((await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('apikey.')), ['apikey.create', 'apikey.create', 'apikey.revoke'])
})

t.test('a disabled user\'s keys stop at once, and work again once enabled', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const ops = await seedUser(ctx, { slug: admin.tenant.slug, role: 'operator', credential: 'none' })
  t.equal((await rest(ctx, ops.apiKey, 'GET', '/v1/me')).statusCode, 200, 'the key is in the cache now')

  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${ops.user.id}`, { disabled: true })
  t.match((await rest(ctx, ops.apiKey, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'disabled' })
  t.match((await graphql(ctx, ops.apiKey, '{ me { role } }')).body.errors, [{ extensions: { code: 'UNAUTHENTICATED', reason: 'disabled' } }])
  t.match((await rest(ctx, admin.apiKey, 'POST', `/v1/users/${ops.user.id}/api-keys`, {})).body, { code: 'CONFLICT' }, 'no new key for a disabled user')

  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${ops.user.id}`, { disabled: false })
  t.equal((await rest(ctx, ops.apiKey, 'GET', '/v1/me')).statusCode, 200)

  // A new role applies from the next request too.
  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${ops.user.id}`, { role: 'viewer' })
  t.match((await rest(ctx, ops.apiKey, 'GET', '/v1/me')).body, { role: 'viewer', scopes: ['read'] })
})

t.test('OVH consumer keys: request, state, renew before expiry, revoke', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const ops = await seedUser(ctx, { slug: admin.tenant.slug, role: 'operator', credential: 'none' })
  const base = `/v1/users/${ops.user.id}/consumer-key`

  t.same((await rest(ctx, admin.apiKey, 'GET', base)).body, { current: null, renewal: null })
  t.match((await rest(ctx, admin.apiKey, 'POST', `${base}/renew`)).body, { code: 'CONFLICT' }, 'nothing to renew yet')

  const requested = await rest(ctx, admin.apiKey, 'POST', base)
  t.equal(requested.statusCode, 201)
  t.match(requested.body, { id: String, state: 'pendingValidation', validationUrl: /credentialToken=/, accessRules: Array })
  t.notOk(JSON.stringify(requested.body).toLowerCase().includes('consumerkey'), 'the consumer key itself is never answered')

  const consumerKeyOf = async (id: string) => ctx.admin.stores.credentials.consumerKey(await ctx.db.ovhCredential.findUniqueOrThrow({ where: { id } }))
  ctx.sandbox.admin.validateCredential({ consumerKey: await consumerKeyOf(requested.body.id), expiresInSeconds: 86_400 })
  t.match((await rest(ctx, admin.apiKey, 'GET', base)).body, { current: { state: 'pendingValidation' } }, 'the stored state without check')
  const checked = await rest(ctx, admin.apiKey, 'GET', `${base}?check=true`)
  t.match(checked.body, { current: { id: requested.body.id, state: 'validated', validationUrl: null, expiresAt: String }, renewal: null })
  t.equal((await rest(ctx, ops.apiKey, 'GET', '/v1/domains?first=1')).statusCode, 200, 'the user reaches OVH')

  // Renewal: the current key keeps signing while the new one waits.
  const renewal = await rest(ctx, admin.apiKey, 'POST', `${base}/renew`)
  t.match(renewal.body, { state: 'pendingValidation', validationUrl: String })
  t.not(renewal.body.id, requested.body.id)
  t.equal((await rest(ctx, admin.apiKey, 'POST', `${base}/renew`)).body.id, renewal.body.id, 'a waiting renewal is answered again')
  t.equal((await rest(ctx, ops.apiKey, 'GET', '/v1/domains?first=1')).statusCode, 200, 'the old key still signs')
  const status = await graphql(ctx, admin.apiKey, 'query ($id: ID!) { user(id: $id) { consumerKey { current { id state } renewal { id state validationUrl } } } }', { id: ops.user.id })
  t.match(status.body.data.user.consumerKey, { current: { id: requested.body.id, state: 'validated' }, renewal: { id: renewal.body.id, state: 'pendingValidation' } })

  ctx.sandbox.admin.validateCredential({ consumerKey: await consumerKeyOf(renewal.body.id) })
  const swapped = await graphql(ctx, admin.apiKey, 'mutation ($id: ID!) { checkConsumerKey(userId: $id) { current { id state } renewal { id } } }', { id: ops.user.id })
  t.same(swapped.body.data.checkConsumerKey, { current: { id: renewal.body.id, state: 'validated' }, renewal: null })
  t.equal((await ctx.db.ovhCredential.findUniqueOrThrow({ where: { id: requested.body.id } })).state, 'revoked', 'the old key is replaced')

  const revoked = await rest(ctx, admin.apiKey, 'DELETE', base)
  t.match(revoked.body, { current: { id: renewal.body.id, state: 'revoked' }, loggedOutAtOvh: true })
  t.match((await rest(ctx, ops.apiKey, 'GET', '/v1/domains?first=1')).body, { code: 'CREDENTIAL_EXPIRED', reason: 'revoked' })
  t.match((await rest(ctx, admin.apiKey, 'POST', `${base}/renew`)).body, { code: 'CONFLICT' })
  t.match((await rest(ctx, admin.apiKey, 'DELETE', base)).body, { current: { state: 'revoked' }, loggedOutAtOvh: false }, 'revoking again changes nothing')
  t.match((await rest(ctx, admin.apiKey, 'GET', `${base}?check=true`)).body, { current: { state: 'revoked' } }, 'a check leaves a revoked key revoked')

  await waitFor(async () => (await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('credential.')).length === 3)
  t.same((await operations(ctx, admin.tenant.id)).filter(op => op.startsWith('credential.')), ['credential.request', 'credential.renew', 'credential.revoke'])
})

t.test('GraphQL: create a user, give them a key and a consumer key', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const created = await graphql(ctx, admin.apiKey, 'mutation { createUser(input: { email: "new@example.com", role: operator }) { id email role disabled } }')
  t.match(created.body.data.createUser, { email: 'new@example.com', role: 'operator', disabled: false })
  const id = created.body.data.createUser.id
  const key = await graphql(ctx, admin.apiKey, 'mutation ($id: ID!) { createApiKey(userId: $id) { key apiKey { scopes } } }', { id })
  t.same(key.body.data.createApiKey.apiKey.scopes, ['read', 'write'])
  const consumerKey = await graphql(ctx, admin.apiKey, 'mutation ($id: ID!) { requestConsumerKey(userId: $id) { state validationUrl } }', { id })
  t.match(consumerKey.body.data.requestConsumerKey, { state: 'pendingValidation', validationUrl: String })
  const revoked = await graphql(ctx, admin.apiKey, 'mutation ($id: ID!) { revokeConsumerKey(userId: $id) { status { current { state } } loggedOutAtOvh } }', { id })
  t.same(revoked.body.data.revokeConsumerKey, { status: { current: { state: 'revoked' } }, loggedOutAtOvh: false }, 'a pending key cannot log out at OVH')
  const invalid = await graphql(ctx, admin.apiKey, 'mutation { createUser(input: { email: "not an email", role: viewer }) { id } }')
  t.match(invalid.body.errors, [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.email' }] } }])
})
