// The in-memory identity cache: a request needs no database round trip to authenticate, changes
// made through this gateway apply at once, changes made elsewhere within the TTL, and requests that
// miss it together (cold start, expiry under load) share one read.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { revokeApiKey } from '../../src/admin/api-keys.js'
import { requestCredentialFor } from '../../src/admin/credentials.js'
import type { Db } from '../../src/db/client.js'
import { createApiKeyStore } from '../../src/tenancy/api-keys.js'
import { createCredentialStore } from '../../src/tenancy/credentials.js'

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

/** The real database, with one method of one model passed through `around` (to count or hold its reads). */
function aroundRead (db: Db, model: 'apiKey' | 'ovhCredential', method: 'findUnique' | 'findMany', around: (read: () => Promise<unknown>) => Promise<unknown>): Db {
  const delegate = db[model] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>
  const wrapped = new Proxy(delegate, {
    get: (target, name) => name === method ? async (...args: unknown[]) => await around(() => target[method](...args)) : Reflect.get(target, name)
  })
  return new Proxy(db, { get: (target, name) => name === model ? wrapped : Reflect.get(target, name) })
}

function countingReads (db: Db, model: 'apiKey' | 'ovhCredential', method: 'findUnique' | 'findMany'): { db: Db, reads: () => number } {
  let reads = 0
  return { db: aroundRead(db, model, method, async read => { reads++; return await read() }), reads: () => reads }
}

t.test('requests that miss the cache together share one database read', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  const keys = countingReads(ctx.db, 'apiKey', 'findUnique')
  const apiKeys = createApiKeyStore(keys.db, { cacheTtlMs: 300 })
  const burst = async (): Promise<void> => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => apiKeys.authenticate(user.apiKey)))
    t.ok(answers.every(answer => answer.ok), 'every request is authenticated')
  }
  await burst()
  t.equal(keys.reads(), 1, 'a cold cache: 20 requests, one read')
  await burst()
  t.equal(keys.reads(), 1, 'then none within the TTL')
  await new Promise(resolve => setTimeout(resolve, 350))
  await burst()
  t.equal(keys.reads(), 2, 'after expiry: one read again, not 20')

  const credentials = countingReads(ctx.db, 'ovhCredential', 'findMany')
  const store = createCredentialStore(credentials.db, ctx.secrets, { cacheTtlMs: 60_000 })
  const current = await Promise.all(Array.from({ length: 20 }, () => store.current(user.user.id)))
  t.ok(current.every(credential => credential?.id === user.credential!.id))
  t.equal(credentials.reads(), 1, 'consumer keys: one read for 20 requests')
})

t.test('a revocation during a shared read fails no request and is not undone by it', async t => {
  const ctx = await build(t)
  const user = await seedUser(ctx)
  const prefix = user.apiKey.split('_').slice(0, 2).join('_')
  // The shared read has its answer (the key, not yet revoked) but is held until the revocation is
  // done: the worst moment for an invalidation.
  let readDone!: () => void
  const read = new Promise<void>(resolve => { readDone = resolve })
  let release!: () => void
  const held = new Promise<void>(resolve => { release = resolve })
  const slowDb = aroundRead(ctx.db, 'apiKey', 'findUnique', async read => {
    const answer = await read()
    readDone()
    await held
    return answer
  })
  const apiKeys = createApiKeyStore(slowDb, { cacheTtlMs: 60_000 })
  const inFlight = Promise.all(Array.from({ length: 5 }, () => apiKeys.authenticate(user.apiKey)))
  await read
  await apiKeys.revoke(user.tenant.id, prefix)
  release()
  const answers = await inFlight
  t.ok(answers.every(answer => answer.ok), 'the requests already waiting get the answer read for them, not an error')
  t.match(await apiKeys.authenticate(user.apiKey), { ok: false, reason: 'revoked' }, 'the next request sees the revocation: the older read was not cached')
})
