// The formats checked before OVH are OVH's own: the country list is nichandle.CountryEnum of every
// description file (less UNKNOWN), and dates are calendar days.
import t from 'tap'
import { readFile } from 'node:fs/promises'
import { fromRoot } from '../../support/paths.js'
import { COUNTRY_CODES, CalendarDateSchema, CountryCodeSchema, PhoneSchema } from '../../../src/modules/shared/ovh-formats.js'

t.test('the countries are OVH\'s nichandle.CountryEnum', async t => {
  for (const file of ['v1-eu/me.json', 'v1-eu/domain.json', 'v1-ca/me.json', 'v1-ca/domain.json']) {
    const description = JSON.parse(await readFile(fromRoot('ovh-api', file), 'utf8'))
    const ovh: string[] = description.models['nichandle.CountryEnum'].enum
    t.same([...COUNTRY_CODES], ovh.filter(code => code !== 'UNKNOWN'), file)
  }
  t.ok(CountryCodeSchema.safeParse('FR').success)
  for (const code of ['fr', 'QW', 'FRA', 'UNKNOWN']) t.notOk(CountryCodeSchema.safeParse(code).success, code)
})

t.test('dates are real calendar days', async t => {
  for (const day of ['2024-02-29', '1990-12-31']) t.ok(CalendarDateSchema.safeParse(day).success, day)
  for (const day of ['5500-75-31', '2023-02-29', '2026-04-31', '2026-1-01', '2026-01-01T00:00:00Z']) t.notOk(CalendarDateSchema.safeParse(day).success, day)
})

t.test('phone numbers are written as OVH writes them', async t => {
  t.ok(PhoneSchema.safeParse('+33.612345678').success)
  for (const phone of ['0612345678', '+33 6 12 34 56 78', '+33612345678']) t.notOk(PhoneSchema.safeParse(phone).success, phone)
})
