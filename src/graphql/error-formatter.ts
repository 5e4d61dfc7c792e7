// Formats GraphQL errors: every error gets extensions.code (and the details a client can act on);
// unexpected errors are logged and answered with a generic message.
import type { ExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql'
import type { MercuriusContext } from 'mercurius'
import { normalizeError } from '../upstream/normalize-error.js'

interface Formatted { status: number, body: GraphQLFormattedError & { extensions: Record<string, unknown> } }

function formatOne (error: GraphQLError, context: MercuriusContext): Formatted[] {
  const original = error.originalError
  // Mercurius wraps the errors of parsing and validation in one error that lists them.
  const wrapped = (original as { errors?: GraphQLError[] } | undefined)?.errors
  if (Array.isArray(wrapped)) return wrapped.flatMap(inner => formatOne(inner, context))
  // Errors without an original error come from parsing or validation of the query itself.
  if (!original) {
    return [{ status: 400, body: { message: error.message, locations: error.locations, path: error.path, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } } }]
  }
  const normalized = normalizeError(original)
  if (normalized.statusCode >= 500) context.reply.request.log.error({ err: original, path: error.path }, 'GraphQL resolver failed')
  return [{
    status: normalized.statusCode,
    body: { message: normalized.message, locations: error.locations, path: error.path, extensions: { code: normalized.code, ...(normalized.details ?? {}) } }
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
