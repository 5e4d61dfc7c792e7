// A REST body (or part of one) the service checks itself, so that REST reports the same field
// paths as GraphQL (`owner.contact.email`, not `body.owner.contact.email`): the route takes any
// JSON object, and the OpenAPI document still describes the fields the service takes, generated
// from the very schema the service checks with.
import { z } from 'zod'

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

export function checkedByService (schema: z.ZodType) {
  const { $schema, ...described } = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>
  return z.custom<Record<string, unknown>>(isObject, 'must be an object').meta(described)
}
