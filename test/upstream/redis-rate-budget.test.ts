// The consumer keys' OVH call budget shared through Redis: two gateway instances spend one budget
// (never more than the limit between them, even when they race for the last calls), give back what
// a reservation did not use, and, while Redis is away, fall back to a budget per process and say so.
import t from 'tap'
import { randomUUID } from 'node:crypto'
import { createRedisBudget } from '../../src/upstream/redis-rate-budget.js'
import type { UpstreamBudget } from '../../src/upstream/upstream-budget.js'
import type { Teardown } from '../support/database.js'
import { redisReachable, redisRelay, testRedisUrl, until } from '../support/redis.js'

interface LogLine { level: 'info' | 'warn', msg?: string }

function instance (t: Teardown, options: { url?: string, limit?: number, windowMs?: number, lines?: LogLine[] } = {}): UpstreamBudget {
  const lines = options.lines ?? []
  const budget = createRedisBudget({
    url: options.url ?? testRedisUrl,
    limit: options.limit ?? 60,
    windowMs: options.windowMs,
    log: { info: (_obj, msg) => lines.push({ level: 'info', msg }), warn: (_obj, msg) => lines.push({ level: 'warn', msg }) }
  })
  t.teardown(() => budget.close())
  return budget
}

async function refusal (work: Promise<unknown>): Promise<Record<string, unknown> | null> {
  return await work.then(() => null, (err: Record<string, unknown>) => err)
}

const reachable = await redisReachable()
if (!reachable && process.env.CI !== 'true') {
  t.plan(0, `no Redis at ${testRedisUrl}: the shared budget is not tested here (set REDIS_URL)`)
} else {
  t.test('two instances spend one budget', async t => {
    const a = instance(t)
    const b = instance(t)
    await until(() => a.store() === 'redis' && b.store() === 'redis')
    const key = randomUUID()
    await a.take(key, 40)
    t.equal(await b.remaining(key), 20, 'B sees what A spent')
    await b.take(key, 20)
    const refused = await refusal(a.take(key, 1))
    t.match(refused, { code: 'RATE_LIMITED', details: { reason: 'budget', limit: 60, windowSeconds: 60 } })
    const retryAfter = (refused!.details as { retryAfter: number }).retryAfter
    t.ok(retryAfter >= 59 && retryAfter <= 60, `retry when A's first calls leave the window (${retryAfter} s)`)
    t.equal(await a.remaining(randomUUID()), 60, 'each consumer key has its own budget')
    t.match(await refusal(a.take(key, 61)), { code: 'BAD_USER_INPUT' }, 'more than the limit can never fit, and Redis is not asked')
  })

  t.test('racing for the last calls, the instances never spend more than the limit together', async t => {
    const a = instance(t)
    const b = instance(t)
    await until(() => a.store() === 'redis' && b.store() === 'redis')
    const key = randomUUID()
    const attempts = Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).take(key, 1).then(() => 'taken', () => 'refused'))
    const outcomes = await Promise.all(attempts)
    t.equal(outcomes.filter(outcome => outcome === 'taken').length, 60)
    t.equal(await a.remaining(key), 0)
  })

  t.test('a reservation gives back what it did not use, to every instance', async t => {
    const a = instance(t)
    const b = instance(t)
    await until(() => a.store() === 'redis' && b.store() === 'redis')
    const key = randomUUID()
    const receipt = await a.take(key, 10)
    await b.take(key, 5)
    await a.release(key, 4, receipt)
    t.equal(await b.remaining(key), 49, '60 - (10 - 4) - 5')
    await a.release(key, 10, receipt)
    t.equal(await b.remaining(key), 55, 'never more than the reservation held')
  })

  t.test('the window slides', async t => {
    const a = instance(t, { limit: 3, windowMs: 400 })
    await until(() => a.store() === 'redis')
    const key = randomUUID()
    await a.take(key, 3)
    t.match(await refusal(a.take(key, 1)), { code: 'RATE_LIMITED', details: { retryAfter: 1 } })
    await new Promise(resolve => setTimeout(resolve, 450))
    await a.take(key, 3)
    t.pass('the calls left the window')
  })

  t.test('without Redis, each instance keeps its own budget and says so', async t => {
    const lines: LogLine[] = []
    const relay = await redisRelay()
    t.teardown(() => relay.close())
    const a = instance(t, { url: relay.url, limit: 5, lines })
    await until(() => a.store() === 'redis')
    t.match(lines, [{ level: 'info', msg: 'OVH call budgets are shared through Redis' }])
    const key = randomUUID()
    await a.take(key, 2)

    relay.cut()
    await until(() => a.store() === 'process')
    t.ok(lines.some(line => line.level === 'warn' && /OVH call budgets are per process until it is back/.test(line.msg ?? '')), 'the outage is logged')
    const started = Date.now()
    await a.take(key, 5)
    t.match(await refusal(a.take(key, 1)), { code: 'RATE_LIMITED' }, 'the process budget still holds')
    t.ok(Date.now() - started < 1_000, 'no call waits for Redis')

    relay.restore()
    await until(() => a.store() === 'redis', 10_000)
    t.equal(lines.filter(line => line.level === 'info').length, 2, 'its return is logged too')
    t.equal(await a.remaining(key), 3, 'back on the shared log, which kept the calls made before the outage')
  })

  t.test('a Redis that does not answer within 500 ms is an outage too', async t => {
    const lines: LogLine[] = []
    const relay = await redisRelay()
    t.teardown(() => relay.close())
    const a = instance(t, { url: relay.url, limit: 5, lines })
    await until(() => a.store() === 'redis')
    const key = randomUUID()
    relay.stall()
    const started = Date.now()
    await a.take(key, 1)
    const waited = Date.now() - started
    t.ok(waited >= 400 && waited < 2_000, `the call went on with the process budget after the timeout (${waited} ms)`)
    t.match(lines.at(-1), { level: 'warn' })
    relay.resume()
    await a.take(key, 1)
    t.match(lines.at(-1), { level: 'info', msg: 'OVH call budgets are shared through Redis' }, 'the next answer ends the outage')
  })
}
