// The in-memory identity cache: a request needs no database round trip to authenticate, changes
// made through this gateway apply at once, changes made elsewhere within the TTL.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { revokeApiKey } from '../../src/admin/api-keys.js'
import { requestCredentialFor } from '../../src/admin/credentials.js'

t.test('API keys and consumer keys served from memory within the TTL', async t => {
  const ctx = await build(t, { env: { AUTH_CACHE_TTL_MS: '60000' } })
  const user = await seedUser(ctx)
  const prefix = user.apiKey.split('_').slice(0, 2).join('_')
  t.equal((await graphql(ctx, user.apiKey, '{ me { role } }')).statusCode, 200)

  // Changed behind the gateway's back (another instance, the CLI): still served from memory...
  await ctx.db.apiKey.update({ where: { prefix }, data: { expiresAt: new Date(Date.now() - 1000) } })
  t.equal((await graphql(ctx, user.apiKey, '{ me { role } }')).statusCode, 200, 'the cached key, until the TTL')
  // ...but the secret is still checked on every request.
  const wrongSecret = `${prefix}_${'A'.repeat(43)}`
  t.match((await graphql(ctx, wrongSecret, '{ me { role } }')).body.errors, [{ extensions: { code: 'UNAUTHENTICATED', reason: 'unknown' } }])

  // Last use is written once a minute, not on every request.
  const writes = async () => (await ctx.db.apiKey.findUnique({ where: { prefix } }))!.lastUsedAt
  await new Promise(resolve => setTimeout(resolve, 100))
  const first = await writes()
  t.ok(first)
  for (let i = 0; i < 3; i++) await graphql(ctx, user.apiKey, '{ me { role } }')
  await new Promise(resolve => setTimeout(resolve, 100))
  t.same(await writes(), first, 'no write for later uses within the minute')

  // A revocation through this gateway's stores applies at once.
  await revokeApiKey(ctx.admin, { tenant: user.tenant.slug, key: prefix })
  t.match((await graphql(ctx, user.apiKey, '{ me { role } }')).body.errors, [{ extensions: { code: 'UNAUTHENTICATED', reason: 'revoked' } }])
})

t.test('a consumer key change made here applies at once', async t => {
  const ctx = await build(t, { env: { AUTH_CACHE_TTL_MS: '60000' } })
  const user = await seedUser(ctx)
  t.equal((await graphql(ctx, user.apiKey, '{ me { credential { state } } }')).body.data.me.credential.state, 'validated')
  // OVH stops accepting the key: the first call marks it expired, and the next sees it at once.
  ctx.sandbox.admin.expireCredential({ consumerKey: user.consumerKey! })
  t.match((await graphql(ctx, user.apiKey, '{ domains { totalCount } }')).body.errors, [{ extensions: { code: 'CREDENTIAL_EXPIRED' } }])
  const deadline = Date.now() + 5000
  let state = ''
  while (Date.now() < deadline && state !== 'expired') {
    state = (await graphql(ctx, user.apiKey, '{ me { credential { state } } }')).body.data.me.credential.state
  }
  t.equal(state, 'expired')
  // A new request replaces the cached answer too.
  const fresh = await requestCredentialFor(ctx.admin, user.tenant, user.user)
  t.same((await graphql(ctx, user.apiKey, '{ me { credential { id state } } }')).body.data.me.credential, { id: fresh.id, state: 'pendingValidation' })
})
