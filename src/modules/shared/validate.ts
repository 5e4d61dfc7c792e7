// Checks input with a zod schema in the service, so GraphQL (whose types cannot say "two letters"
// or "at most 255 characters") and REST refuse bad input the same way, before any OVH call.
import type { z } from 'zod'
import { badUserInput } from '../../errors.js'
import type { FieldError, GatewayError } from '../../errors.js'

/** A refusal listing every field error, in the message too: `invalid order: domain: ...; payment.x: ...`. */
export function invalidInput (subject: string, errors: FieldError[]): GatewayError {
  return badUserInput(`invalid ${subject}: ${errors.map(e => `${e.field}: ${e.message}`).join('; ')}`, errors)
}

export function validateInput<T extends z.ZodType> (schema: T, raw: unknown, prefix = ''): z.output<T> {
  const parsed = schema.safeParse(raw)
  if (parsed.success) return parsed.data
  const fields = parsed.error.issues.map(issue => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || 'input',
    message: issue.message
  }))
  throw invalidInput('input', fields)
}

/** A copy without the keys whose value is null or undefined (OVH reads null as "not given"). */
export function withoutNulls<T extends Record<string, unknown>> (value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== null && item !== undefined)) as Partial<T>
}

/**
 * The refusal of an update that gives nothing to change (`{}`, or only nulls where null means "not
 * given"): OVH is not asked for a write that would change nothing and still be audited as a change.
 */
export function nothingToChange (path: string, expected: string): GatewayError {
  return badUserInput('nothing to change', [{ field: path, message: `give at least one of ${expected}` }])
}
