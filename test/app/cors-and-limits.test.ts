// Browser and public-facing protection: security headers (GraphiQL and Swagger UI still served),
// CORS for the deployment's and each tenant's origins, and incoming rate limits per API key and
// per tenant (RATE_LIMITED with Retry-After), shared through Redis when it is configured.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { loadConfig } from '../../src/config.js'
import { redisReachable, testRedisUrl } from '../support/redis.js'

t.test('configuration: generous defaults, origins checked', async t => {
  const config = loadConfig({})
  t.same(config.rateLimits, { perKey: 6000, perTenant: 12000 })
  t.same(config.cors.origins, [])
  t.same(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).cors.origins, ['https://a.example', 'http://localhost:5173'])
  t.throws(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' }), /CORS_ORIGINS/)
  t.throws(() => loadConfig({ CORS_ORIGINS: '*' }), /CORS_ORIGINS/)
  t.same(loadConfig({ RATE_LIMIT_PER_KEY: '0' }).rateLimits.perKey, 0)
})

t.test('security headers, and the pages that need scripts still load', async t => {
  const ctx = await build(t, { env: { GRAPHIQL: 'true' } })
  const user = await seedUser(ctx, { credential: 'none' })
  const me = await ctx.app.inject({ url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey}` } })
  t.equal(me.statusCode, 200)
  t.equal(me.headers['x-content-type-options'], 'nosniff')
  t.equal(me.headers['x-frame-options'], 'SAMEORIGIN')
  t.match(me.headers['strict-transport-security'], /max-age=/)
  t.equal(me.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'")
  const problem = await ctx.app.inject('/v1/me')
  t.equal(problem.headers['content-security-policy'], "default-src 'none'; frame-ancestors 'none'", 'errors too')

  for (const url of ['/graphiql', '/docs/', '/docs/static/swagger-ui-bundle.js']) {
    const page = await ctx.app.inject(url)
    t.equal(page.statusCode, 200, url)
    t.notOk(page.headers['content-security-policy'], `${url}: no policy that would block its scripts`)
    t.equal(page.headers['x-content-type-options'], 'nosniff')
  }
})

t.test('CORS: the deployment\'s origins, and each tenant\'s own', async t => {
  const ctx = await build(t, { env: { CORS_ORIGINS: 'https://everyone.example' } })
  const admin = await seedUser(ctx, { credential: 'none' })
  const stranger = await seedUser(ctx, { credential: 'none' })
  const preflight = (origin: string) => ctx.app.inject({
    method: 'OPTIONS',
    url: '/v1/me',
    headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' }
  })
  const get = (origin: string, key: string) => ctx.app.inject({ url: '/v1/me', headers: { origin, authorization: `Bearer ${key}` } })

  const everyone = await preflight('https://everyone.example')
  t.equal(everyone.statusCode, 204)
  t.equal(everyone.headers['access-control-allow-origin'], 'https://everyone.example')
  t.match(everyone.headers['access-control-allow-methods'], /PATCH/)
  t.match(everyone.headers['access-control-allow-headers'], /authorization/)
  t.notOk((await preflight('https://shop.example')).headers['access-control-allow-origin'], 'not allowed yet')
  t.equal((await get('https://everyone.example', stranger.apiKey)).headers['access-control-allow-origin'], 'https://everyone.example')

  t.match((await rest(ctx, admin.apiKey, 'PUT', '/v1/cors-origins', { origins: ['https://shop.example/cart'] })).body,
    { code: 'BAD_USER_INPUT', fields: [{ field: 'origins.0' }] })
  const set = await rest(ctx, admin.apiKey, 'PUT', '/v1/cors-origins', { origins: ['https://shop.example', 'https://shop.example'] })
  t.same(set.body, { origins: ['https://shop.example'], deploymentOrigins: ['https://everyone.example'] })
  t.same((await graphql(ctx, admin.apiKey, '{ corsOrigins { origins deploymentOrigins } }')).body.data.corsOrigins, set.body)

  t.equal((await preflight('https://shop.example')).headers['access-control-allow-origin'], 'https://shop.example', 'at once on this instance')
  const own = await get('https://shop.example', admin.apiKey)
  t.equal(own.headers['access-control-allow-origin'], 'https://shop.example')
  t.match(own.headers['access-control-expose-headers'], /x-request-id/)
  t.notOk((await get('https://shop.example', stranger.apiKey)).headers['access-control-allow-origin'], 'not for another tenant\'s callers')
  t.notOk((await get('https://evil.example', admin.apiKey)).headers['access-control-allow-origin'])

  const viewer = await seedUser(ctx, { slug: admin.tenant.slug, role: 'viewer', credential: 'none' })
  t.match((await rest(ctx, viewer.apiKey, 'PUT', '/v1/cors-origins', { origins: [] })).body, { code: 'FORBIDDEN' })
  const cleared = await graphql(ctx, admin.apiKey, 'mutation { setCorsOrigins(origins: []) { origins } }')
  t.same(cleared.body.data.setCorsOrigins.origins, [])
  t.notOk((await preflight('https://shop.example')).headers['access-control-allow-origin'])
  // Audit entries are written beside the request, not before its answer.
  const audited = () => ctx.db.auditEntry.count({ where: { tenantId: admin.tenant.id, operation: 'cors.set' } })
  for (const deadline = Date.now() + 5000; await audited() < 2 && Date.now() < deadline;) await new Promise(resolve => setTimeout(resolve, 20))
  t.equal(await audited(), 2)
})

t.test('rate limits per API key and per tenant', async t => {
  const ctx = await build(t, { env: { RATE_LIMIT_PER_KEY: '5', RATE_LIMIT_PER_TENANT: '8' } })
  const first = await seedUser(ctx, { credential: 'none' })
  const second = await seedUser(ctx, { slug: first.tenant.slug, credential: 'none' })
  const other = await seedUser(ctx, { credential: 'none' })

  for (let i = 0; i < 5; i++) {
    const answer = await rest(ctx, first.apiKey, 'GET', '/v1/me')
    t.equal(answer.statusCode, 200)
    if (i === 4) t.equal(answer.headers['x-ratelimit-remaining'], '0')
  }
  const refused = await rest(ctx, first.apiKey, 'GET', '/v1/me')
  t.equal(refused.statusCode, 429)
  t.match(refused.headers['content-type'], /application\/problem\+json/)
  t.match(refused.body, { code: 'RATE_LIMITED', status: 429, reason: 'api_key_limit', limit: 5, windowSeconds: 60, retryAfter: Number })
  t.equal(refused.headers['retry-after'], String(refused.body.retryAfter))
  t.ok(refused.body.retryAfter >= 1 && refused.body.retryAfter <= 60)

  const gql = await graphql(ctx, first.apiKey, '{ me { role } }')
  t.equal(gql.statusCode, 429)
  t.match(gql.body.errors, [{ extensions: { code: 'RATE_LIMITED', retryAfter: Number } }])

  // A token counts with its key.
  t.equal((await rest(ctx, second.apiKey, 'POST', '/v1/tokens')).statusCode, 201)
  // The tenant's second key: 5 used by the first, 1 by the token exchange; two more fit in 8.
  t.equal((await rest(ctx, second.apiKey, 'GET', '/v1/me')).statusCode, 200)
  t.equal((await rest(ctx, second.apiKey, 'GET', '/v1/me')).statusCode, 200)
  t.match((await rest(ctx, second.apiKey, 'GET', '/v1/me')).body, { code: 'RATE_LIMITED', reason: 'tenant_limit', limit: 8 })

  t.equal((await rest(ctx, other.apiKey, 'GET', '/v1/me')).statusCode, 200, 'another tenant is not affected')
  t.equal((await ctx.app.inject('/health/live')).statusCode, 200, 'unauthenticated routes are not counted')
})

t.test('with Redis, the instances count together', async t => {
  if (!await redisReachable() && process.env.CI !== 'true') {
    t.plan(0, `no Redis at ${testRedisUrl}: the shared limits are not tested here (set REDIS_URL)`)
    return
  }
  const env = { RATE_LIMIT_PER_KEY: '4', RATE_LIMIT_PER_TENANT: '0', REDIS_URL: testRedisUrl }
  const one = await build(t, { env })
  const two = await build(t, { env, databaseUrl: one.config.databaseUrl })
  const user = await seedUser(one, { credential: 'none' })
  for (const ctx of [one, two, one, two]) t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/me')).statusCode, 200)
  t.match((await rest(two, user.apiKey, 'GET', '/v1/me')).body, { code: 'RATE_LIMITED', reason: 'api_key_limit' })
  t.match((await rest(one, user.apiKey, 'GET', '/v1/me')).body, { code: 'RATE_LIMITED' })
})
