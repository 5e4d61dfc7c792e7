// The per consumer key budget: a sliding window (never more than the limit in any window), all or
// nothing for a batch of calls, retryAfter until enough calls leave the window, keys apart.
import t from 'tap'
import { createRateBudget } from '../../src/upstream/rate-budget.js'
import { createSharedCache } from '../../src/upstream/shared-cache.js'
import { isGatewayError } from '../../src/errors.js'

function clock (start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

const refusal = (fn: () => void) => {
  try {
    fn()
  } catch (err) {
    return err
  }
  return null
}

t.test('no more than the limit in any window, a burst after a wait included', async t => {
  const time = clock()
  const budget = createRateBudget({ limit: 60, now: time.now })
  budget.take('ck', 50)
  time.advance(30_000)
  budget.take('ck', 10)
  t.equal(budget.remaining('ck'), 0)
  const err = refusal(() => budget.take('ck', 1)) as any
  t.ok(isGatewayError(err))
  t.match(err, { code: 'RATE_LIMITED', statusCode: 429, details: { retryAfter: 30, reason: 'budget', limit: 60 } }, 'until the first 50 leave the window')
  time.advance(30_000)
  t.equal(budget.remaining('ck'), 50, 'the first 50 left; a token bucket would allow 60 more')
  budget.take('ck', 50)
  t.ok(refusal(() => budget.take('ck', 1)))
  t.equal(budget.remaining('other'), 60, 'each key has its own budget')
})

t.test('a batch of calls fits whole or takes nothing', async t => {
  const time = clock()
  const budget = createRateBudget({ limit: 10, windowMs: 1_000, now: time.now })
  budget.take('ck', 7)
  const err = refusal(() => budget.take('ck', 5)) as any
  t.match(err, { code: 'RATE_LIMITED', details: { retryAfter: 1 } })
  t.equal(budget.remaining('ck'), 3, 'nothing was spent')
  t.match(refusal(() => budget.take('ck', 11)), { code: 'BAD_USER_INPUT' }, 'more than the limit can never fit')
  t.equal(refusal(() => budget.take('ck', 0)), null)
})

t.test('calls reserved and not made are given back exactly, later calls kept', async t => {
  const time = clock()
  const budget = createRateBudget({ limit: 10, windowMs: 1_000, now: time.now })
  budget.take('ck', 2)
  time.advance(100)
  const at = budget.take('ck', 6)
  time.advance(100)
  budget.take('ck', 1)
  budget.release('ck', 4, at)
  t.equal(budget.remaining('ck'), 5, '2 + (6 - 4) + 1 spent')
  budget.release('ck', 5, at)
  t.equal(budget.remaining('ck'), 7, 'never more than the reservation logged at that time')
  time.advance(850)
  t.equal(budget.remaining('ck'), 9, 'the first 2 left the window; the call after the reservation is still in it')
  budget.release('other', 3, at)
  t.equal(budget.remaining('other'), 10)
})

t.test('a limit of 0 turns the budget off; idle keys are swept', async t => {
  const off = createRateBudget({ limit: 0 })
  for (let i = 0; i < 1000; i++) off.take('ck', 50)
  t.equal(off.remaining('ck'), Infinity)
  const time = clock()
  const budget = createRateBudget({ limit: 5, windowMs: 1_000, now: time.now })
  for (let i = 0; i < 10_001; i++) budget.take(`key-${i}`)
  time.advance(2_000)
  budget.take('fresh')
  t.equal(budget.remaining('key-1'), 5)
})

t.test('the shared cache loads once, forgets failures and expired entries', async t => {
  const time = clock()
  const cache = createSharedCache(time.now, 2)
  let loads = 0
  const load = async () => ++loads
  t.same(await Promise.all([cache.get('a', 100, load), cache.get('a', 100, load)]), [1, 1], 'concurrent readers share one load')
  t.ok(cache.has('a'))
  time.advance(150)
  t.notOk(cache.has('a'))
  t.equal(await cache.get('a', 100, load), 2)
  await t.rejects(cache.get('b', 100, async () => { throw new Error('down') }))
  t.equal(await cache.get('b', 100, load), 3, 'a failed load is not kept')
  await cache.get('c', 100, load)
  t.equal(await cache.get('a', 100, load), 5, 'the oldest entry made room')
  cache.clear()
  t.notOk(cache.has('c'))
})
