// The error answers of every /v1 operation in the OpenAPI document: any 4XX or 5XX is a
// problem+json body (docs/errors.md). Added to the document only, never to a route's schema: the
// serializer would then shape real error bodies, whose details vary with the code.
import { ErrorCodes } from '../errors.js'
import { PROBLEM_SCHEMA_ID } from './problem.js'

const problem = (description: string) => ({
  description,
  // Importing problem.js put ProblemSchema in zod's registry, which components.schemas is made of.
  content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_ID}` } } }
})

// The codes each range may carry, from the table itself, so a new code is listed without an edit.
const codesFrom = (min: number, max: number): string => Object.entries(ErrorCodes)
  .filter(([, status]) => status >= min && status <= max).map(([code]) => code).join(', ')

const PROBLEMS = {
  '4XX': problem(`Refused: ${codesFrom(400, 499)}; OVH_ERROR (422) when OVH refused the operation`),
  '5XX': problem(`Failed: ${codesFrom(500, 599)}; Retry-After when retrying later can help`)
}

interface Transformed { schema: object, url: string }

export function withProblemResponses<T extends Transformed> (transformed: T): T {
  const schema = transformed.schema as { hide?: boolean, response?: object }
  if (schema.hide === true) return transformed
  return { ...transformed, schema: { ...schema, response: { ...schema.response, ...PROBLEMS } } }
}
