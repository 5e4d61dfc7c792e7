// A date given by a client: a date-time with its offset, or a bare date, which is midnight UTC (as
// `new Date('2026-11-01')` reads it, and as the services then do). One shape for every date filter,
// REST query strings and GraphQL's DateTime inputs alike, so that none takes one form and refuses
// the other, and none reads a date-time without offset in the server's own time zone.
import { z } from 'zod'

export const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })])

export function dateQuery (meaning: string) {
  return dateOrDateTime.optional()
    .describe(`${meaning}: a date-time with its offset, or a date (midnight UTC)`)
}
