// The error answers of every /v1 operation in the OpenAPI document: any 4XX or 5XX is a
// problem+json body (README "Errors"). Added to the document only, never to a route's schema: the
// serializer would then shape real error bodies, whose details vary with the code.
import { PROBLEM_SCHEMA_ID } from './problem.js'

const problem = (description: string) => ({
  description,
  // Importing problem.js put ProblemSchema in zod's registry, which components.schemas is made of.
  content: { 'application/problem+json': { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_ID}` } } }
})

const PROBLEMS = {
  '4XX': problem('Refused: invalid input (BAD_USER_INPUT, with fields), UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, ' +
    'CREDENTIAL_*, RATE_LIMITED (Retry-After), OVH_ERROR (422), PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE...'),
  '5XX': problem('Failed: OVH_ERROR (502), UPSTREAM_UNAVAILABLE (OVH timed out or failed; Retry-After when known), INTERNAL')
}

interface Transformed { schema: object, url: string }

export function withProblemResponses<T extends Transformed> (transformed: T): T {
  const schema = transformed.schema as { hide?: boolean, response?: object }
  if (schema.hide === true) return transformed
  return { ...transformed, schema: { ...schema, response: { ...schema.response, ...PROBLEMS } } }
}
