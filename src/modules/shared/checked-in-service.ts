// A REST input that the service checks itself, so that a REST answer lists every field error at
// once, as GraphQL's does: the route only checks its type, and the OpenAPI document shows the
// service's own zod schema (bounds, values) in its place, so the two cannot drift apart.
import { z } from 'zod'

export function checkedInService<T extends z.ZodType> (route: T, check: z.ZodType): T {
  const { $schema, ...described } = z.toJSONSchema(check, { io: 'input' }) as Record<string, unknown>
  return route.meta(described)
}
