// Validates admin input with zod and reports every bad field as BAD_USER_INPUT.
import type { z } from 'zod'
import { badUserInput } from '../errors.js'

export function parseInput<T extends z.ZodType> (schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const fields = parsed.error.issues.map(issue => ({ field: issue.path.join('.') || 'input', message: issue.message }))
  throw badUserInput(`invalid input: ${fields.map(f => `${f.field}: ${f.message}`).join('; ')}`, fields)
}
