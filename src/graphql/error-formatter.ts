// Formats GraphQL errors: every error gets extensions.code (and the details a client can act on);
// unexpected errors are logged and answered with a generic message.
import { GraphQLError } from 'graphql'
import type { ExecutionResult, GraphQLFormattedError } from 'graphql'
import type { MercuriusContext } from 'mercurius'
import { normalizeError } from '../error-mapping.js'
import { redactSecretShapes } from '../redaction/secret-shapes.js'
import { persistedQueryRefusal } from './persisted-queries.js'

interface Formatted { status: number, body: GraphQLFormattedError & { extensions: Record<string, unknown> } }

// Mercurius's refusals of the request itself: a body of the wrong shape, GET variables that are not
// JSON, no query, a query that does not parse or validate, variables that do not fit their types.
const REQUEST_ERRORS = new Set(['MER_ERR_GQL_VALIDATION', 'MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND'])

function invalidRequest (error: { message: string, locations?: GraphQLError['locations'], path?: GraphQLError['path'] }): Formatted {
  return { status: 400, body: { message: redactSecretShapes(error.message), locations: error.locations, path: error.path, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } } }
}

function formatOne (error: GraphQLError, context: MercuriusContext): Formatted[] {
  // Refusals of automatic persisted queries get codes of their own (graphql/persisted-queries.ts).
  const original = persistedQueryRefusal(error.originalError as { code?: unknown, message?: unknown } | undefined) ?? error.originalError
  // Each error such a refusal lists is the client's, whatever it wraps: a variable of the wrong type
  // carries the scalar's own GraphQLError as originalError, as a failing resolver's error would.
  const mercuriusCode = (original as { code?: unknown } | undefined)?.code
  if (typeof mercuriusCode === 'string' && REQUEST_ERRORS.has(mercuriusCode)) {
    const listed = (original as { errors?: GraphQLError[] }).errors
    return (Array.isArray(listed) ? listed : [original as GraphQLError]).map(invalidRequest)
  }
  // Other Mercurius errors list their causes too (a mutation sent with GET).
  const wrapped = (original as { errors?: GraphQLError[] } | undefined)?.errors
  if (Array.isArray(wrapped)) return wrapped.flatMap(inner => formatOne(inner, context))
  // Errors without an original error come from parsing or validation of the query itself; one
  // outside any field around graphql's own error is a variable graphql-jit found of the wrong type.
  if (!original || (error.path === undefined && original instanceof GraphQLError)) return [invalidRequest(error)]
  const normalized = normalizeError(original)
  if (normalized.statusCode >= 500) context.reply.request.log.error({ err: original, path: error.path }, 'GraphQL resolver failed')
  return [{
    status: normalized.statusCode,
    body: { message: redactSecretShapes(normalized.message), locations: error.locations, path: error.path, extensions: { code: normalized.code, ...(normalized.details ?? {}) } }
  }]
}

export function errorFormatter (execution: ExecutionResult & Required<Pick<ExecutionResult, 'errors'>>, context: MercuriusContext) {
  const formatted = execution.errors.flatMap(error => formatOne(error, context))
  const statuses = new Set(formatted.map(f => f.status))
  const hasData = execution.data !== undefined && execution.data !== null
  // Partial results are a 200; a request that produced no data takes its errors' status.
  const statusCode = hasData || statuses.size !== 1 ? 200 : [...statuses][0]
  const retryAfter = formatted.map(f => (f.body.extensions as { retryAfter?: number }).retryAfter).find(v => v !== undefined)
  if (retryAfter !== undefined) context.reply.header('retry-after', String(retryAfter))
  return { statusCode, response: { data: execution.data ?? null, errors: formatted.map(f => f.body) } }
}
