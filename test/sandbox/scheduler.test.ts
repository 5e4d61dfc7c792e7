// The clock and the scheduler: time order, chained events, pace, unknown kinds, runaway handlers.
import t from 'tap'
import { createClock } from '../../src/sandbox/clock.js'
import { createScheduler } from '../../src/sandbox/scheduler.js'
import type { EventHandler } from '../../src/sandbox/scheduler.js'
import { createSandbox } from '../../src/sandbox/index.js'
import { createState } from '../../src/sandbox/state/create.js'

function setup (handlers: Record<string, EventHandler>) {
  const base = { now: 1_700_000_000_000 }
  const state = createState('empty', base.now)
  const warnings: string[] = []
  const clock = createClock(() => state, () => base.now, () => scheduler.runDue())
  const scheduler = createScheduler(() => state, () => clock.now(), handlers, message => warnings.push(message))
  return { base, state, clock, scheduler, warnings }
}

t.test('events run in time order, only once due, and may schedule more', async t => {
  const ran: string[] = []
  const { clock, scheduler, state } = setup({
    step: (payload: { name: string }) => { ran.push(payload.name) },
    chain: (payload: { left: number }, { event }) => {
      ran.push(`chain ${payload.left}`)
      if (payload.left > 0) scheduler.schedule(event.at + 1000, 'chain', { left: payload.left - 1 })
    }
  })
  const start = clock.now()
  scheduler.schedule(start + 3000, 'step', { name: 'c' })
  scheduler.schedule(start + 1000, 'step', { name: 'a' })
  scheduler.schedule(start + 2000, 'step', { name: 'b' })
  scheduler.schedule(start + 1000, 'step', { name: 'a2' })
  t.same(state.events.map(event => event.at - start), [1000, 1000, 2000, 3000], 'kept sorted')
  t.equal(scheduler.runDue(), 0, 'nothing due yet')
  clock.advance(2000)
  t.same(ran, ['a', 'a2', 'b'])
  scheduler.schedule(start + 2500, 'chain', { left: 2 })
  clock.advance(10_000)
  t.same(ran, ['a', 'a2', 'b', 'chain 2', 'c', 'chain 1', 'chain 0'], 'chained events interleave by time')
  t.same(scheduler.pending(), [])
  t.same(JSON.parse(JSON.stringify(state)), state, 'the state stays plain JSON')
})

t.test('cancel, unknown kinds and runaway handlers', async t => {
  const { clock, scheduler, state, warnings } = setup({
    noop: () => {},
    loop: (_payload, { now }) => { scheduler.schedule(now, 'loop', {}) }
  })
  const id = scheduler.schedule(clock.now() + 10, 'noop', {})
  t.ok(scheduler.cancel(id))
  t.notOk(scheduler.cancel(id))
  t.throws(() => scheduler.schedule(clock.now(), 'nobody', {}), /no handler/)
  state.events.push({ id: 999, at: clock.now(), kind: 'from.another.version', payload: null })
  t.equal(scheduler.runDue(), 1)
  t.match(warnings, [/unknown kind from\.another\.version/])
  scheduler.schedule(clock.now(), 'loop', {})
  t.throws(() => scheduler.runDue(), /too many events/)
  t.throws(() => clock.advance(-1), RangeError)
})

t.test('pace scales realistic durations', async t => {
  const fast = createSandbox({ pace: 0.01, now: () => 1_700_000_000_000 })
  const now = fast.clock.now()
  fast.after(600_000, 'credential.expire', { consumerKey: 'none' })
  t.equal(fast.scheduler.pending()[0].at - now, 6000, 'ten minutes at pace 0.01 are six seconds')
  t.throws(() => createSandbox({ pace: 0 }), RangeError)
  const fixed = createSandbox({ now: () => 1_700_000_000_000 })
  t.equal(fixed.clock.now(), 1_700_000_000_000, 'an injected time source')
  t.equal(fixed.admin.clock().epochSeconds, 1_700_000_000)
})
