// A REST input that the service checks itself, so that a REST answer lists every field error at
// once and names the fields as GraphQL does (`owner.contact.email`, not `body.owner.contact.email`):
// the route only checks its type, and the OpenAPI document shows the service's own zod schema
// (fields, bounds, values) in its place, so the two cannot drift apart.
import { z } from 'zod'

export function checkedInService<T extends z.ZodType> (route: T, check: z.ZodType): T {
  const { $schema, ...described } = z.toJSONSchema(check, { io: 'input' }) as Record<string, unknown>
  return route.meta(described)
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A JSON object the service checks with `check` (the route takes any object). */
export function objectCheckedInService (check: z.ZodType) {
  return checkedInService(z.custom<Record<string, unknown>>(isObject, 'must be an object'), check)
}
