// A date in a REST query string: a date-time with its offset, or a bare date, which is midnight
// UTC (as `new Date('2026-11-01')` reads it, and as the services then do). One shape for every
// date filter, so that none takes one form and refuses the other.
import { z } from 'zod'

export function dateQuery (meaning: string) {
  return z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional()
    .describe(`${meaning}: a date-time with its offset, or a date (midnight UTC)`)
}
