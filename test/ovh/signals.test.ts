import t from 'tap'
import { createDeadline, followSignal } from '../../src/ovh/signals.js'

t.test('a deadline aborts on time, and not after done()', async t => {
  const deadline = createDeadline(20, undefined)
  t.equal(deadline.signal.aborted, false)
  await new Promise(resolve => setTimeout(resolve, 40))
  t.equal(deadline.signal.aborted, true)
  t.equal(deadline.timedOut, true)
  t.equal(deadline.signal.reason.name, 'TimeoutError')

  const cleared = createDeadline(20, undefined)
  cleared.done()
  await new Promise(resolve => setTimeout(resolve, 40))
  t.equal(cleared.signal.aborted, false)
})

t.test("a deadline follows the caller's signal until done()", async t => {
  const caller = new AbortController()
  const deadline = createDeadline(60_000, caller.signal)
  caller.abort(new Error('bye'))
  t.equal(deadline.signal.aborted, true)
  t.equal(deadline.timedOut, false)
  t.equal(deadline.signal.reason.message, 'bye')
  deadline.done()

  const later = new AbortController()
  const other = createDeadline(60_000, later.signal)
  other.done()
  later.abort()
  t.equal(other.signal.aborted, false, 'unlinked once done')
})

t.test('an already aborted source aborts at once', async t => {
  const source = new AbortController()
  source.abort(new Error('early'))
  const target = new AbortController()
  const unfollow = followSignal(target, source.signal)
  t.equal(target.signal.reason.message, 'early')
  unfollow()
  const none = new AbortController()
  followSignal(none, undefined)()
  t.equal(none.signal.aborted, false)
})
