// The time of a full detail pass and the age at which a domain is read again (detail-pass.ts): the
// bound a change made outside the gateway appears within, as docs/mirror.md states it.
import t from 'tap'
import { budgetPassMs, detailPassCalls, outsideChangeBoundMs, passMs, recordBatchPace, refreshAgeMs } from '../../src/mirror/detail-pass.js'

const MINUTE = 60_000
// OVH's fair use (60 calls a minute, the sync's share 90 %) and the default intervals.
const OVH = { callsPerMinute: 54, listIntervalMs: 300_000, activityIntervalMs: 120_000 }

t.test('a pass is a batch call per 50 domains at the sync\'s share of the budget', async t => {
  t.equal(detailPassCalls(13), 1)
  t.equal(detailPassCalls(10_000), 200)
  t.equal(detailPassCalls(10_013), 201)
  // 200 calls at 54 a minute less the list's and the activity's (0.2 + 1.5): about 3.8 min.
  const tenThousand = budgetPassMs(10_000, OVH) / MINUTE
  t.ok(tenThousand > 3.7 && tenThousand < 3.9, `10,000 domains: ${tenThousand.toFixed(2)} min`)
  const hundredThousand = budgetPassMs(100_000, OVH) / MINUTE
  t.ok(hundredThousand > 37 && hundredThousand < 39, `100,000 domains: ${hundredThousand.toFixed(1)} min`)
  t.equal(budgetPassMs(100_000, { ...OVH, callsPerMinute: Infinity }), 0, 'no budget: no floor from it')
})

t.test('a domain is due one pass (and a run\'s start) before the max age; past it the pass is the bound', async t => {
  const pass = budgetPassMs(10_000, OVH)
  t.equal(refreshAgeMs(3_600_000, pass), 3_600_000 - pass - 5_000, 'the default max age: read 3.8 min early')
  t.equal(outsideChangeBoundMs(3_600_000, pass), 3_600_000, 'the bound is the max age')
  t.equal(refreshAgeMs(120_000, pass), 0, 'a pass longer than the max age: read continuously, oldest first')
  t.equal(outsideChangeBoundMs(120_000, pass), pass, 'and the bound is the pass')
})

t.test('a process slower than the budget measures its own pace', async t => {
  const unlimited = { ...OVH, callsPerMinute: Infinity }
  t.equal(passMs('account-a', 10_000, unlimited), 0, 'nothing measured yet')
  recordBatchPace('account-a', 200)
  // 200 batches of 200 ms, with a margin for the runs' scheduling.
  t.equal(passMs('account-a', 10_000, unlimited), 200 * 200 * 1.25)
  t.equal(passMs('account-a', 10_000, OVH), budgetPassMs(10_000, OVH), 'the budget, slower still, is the floor')
  recordBatchPace('account-a', 400)
  t.equal(passMs('account-a', 10_000, unlimited), 200 * 240 * 1.25, 'a moving average')
  t.equal(passMs('account-b', 10_000, unlimited), 0, 'per account')
})
