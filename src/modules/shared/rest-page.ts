// The REST shape of a paginated list (`items`, `pageInfo`, `totalCount`), built by restPageOf.
import { z } from 'zod'

const RestPageInfoSchema = z.object({ hasNextPage: z.boolean(), hasPreviousPage: z.boolean(), endCursor: z.string().nullable() })

export function restPageSchema<T extends z.ZodType> (item: T) {
  return z.object({ items: z.array(item), pageInfo: RestPageInfoSchema, totalCount: z.number() })
}
