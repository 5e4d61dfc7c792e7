// Short-lived access tokens: an API key exchanged for a JWT (REST POST /v1/tokens, GraphQL
// createToken), verified with the published JWKS, narrower than the key, ended with the key, and
// signed by keys that rotate without failing a token already given out.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { SignJWT, createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { signingKeysOptions } from '../../src/modules/access/plugin.js'
import { createSigningKeys, signingKeyContext } from '../../src/modules/access/signing-keys.js'
import { loggerOptions } from '../../src/logger.js'
import { parseApiKey } from '../../src/tenancy/api-keys.js'

// The identity cache on, as in production: a revocation must still end tokens at once.
const shared = await build(t, { env: { AUTH_CACHE_TTL_MS: '60000', TOKEN_AUDIENCE: 'partner-apps' } })

t.test('an API key makes a token that the JWKS verifies and that works as a bearer', async t => {
  const ctx = shared
  const admin = await seedUser(ctx)
  const before = Date.now()
  const answer = await rest(ctx, admin.apiKey, 'POST', '/v1/tokens')
  t.equal(answer.statusCode, 201)
  t.match(answer.body, { token: /^eyJ/, tokenType: 'Bearer', scopes: ['read', 'write', 'admin'], audience: 'partner-apps' })
  const expiresAt = new Date(answer.body.expiresAt).getTime()
  t.ok(expiresAt <= before + 900_000 + 1000 && expiresAt > before + 890_000, 'at most 15 minutes')

  const jwks = await ctx.app.inject('/.well-known/jwks.json')
  t.equal(jwks.statusCode, 200)
  t.match(jwks.headers['cache-control'], /max-age=/)
  t.notOk(JSON.stringify(jwks.json()).includes('"d"'), 'no private part published')
  const { payload, protectedHeader } = await jwtVerify(answer.body.token, createLocalJWKSet(jwks.json()), { audience: 'partner-apps' })
  t.match(protectedHeader, { alg: 'ES256', typ: 'at+jwt', kid: String })
  t.match(payload, { sub: admin.user.id, tid: admin.tenant.id, scope: 'read write admin', akp: admin.apiKey.slice(0, 20), customers: [], jti: String })

  const me = await rest(ctx, answer.body.token, 'GET', '/v1/me')
  t.match(me.body, { user: { id: admin.user.id }, scopes: ['read', 'write', 'admin'] })
  const gqlMe = await graphql(ctx, answer.body.token, '{ me { scopes } domains(first: 1) { totalCount } }')
  t.same(gqlMe.body.data.me.scopes, ['read', 'write', 'admin'])
  t.type(gqlMe.body.data.domains.totalCount, 'number', 'the token reaches OVH with the user\'s consumer key')

  // A token does not make tokens.
  t.match((await rest(ctx, answer.body.token, 'POST', '/v1/tokens')).body, { code: 'FORBIDDEN' })
})

t.test('scopes only narrow, the lifetime is bounded, unknown customers are refused', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const operator = await seedUser(ctx, { slug: admin.tenant.slug, role: 'operator', scopes: 'read', credential: 'none' })

  const readOnly = await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { scopes: ['read'], ttlSeconds: 120 })
  t.same(readOnly.body.scopes, ['read'])
  t.ok(new Date(readOnly.body.expiresAt).getTime() <= Date.now() + 121_000)
  t.match((await rest(ctx, readOnly.body.token, 'GET', '/v1/me')).body, { scopes: ['read'] })
  t.match((await rest(ctx, readOnly.body.token, 'GET', '/v1/users')).body, { code: 'FORBIDDEN' }, 'the admin\'s read-only token is no admin')

  t.match((await rest(ctx, operator.apiKey, 'POST', '/v1/tokens', { scopes: ['read', 'write'] })).body,
    { code: 'BAD_USER_INPUT', fields: [{ field: 'input.scopes' }] }, 'no scope beyond the key\'s')
  t.match((await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { ttlSeconds: 901 })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'body.ttlSeconds' }] })
  t.match((await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { ttlSeconds: 10 })).body, { code: 'BAD_USER_INPUT' })
  // Customers that are not the tenant's (test/app/customers.test.ts limits tokens to real ones).
  t.match((await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { customers: ['c-1'] })).body, { code: 'BAD_USER_INPUT', fields: [{ field: 'input.customers' }] })
  t.match((await graphql(ctx, admin.apiKey, 'mutation { createToken(input: { customers: ["c-1"] }) { token } }')).body.errors,
    [{ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'input.customers' }] } }], 'GraphQL refuses them in the service')
  t.equal((await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { customers: [] })).statusCode, 201, 'an empty list limits nothing')

  const gql = await graphql(ctx, operator.apiKey, 'mutation { createToken(input: { ttlSeconds: 300 }) { token tokenType expiresAt scopes audience } }')
  t.match(gql.body.data.createToken, { token: /^eyJ/, tokenType: 'Bearer', scopes: ['read'], audience: 'partner-apps' })
  t.match((await graphql(ctx, gql.body.data.createToken.token, '{ me { role scopes } }')).body.data.me, { role: 'operator', scopes: ['read'] })
})

t.test('revoking the API key or disabling its user ends its tokens at once', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const ops = await seedUser(ctx, { slug: admin.tenant.slug, role: 'operator', credential: 'none' })
  const token = (await rest(ctx, ops.apiKey, 'POST', '/v1/tokens')).body.token
  t.equal((await rest(ctx, token, 'GET', '/v1/me')).statusCode, 200, 'in the cache now')

  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${ops.user.id}`, { disabled: true })
  t.match((await rest(ctx, token, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'disabled' })
  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${ops.user.id}`, { disabled: false })
  t.equal((await rest(ctx, token, 'GET', '/v1/me')).statusCode, 200)

  const keyId = (await ctx.db.apiKey.findFirstOrThrow({ where: { userId: ops.user.id } })).id
  await rest(ctx, admin.apiKey, 'DELETE', `/v1/api-keys/${keyId}`)
  t.match((await rest(ctx, token, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'revoked' })
  t.match((await graphql(ctx, token, '{ me { role } }')).body.errors, [{ extensions: { code: 'UNAUTHENTICATED', reason: 'revoked' } }])
})

t.test('forged, tampered, foreign and expired tokens are refused', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const token = (await rest(ctx, admin.apiKey, 'POST', '/v1/tokens', { scopes: ['read'] })).body.token as string
  const [header, payload, signature] = token.split('.')

  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString())
  const widened = Buffer.from(JSON.stringify({ ...claims, scope: 'read write admin' })).toString('base64url')
  t.match((await rest(ctx, `${header}.${widened}.${signature}`, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'invalid_token' }, 'tampered claims')
  const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: decodeProtectedHeader(token).kid })).toString('base64url')
  t.match((await rest(ctx, `${none}.${payload}.${signature}`, 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'invalid_token' }, 'alg none')

  // Signed with the gateway's own key, but for another audience, or already expired.
  const { kid, key } = await ctx.app.tokens.keys.signer()
  const sign = (overrides: { aud?: string, exp?: number, iat?: number }) => new SignJWT({ scope: 'read', tid: admin.tenant.id, akp: claims.akp })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).setIssuer(claims.iss).setSubject(admin.user.id).setJti('x')
    .setAudience(overrides.aud ?? 'partner-apps').setIssuedAt(overrides.iat ?? Math.floor(Date.now() / 1000)).setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 60).sign(key)
  t.equal((await rest(ctx, await sign({}), 'GET', '/v1/me')).statusCode, 200, 'the control token works')
  t.match((await rest(ctx, await sign({ aud: 'someone-else' }), 'GET', '/v1/me')).body, { reason: 'invalid_token' }, 'another audience')
  const past = Math.floor(Date.now() / 1000) - 600
  t.match((await rest(ctx, await sign({ iat: past - 60, exp: past }), 'GET', '/v1/me')).body, { code: 'UNAUTHENTICATED', reason: 'token_expired' })
  t.match((await rest(ctx, await sign({ exp: Math.floor(Date.now() / 1000) + 3600 }), 'GET', '/v1/me')).body, { reason: 'invalid_token' }, 'longer than the maximum lifetime')

  // Another tenant's key id in a token signed by the gateway names nothing of this user.
  const stranger = await seedUser(ctx, { credential: 'none' })
  const foreign = await new SignJWT({ scope: 'read', tid: stranger.tenant.id, akp: claims.akp })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).setIssuer(claims.iss).setSubject(stranger.user.id).setJti('y')
    .setAudience('partner-apps').setIssuedAt().setExpirationTime('1m').sign(key)
  t.match((await rest(ctx, foreign, 'GET', '/v1/me')).body, { reason: 'invalid_token' })
})

t.test('rotating the signing key fails no token already given out', async t => {
  const ctx = shared
  const admin = await seedUser(ctx, { credential: 'none' })
  const old = (await rest(ctx, admin.apiKey, 'POST', '/v1/tokens')).body.token as string
  const oldKid = decodeProtectedHeader(old).kid

  // As the CLI (token-key:rotate) does it: from another process, on the same database.
  const other = createSigningKeys(ctx.db, ctx.secrets, signingKeysOptions(ctx.config))
  const rotated = await other.rotate()
  t.same(rotated.retired, [oldKid])
  const { kid, key } = await other.signer()
  t.equal(kid, rotated.kid)

  // A token of the new key verifies at once on this instance (an unknown kid rereads the keys)...
  const claims = JSON.parse(Buffer.from(old.split('.')[1], 'base64url').toString())
  await new Promise(resolve => setTimeout(resolve, 1100))
  const fresh = await new SignJWT({ scope: 'read', tid: admin.tenant.id, akp: claims.akp })
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'at+jwt' }).setIssuer(claims.iss).setSubject(admin.user.id).setJti('z')
    .setAudience('partner-apps').setIssuedAt().setExpirationTime('1m').sign(key)
  t.equal((await rest(ctx, fresh, 'GET', '/v1/me')).statusCode, 200, 'the new key verifies')
  // ...and the old key's tokens keep working until they expire.
  t.equal((await rest(ctx, old, 'GET', '/v1/me')).statusCode, 200, 'the old key still verifies')
  const jwks = (await ctx.app.inject('/.well-known/jwks.json')).json()
  t.same(jwks.keys.map((k: { kid: string }) => k.kid).sort(), [oldKid, kid].sort())
  t.ok(jwks.keys.every((k: { alg: string, use: string }) => k.alg === 'ES256' && k.use === 'sig'))

  // Past the window, the retired key is gone.
  await ctx.db.signingKey.update({ where: { id: oldKid }, data: { retiredAt: new Date(Date.now() - 86_400_000) } })
  const later = createSigningKeys(ctx.db, ctx.secrets, signingKeysOptions(ctx.config))
  t.same((await later.jwks()).keys.map(k => k.kid), [kid])
  t.equal(await later.verifier(oldKid as string), null)
})

t.test('no key, token or private key reaches the logs or the audit trail', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const logger = pino({ ...loggerOptions('trace', false) }, sink)
  const ctx = await build(t, { logger })
  const admin = await seedUser(ctx)
  const user = (await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: 'app@example.com', role: 'operator' })).body
  const created = (await rest(ctx, admin.apiKey, 'POST', `/v1/users/${user.id}/api-keys`, {})).body.key as string
  await rest(ctx, admin.apiKey, 'POST', `/v1/users/${user.id}/consumer-key`)
  const token = (await rest(ctx, created, 'POST', '/v1/tokens')).body.token as string
  await rest(ctx, token, 'GET', '/v1/me')
  await graphql(ctx, token, '{ me { role } }')
  await rest(ctx, `${token.slice(0, -4)}AAAA`, 'GET', '/v1/me')
  await ctx.app.inject('/.well-known/jwks.json')
  await rest(ctx, admin.apiKey, 'PATCH', `/v1/users/${user.id}`, { disabled: true })
  await rest(ctx, token, 'GET', '/v1/me')
  logger.flush()

  const signing = await ctx.db.signingKey.findFirstOrThrow()
  const privateJwk = JSON.parse(ctx.secrets.open(signing.privateJwk, signingKeyContext(signing.id))) as { d: string }
  const credential = await ctx.db.ovhCredential.findFirstOrThrow({ where: { userId: user.id } })
  const audit = JSON.stringify(await ctx.db.auditEntry.findMany({ where: { tenantId: admin.tenant.id } }), (_key, value) => typeof value === 'bigint' ? String(value) : value)
  const output = lines.join('')
  t.ok(lines.length > 10)
  for (const [name, secret] of Object.entries({
    'new API key secret': parseApiKey(created)!.secret,
    'admin API key secret': parseApiKey(admin.apiKey)!.secret,
    'token signature': token.split('.')[2],
    'token payload': token.split('.')[1],
    'private key': privateJwk.d,
    'consumer key': ctx.admin.stores.credentials.consumerKey(credential)
  })) {
    t.notOk(output.includes(secret), `${name}: not in the logs`)
    t.notOk(audit.includes(secret), `${name}: not in the audit trail`)
  }
  t.notOk(signing.privateJwk.includes(privateJwk.d), 'the private key is stored sealed')
})
