// What one request spends of its consumer key's budget (request-budget.ts), the same over the
// process's budget and the one shared through Redis: an attempt spends one call, from what the
// request reserved first; a reservation or a fan-out's lease is taken whole or not at all, and what
// it did not use goes back.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createRequestBudget } from '../../src/upstream/request-budget.js'
import { createRedisBudget } from '../../src/upstream/redis-rate-budget.js'
import { createProcessBudget } from '../../src/upstream/upstream-budget.js'
import type { UpstreamBudget } from '../../src/upstream/upstream-budget.js'
import type { Teardown } from '../support/database.js'
import { redisReachable, testRedisUrl, until } from '../support/redis.js'

async function refusal (work: Promise<unknown>): Promise<Record<string, unknown> | null> {
  return await work.then(() => null, (err: Record<string, unknown>) => err)
}

const withoutRedis = !await redisReachable() && process.env.CI !== 'true'

const stores: Array<[string, (t: Teardown) => Promise<UpstreamBudget>, string | false]> = [
  ['process', async () => createProcessBudget(10), false],
  ['redis', async t => {
    const budget = createRedisBudget({ url: testRedisUrl, limit: 10, log: { info () {}, warn () {} } })
    t.teardown(() => budget.close())
    await until(() => budget.store() === 'redis')
    return budget
  }, withoutRedis && `no Redis at ${testRedisUrl}: the shared budget is not tested here (set REDIS_URL)`]
]

for (const [name, create, skip] of stores) {
  t.test(`${name} budget`, { skip }, async t => {
    const budget = await create(t)
    const fresh = () => ({ key: randomUUID() })

    t.test('an attempt spends one call; a spent budget refuses it and takes nothing', async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      for (let i = 0; i < 10; i++) await request.spend(true)
      t.equal(await budget.remaining(key), 0)
      t.match(await refusal(request.spend(true)), { code: 'RATE_LIMITED', details: { reason: 'budget', retryAfter: Number } })
      t.equal(await budget.remaining(key), 0)
    })

    t.test("a reservation pays for the request's attempts; what is left goes back", async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      await request.reserve(6)
      t.equal(await budget.remaining(key), 4)
      for (let i = 0; i < 7; i++) await request.spend(true)
      t.equal(await budget.remaining(key), 3, 'six from the reservation, one more from the budget')
      await request.reserve(3)
      await request.spend(true)
      await request.release()
      t.equal(await budget.remaining(key), 2, 'the two reserved and not made went back')
      await request.release()
      t.equal(await budget.remaining(key), 2, 'once')
    })

    t.test('an unplanned attempt (a retry, a fallback read) never uses what planned calls were promised', async t => {
      const { key } = fresh()
      await budget.take(key, 3)
      const request = createRequestBudget(budget, key)
      await request.reserve(4)
      const lease = await request.lease(3)
      t.equal(await budget.remaining(key), 3, 'the lease borrowed 3 of the 4 reserved')
      await request.spend(false)
      await lease.spend(false)
      t.equal(await budget.remaining(key), 1, 'both from the budget')
      await request.spend(false)
      t.match(await refusal(request.spend(false)), { code: 'RATE_LIMITED' }, 'the budget spent: refused, though 4 calls are reserved')
      t.match(await refusal(lease.spend(false)), { code: 'RATE_LIMITED' })
      for (let i = 0; i < 3; i++) await lease.spend(true)
      await request.spend(true)
      t.match(await refusal(request.spend(true)), { code: 'RATE_LIMITED' }, 'the planned calls had theirs, and no more')
      await lease.end()
      await request.release()
      t.equal(await budget.remaining(key), 0)
    })

    t.test('a lease ending after its request gave back gives back nothing', async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      await request.reserve(5)
      const lease = await request.lease(3)
      await request.release()
      t.equal(await budget.remaining(key), 7, 'the two not lent went back')
      await lease.end()
      t.equal(await budget.remaining(key), 7, 'the three lent stay spent: never more given back than was taken')
    })

    t.test('a lease is taken whole or not at all', async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      t.match(await refusal(request.lease(11)), { code: 'BAD_USER_INPUT' }, 'more than the whole budget')
      await budget.take(key, 7)
      t.match(await refusal(request.lease(4)), { code: 'RATE_LIMITED' }, 'more than is left')
      t.equal(await budget.remaining(key), 3, 'nothing taken')
      const lease = await request.lease(3)
      t.equal(await budget.remaining(key), 0)
      await lease.end()
      t.equal(await budget.remaining(key), 3, 'unused, all given back')
    })

    t.test("a lease is the fan-out's own: the request's other attempts do not use it", async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      const lease = await request.lease(5)
      for (let i = 0; i < 5; i++) await request.spend(true)
      t.equal(await budget.remaining(key), 0, 'the other attempts spent the rest of the budget')
      t.match(await refusal(request.spend(true)), { code: 'RATE_LIMITED' })
      for (let i = 0; i < 5; i++) await lease.spend(true)
      t.match(await refusal(lease.spend(true)), { code: 'RATE_LIMITED' }, 'past its lease, a retry spends from the budget like any attempt')
      await lease.end()
      t.equal(await budget.remaining(key), 0)
    })

    t.test('a lease uses what the request reserved first, and gives it back there', async t => {
      const { key } = fresh()
      const request = createRequestBudget(budget, key)
      await request.reserve(4)
      const lease = await request.lease(6)
      t.equal(await budget.remaining(key), 4, 'four borrowed from the reservation, two taken')
      await lease.spend(true)
      await lease.end()
      t.equal(await budget.remaining(key), 6, 'its own two went back to the budget')
      for (let i = 0; i < 3; i++) await request.spend(true)
      t.equal(await budget.remaining(key), 6, 'the three borrowed and unused went back to the reservation')
      await request.release()
      t.equal(await budget.remaining(key), 6, 'nothing left to give back')

      const other = fresh().key
      await budget.take(other, 6)
      const second = createRequestBudget(budget, other)
      await second.reserve(2)
      t.match(await refusal(second.lease(5)), { code: 'RATE_LIMITED' }, 'two borrowed, but three more do not fit')
      await second.spend(true)
      await second.spend(true)
      t.equal(await budget.remaining(other), 2, 'the refused lease put back what it borrowed')
    })
  })
}
