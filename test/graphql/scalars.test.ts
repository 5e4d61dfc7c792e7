// The DateTime and Date scalars: OVH's strings pass out as they are; inputs are checked as REST
// checks its dates.
import t from 'tap'
import { DateScalar, DateTime } from '../../src/graphql/scalars.js'

t.test('Date inputs are real calendar days', async t => {
  t.equal(DateScalar.parseValue('1990-02-28'), '1990-02-28')
  for (const wrong of ['1990-02-30', '1990-2-3', '1990-02-28T00:00:00Z', 19900228]) {
    t.throws(() => DateScalar.parseValue(wrong), { message: 'Date must be a date (YYYY-MM-DD)' }, String(wrong))
  }
})

t.test('DateTime inputs: a date-time with its offset, or a date', async t => {
  for (const right of ['2026-11-01', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00.5+01:00']) t.equal(DateTime.parseValue(right), right)
  for (const wrong of ['2026-11-01T10:00:00', '2026-11-31', '2026-11-01T24:30:00Z', '']) {
    t.throws(() => DateTime.parseValue(wrong), { message: /^DateTime must be a date-time with its offset/ }, wrong)
  }
})

t.test('outputs pass as OVH sends them, Dates as ISO strings', async t => {
  t.equal(DateTime.serialize('2026-11-26T20:28:12+01:00'), '2026-11-26T20:28:12+01:00')
  t.equal(DateTime.serialize(new Date(Date.UTC(2026, 10, 1))), '2026-11-01T00:00:00.000Z')
  t.equal(DateScalar.serialize(new Date(Date.UTC(2026, 10, 1))), '2026-11-01')
  t.throws(() => DateTime.serialize('yesterday'))
})
