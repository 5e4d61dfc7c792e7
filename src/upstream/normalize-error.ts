// Turns anything thrown while serving a request into one of the gateway's coded errors, for REST
// and GraphQL alike. Unknown errors become INTERNAL with a generic message (no stack, no secret).
import { fromFastifyError } from './fastify-errors.js'
import { gatewayError, isGatewayError } from '../errors.js'
import type { FieldError, GatewayError } from '../errors.js'
import { fromOvhError } from './ovh-errors.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { SecretBoxError } from '../crypto/secret-box.js'

// A database restart or failover takes seconds: clients wait that long rather than hammer it.
export const DATABASE_RETRY_AFTER_SECONDS = 5

interface ValidationIssue { instancePath?: string, message?: string, params?: Record<string, unknown> }

export function normalizeError (err: unknown): GatewayError {
  if (isGatewayError(err)) return err
  const fromOvh = fromOvhError(err)
  if (fromOvh) return fromOvh
  // After OVH's errors: a connection reset from OVH is OVH's (the OVH client wraps those).
  if (isDatabaseUnavailable(err)) {
    return gatewayError('DATABASE_UNAVAILABLE', 'the gateway cannot reach its database: retry later', { retryAfter: DATABASE_RETRY_AFTER_SECONDS })
  }
  // A deployment error, not the client's: the gateway's master keys cannot open a secret it stored
  // (its message names the key ids; that goes to the log only, like every 5xx cause).
  if (err instanceof SecretBoxError) {
    return gatewayError('MASTER_KEY', 'the gateway\'s master keys do not open this tenant\'s stored secrets: the gateway\'s operator must configure the key they were sealed with')
  }
  const error = err as { statusCode?: number, validation?: ValidationIssue[], validationContext?: string, message?: string, code?: string }
  if (Array.isArray(error.validation)) {
    const context = error.validationContext ?? 'request'
    const fields: FieldError[] = error.validation.map(issue => ({
      field: [context, ...(issue.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is invalid'
    }))
    return gatewayError('BAD_USER_INPUT', `invalid ${context}`, { fields })
  }
  const fromFastify = fromFastifyError(err)
  if (fromFastify) return fromFastify
  const status = error.statusCode
  if (status === 404) return gatewayError('NOT_FOUND', error.message ?? 'not found')
  // Any other 4xx (a plugin's) keeps its status.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return gatewayError('BAD_USER_INPUT', error.message ?? 'bad request', undefined, status)
  }
  return gatewayError('INTERNAL', 'internal error')
}
