// A yes/no query parameter: `true` or `false` only (z.coerce.boolean would read "false" as true).
import { z } from 'zod'

export function booleanQuery (meaning: string) {
  return z.enum(['true', 'false']).optional().transform(value => value === undefined ? undefined : value === 'true').describe(meaning)
}
