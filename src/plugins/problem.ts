// The REST error body (application/problem+json, RFC 9457): built here, and described by one zod
// schema that the OpenAPI document shows as every /v1 operation's 4XX/5XX answer (plugins/rest.ts).
import { z } from 'zod'
import type { FastifyReply } from 'fastify'
import { ErrorCodes } from '../errors.js'
import type { ErrorCode, GatewayError } from '../errors.js'
import { redactSecretShapes } from '../redaction/secret-shapes.js'
import { redactedPath } from '../redaction/urls.js'

const codes = Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]]

// Its name in the OpenAPI document's components.schemas (zod's registry puts it there).
export const PROBLEM_SCHEMA_ID = 'Problem'

// Only documented, never used to serialize: an error body is sent as built, whatever details it has.
export const ProblemSchema = z.object({
  type: z.string().describe('urn:ovh-gateway:error:<code>'),
  title: z.string().describe('The code'),
  status: z.number().int().describe('The HTTP status'),
  code: z.enum(codes).describe('What went wrong: docs/errors.md'),
  detail: z.string().describe('A message for people; never a secret nor a stack trace'),
  instance: z.string().optional().describe('The path requested'),
  requestId: z.string().describe('Also in the X-Request-Id header and the gateway\'s logs'),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional()
    .describe('BAD_USER_INPUT: one entry per invalid field (body.target, querystring.state, params.name...)'),
  reason: z.string().optional().describe('Why, for UNAUTHENTICATED, CONFLICT, CREDENTIAL_EXPIRED, RATE_LIMITED'),
  retryAfter: z.number().optional().describe('Seconds to wait before retrying (also the Retry-After header)'),
  limit: z.number().int().optional().describe('PAYLOAD_TOO_LARGE: the most bytes the route accepts'),
  ovh: z.object({
    status: z.number().int(),
    class: z.string().optional(),
    errorCode: z.string().optional(),
    message: z.string(),
    queryId: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional()
  }).optional().describe('What OVH answered, when the error comes from OVH')
}).catchall(z.unknown()).meta({ id: PROBLEM_SCHEMA_ID })

export type Problem = z.infer<typeof ProblemSchema>

// The request's id and path; a request head Node refused has no path.
interface Origin { id: string, url?: string }

// A message may quote what the client sent (a path, a plugin's word on its input): a credential
// in it is redacted, as in the logs, so that no answer carries one (nor a proxy's log of answers).
export function problemBody (err: GatewayError, origin: Origin): Problem {
  return {
    // Details come first: one named like a member of the problem (a task's `status`) cannot replace it.
    ...(err.details ?? {}),
    type: `urn:ovh-gateway:error:${err.code}`,
    title: err.code,
    status: err.statusCode,
    code: err.code,
    detail: redactSecretShapes(err.message),
    ...(origin.url === undefined ? {} : { instance: redactedPath(origin.url) }),
    requestId: origin.id
  }
}

export function sendProblem (err: GatewayError, origin: Origin, reply: FastifyReply) {
  if (err.details?.retryAfter !== undefined) reply.header('retry-after', String(err.details.retryAfter))
  return reply.code(err.statusCode).type('application/problem+json').send(problemBody(err, origin))
}
