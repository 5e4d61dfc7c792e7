// With REDIS_URL, a gateway spends its users' OVH call budgets in Redis, where every instance sees
// them: calls another instance made count against this one, and a search that no longer fits is
// refused before any call reaches OVH.
import t from 'tap'
import { build } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { lastCallId } from '../support/sandbox.js'
import { redisReachable, testRedisUrl, until } from '../support/redis.js'
import { createRedisBudget } from '../../src/upstream/redis-rate-budget.js'

if (!await redisReachable() && process.env.CI !== 'true') {
  t.plan(0, `no Redis at ${testRedisUrl}: the shared budget is not tested here (set REDIS_URL)`)
} else {
  t.test('calls made by another instance count against this one', async t => {
    const ctx = await build(t, { env: { REDIS_URL: testRedisUrl, OVH_RATE_LIMIT_PER_MINUTE: '60' } })
    await until(() => ctx.app.ovh.budget.store() === 'redis')
    const user = await seedUser(ctx)
    const search = (domains: string[]) => graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { domain status } }', { d: domains })
    t.equal((await search(['warm-up.com'])).statusCode, 200)

    // Another gateway instance, as the next one behind the balancer would be.
    const other = createRedisBudget({ url: testRedisUrl, limit: 60, log: { info () {}, warn () {} } })
    t.teardown(() => other.close())
    await until(() => other.store() === 'redis')
    const key = user.credential!.id
    const left = await other.remaining(key)
    t.ok(left < 60, `this instance's calls are in the shared log (${60 - left} spent)`)
    await other.take(key, left - 5)

    const since = lastCallId(ctx.sandbox)
    const refused = await search(Array.from({ length: 10 }, (_, i) => `shared-${i}.com`))
    t.match(refused.body.errors, [{ extensions: { code: 'RATE_LIMITED', reason: 'budget', retryAfter: Number } }])
    t.same(ctx.sandbox.admin.calls({ since }), [], 'nothing reached OVH')
    t.equal((await search(['shared-small.com'])).statusCode, 200, 'what still fits goes through')
    t.equal(await other.remaining(key), 4, 'and is seen by the other instance')
  })
}
