// With REDIS_URL, a gateway spends its users' OVH call budgets in Redis, where every instance sees
// them: calls another instance made count against this one, a search that no longer fits is
// refused before any call reaches OVH, and every attempt (batch reads, retries) is spent there as
// it is in the process's own budget (test/app/upstream-attempts.test.ts).
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

  t.test('every attempt is spent in the shared log: batch reads, retries', async t => {
    // The issue's 240 aliases are about 1,900 tokens: above the default GRAPHQL_MAX_TOKENS, which
    // would refuse them before the budget is even asked.
    const ctx = await build(t, { env: { REDIS_URL: testRedisUrl, OVH_RATE_LIMIT_PER_MINUTE: '60', GRAPHQL_MAX_TOKENS: '5000' } })
    await until(() => ctx.app.ovh.budget.store() === 'redis')
    const user = await seedUser(ctx)
    const other = createRedisBudget({ url: testRedisUrl, limit: 60, log: { info () {}, warn () {} } })
    t.teardown(() => other.close())
    await until(() => other.store() === 'redis')
    const key = user.credential!.id
    const measured = async (query: string) => {
      const before = await other.remaining(key)
      const since = lastCallId(ctx.sandbox)
      const answer = await graphql(ctx, user.apiKey, query)
      return { answer, calls: ctx.sandbox.admin.calls({ since }).length, spent: before - await other.remaining(key) }
    }

    // 240 zones that do not exist: 5 batch reads, as with the process's budget.
    const names = Array.from({ length: 240 }, (_, i) => `gone-${i}.com`)
    const zones = await measured(`{ ${names.map((name, i) => `z${i}: dnsZone(name: "${name}") { name }`).join(' ')} }`)
    t.equal(zones.answer.body.errors, undefined)
    t.equal(zones.calls, 5)
    t.equal(zones.spent, 5, 'the other instance sees the 5')

    ctx.sandbox.admin.addFault({ method: 'GET', path: '/domain/zone/demo-shop.com', status: 503, times: 2 })
    const retried = await measured('{ dnsZone(name: "demo-shop.com") { name } }')
    t.same(retried.answer.body, { data: { dnsZone: { name: 'demo-shop.com' } } })
    t.equal(retried.calls, 3, 'two retries')
    t.equal(retried.spent, 3, 'each spent in Redis')
  })
}
