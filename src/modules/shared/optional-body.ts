// A REST body a client may leave out entirely. Fastify hands the validator null for a POST without
// a body, which zod's .default() (for undefined only) does not cover: the route then answered 400
// "expected object, received null" where {} would have been accepted. A JSON `null` sent as the
// body is not "no body", though: refusedNullBody tells the two apart, before validation.
import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import { badUserInput } from '../../errors.js'

const optional = new WeakSet<z.ZodType>()

export function optionalBody<T extends z.ZodType> (schema: T, without: string) {
  const body = z.preprocess(value => value ?? {}, schema.describe(`Optional: without a body (or with {}), ${without}`))
  optional.add(body)
  return body
}

/** Whether a route's body schema came from optionalBody (the OpenAPI document says it is not required). */
export function isOptionalBody (schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && optional.has(schema as z.ZodType)
}

/**
 * A preValidation hook: a route that takes a body refuses the JSON body `null`, which no body schema
 * of the API admits (Fastify reads it as the null it also hands for no body at all). Without a
 * Content-Type there is no body: Fastify reads none.
 */
export async function refuseNullBody (request: FastifyRequest): Promise<void> {
  if (request.body === null && request.headers['content-type'] !== undefined && request.routeOptions.schema?.body !== undefined) {
    throw badUserInput('the body must be a JSON object', [{ field: 'body', message: 'must be a JSON object, not null' }])
  }
}
