// A REST body a client may leave out entirely. Fastify hands the validator null for a POST without
// a body, which zod's .default() (for undefined only) does not cover: the route then answered 400
// "expected object, received null" where {} would have been accepted.
import { z } from 'zod'

export function optionalBody<T extends z.ZodType> (schema: T, without: string) {
  return z.preprocess(body => body ?? {}, schema.describe(`Optional: without a body (or with {}), ${without}`))
}
