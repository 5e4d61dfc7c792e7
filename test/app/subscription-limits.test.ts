// Subscriptions count against the same incoming rate limits as requests (per API key, per
// tenant): each subscription started over the WebSocket is one request, refused RATE_LIMITED with
// retryAfter past either limit, whether HTTP requests or other subscriptions spent the allowance.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { connect } from '../support/subscription-client.js'

const ctx = await build(t, { env: { WORKERS: 'off', RATE_LIMIT_PER_KEY: '3', RATE_LIMIT_PER_TENANT: '5' } })

t.test('subscriptions and requests spend one allowance per API key', async t => {
  const user = await seedUser(ctx)
  const client = await connect(t, ctx.baseUrl, { authorization: `Bearer ${user.apiKey}` })
  t.ok(client.accepted)
  t.equal((await graphql(ctx, user.apiKey, '{ me { role } }')).statusCode, 200, 'one request over HTTP')
  client.subscribe('a', 'subscription { events { id } }')
  client.subscribe('b', 'subscription { events { id } }')
  t.same(await client.quiet('a', 200), [], 'the second and third requests: subscribed')
  t.same(await client.quiet('b', 0), [])
  client.subscribe('c', 'subscription { events { id } }')
  const [refused] = await client.next('c')
  t.match(refused, { type: 'error', payload: [{ message: /too many requests for this API key \(3 a minute\)/, extensions: { code: 'RATE_LIMITED', reason: 'api_key_limit', limit: 3, retryAfter: Number } }] })
  const http = await graphql(ctx, user.apiKey, '{ me { role } }')
  t.match(http.body.errors, [{ extensions: { code: 'RATE_LIMITED', reason: 'api_key_limit' } }], 'and HTTP is refused too: the subscriptions counted')
})

t.test('and the tenant\'s allowance, across its keys', async t => {
  const first = await seedUser(ctx)
  const second = await seedUser(ctx, { slug: first.tenant.slug })
  for (let i = 0; i < 3; i++) await graphql(ctx, first.apiKey, '{ me { role } }')
  const client = await connect(t, ctx.baseUrl, { authorization: `Bearer ${second.apiKey}` })
  client.subscribe('a', 'subscription { events { id } }')
  client.subscribe('b', 'subscription { events { id } }')
  client.subscribe('c', 'subscription { events { id } }')
  const [refused] = await client.next('c')
  t.match(refused, { type: 'error', payload: [{ extensions: { code: 'RATE_LIMITED', reason: 'tenant_limit', limit: 5 } }] })
  t.same(await client.quiet('a', 100), [], 'the ones within the limit subscribed')
})
