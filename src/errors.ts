// The gateway's coded errors (PRODUCT.md "Errors"): one table, used by REST (problem+json) and
// GraphQL (extensions.code) alike. Built with @fastify/error like Fastify's own lib/errors.js.
import createError from '@fastify/error'
import type { FastifyErrorConstructor } from '@fastify/error'

export const ErrorCodes = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  // The path exists under other methods (plugins/method-not-allowed.ts); an Allow header lists them.
  METHOD_NOT_ALLOWED: 405,
  BAD_USER_INPUT: 400,
  // What Fastify and Node refuse before a route runs (src/plugins/early-errors.ts, error-mapping.ts).
  REQUEST_TIMEOUT: 408,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  HEADERS_TOO_LARGE: 431,
  // @fastify/under-pressure sheds load (app.ts).
  OVERLOADED: 503,
  // A request that arrives while the gateway shuts down (plugins/draining.ts).
  SHUTTING_DOWN: 503,
  CONFLICT: 409,
  // A GraphQL query whose estimated cost is past GRAPHQL_MAX_COST, refused before it runs (graphql/cost.ts).
  QUERY_TOO_COSTLY: 400,
  // Automatic persisted queries (graphql/persisted-queries.ts): a hash the gateway does not hold
  // (the client then sends the query with it), or a persisted-query extension it does not know.
  PERSISTED_QUERY_NOT_FOUND: 400,
  PERSISTED_QUERY_NOT_SUPPORTED: 400,
  CREDENTIAL_MISSING: 403,
  CREDENTIAL_PENDING: 403,
  CREDENTIAL_EXPIRED: 403,
  OVH_ERROR: 502,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  MASTER_KEY: 500,
  INTERNAL: 500
} as const

export type ErrorCode = keyof typeof ErrorCodes

export interface FieldError {
  field: string
  message: string
}

export interface ErrorDetails {
  // why an authentication failed: missing | malformed | unknown | expired | revoked | disabled
  reason?: string
  fields?: FieldError[]
  retryAfter?: number
  ovh?: { status: number, class?: string, errorCode?: string, message: string, queryId?: string, details?: Record<string, unknown> }
  [key: string]: unknown
}

const classes = Object.fromEntries(
  Object.entries(ErrorCodes).map(([code, status]) => [code, createError(code, '%s', status)])
) as Record<ErrorCode, FastifyErrorConstructor>

export interface GatewayError extends Error {
  code: ErrorCode
  statusCode: number
  details?: ErrorDetails
}

export function gatewayError (code: ErrorCode, message: string, details?: ErrorDetails, statusCode?: number): GatewayError {
  const err = new classes[code](message) as unknown as GatewayError
  if (statusCode) err.statusCode = statusCode
  if (details) err.details = details
  return err
}

export function isGatewayError (err: unknown): err is GatewayError {
  return err instanceof Error && typeof (err as { code?: unknown }).code === 'string' &&
    Object.values(classes).some(ErrorClass => err instanceof ErrorClass)
}

export function badUserInput (message: string, fields: FieldError[]): GatewayError {
  return gatewayError('BAD_USER_INPUT', message, { fields })
}

export function notFound (what: string): GatewayError {
  return gatewayError('NOT_FOUND', `${what} not found`)
}
