// Removes secret strings from upstream error text, in case an upstream (or a sandbox) echoes them.
import { OvhApiError, OvhTransportError } from './errors.js'

export const REDACTED = '[redacted]'

function scrubText (text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret !== '') out = out.split(secret).join(REDACTED)
  }
  return out
}

function scrubValue (value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === 'string') return scrubText(value, secrets)
  // Error details are small JSON documents; the depth bound only guards against cycles.
  if (depth > 8 || typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return value.map(item => scrubValue(item, secrets, depth + 1))
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, secrets, depth + 1)]))
}

// Mutates and returns the error: its message and details are the only upstream-controlled text.
export function scrubError<E extends OvhApiError | OvhTransportError> (err: E, secrets: readonly string[]): E {
  err.message = scrubText(err.message, secrets)
  if (err instanceof OvhApiError && err.details !== undefined) {
    err.details = scrubValue(err.details, secrets, 0) as Record<string, unknown>
  }
  if (err.stack !== undefined) err.stack = scrubText(err.stack, secrets)
  return err
}
