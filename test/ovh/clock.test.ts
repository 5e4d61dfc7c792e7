import t from 'tap'
import { createServerClock } from '../../src/ovh/clock.js'

// Local time is driven by the test; the fake server is one hour and a bit ahead.
function setup (opts: { refreshMs?: number, offset?: number } = {}) {
  const state = { local: 1_700_000_000_000, offset: opts.offset ?? 3_777, fetches: 0, fail: false }
  let release: (() => void) | undefined
  const gate = { hold: false }
  const clock = createServerClock({
    refreshMs: opts.refreshMs ?? 60_000,
    now: () => state.local,
    fetchServerTime: async () => {
      state.fetches++
      if (gate.hold) await new Promise<void>(resolve => { release = resolve })
      if (state.fail) throw new Error('time service down')
      return Math.floor(state.local / 1000) + state.offset
    }
  })
  return { clock, state, gate, release: () => release?.() }
}

t.test('fetches lazily and applies the offset', async t => {
  const { clock, state } = setup()
  t.equal(state.fetches, 0, 'nothing is fetched before the first signed call')
  t.equal(clock.delta, undefined)
  t.ok(clock.isStale())
  t.equal(await clock.timestamp(), 1_700_000_000 + 3_777)
  t.equal(clock.delta, 3_777)
  t.equal(clock.syncedAt, state.local)
  state.local += 10_000
  t.equal(await clock.timestamp(), 1_700_000_010 + 3_777)
  t.equal(state.fetches, 1)
})

t.test('concurrent first calls share one fetch', async t => {
  const { clock, state } = setup()
  const stamps = await Promise.all([clock.timestamp(), clock.timestamp(), clock.resync(), clock.timestamp()])
  t.equal(state.fetches, 1)
  t.same(stamps, [1_700_003_777, 1_700_003_777, 3_777, 1_700_003_777])
})

t.test('refreshes in the background once the offset is older than refreshMs', async t => {
  const { clock, state, gate, release } = setup({ refreshMs: 60_000 })
  await clock.timestamp()
  state.local += 59_000
  await clock.timestamp()
  t.equal(state.fetches, 1, 'still fresh')
  t.notOk(clock.isStale())
  state.local += 1_000
  state.offset = 5
  gate.hold = true
  // The call does not wait for the refresh: it uses the previous offset.
  t.equal(await clock.timestamp(), Math.round(state.local / 1000) + 3_777)
  t.equal(state.fetches, 2)
  await clock.timestamp()
  t.equal(state.fetches, 2, 'no second refresh while one is running')
  release()
  await clock.resync()
  t.equal(clock.delta, 5)
  t.equal(await clock.timestamp(), Math.round(state.local / 1000) + 5)
})

t.test('a failed background refresh keeps the offset and retries later', async t => {
  const { clock, state } = setup({ refreshMs: 300_000 })
  await clock.timestamp()
  state.local += 300_000
  state.fail = true
  await clock.timestamp()
  await new Promise(resolve => setImmediate(resolve))
  t.equal(clock.delta, 3_777)
  t.equal(state.fetches, 2)
  state.local += 1_000
  await clock.timestamp()
  t.equal(state.fetches, 2, 'not retried on every call')
  state.local += 30_000
  state.fail = false
  state.offset = 9
  await clock.timestamp()
  await new Promise(resolve => setImmediate(resolve))
  t.equal(state.fetches, 3)
  t.equal(clock.delta, 9)
})

t.test('the first fetch failing fails the call', async t => {
  const { clock, state } = setup()
  state.fail = true
  await t.rejects(clock.timestamp(), { message: 'time service down' })
  state.fail = false
  t.equal(await clock.timestamp(), 1_700_003_777, 'the next call tries again')
})

t.test('resync de-duplicates and skips an offset fetched after the failing attempt', async t => {
  const { clock, state, gate, release } = setup()
  await clock.timestamp()
  const used = clock.generation
  t.equal(used, 1)
  state.local += 5_000
  state.offset = 100
  gate.hold = true
  const first = clock.resync({ ifGeneration: used })
  const second = clock.resync({ ifGeneration: used })
  release()
  t.same(await Promise.all([first, second]), [100, 100])
  t.equal(state.fetches, 2)
  gate.hold = false
  t.equal(clock.generation, 2)
  // A call that used the offset before the sync above does not trigger another one.
  t.equal(await clock.resync({ ifGeneration: used }), 100)
  t.equal(state.fetches, 2)
  // Without the bound, resync always fetches.
  await clock.resync()
  t.equal(state.fetches, 3)
})

t.test('rejects a time that is not a number', async t => {
  const clock = createServerClock({ fetchServerTime: async () => Number.NaN })
  await t.rejects(clock.timestamp(), { message: /did not return a number/ })
})
