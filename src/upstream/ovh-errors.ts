// Turns what the OVH client throws into the gateway's coded errors, keeping OVH's class or
// errorCode, message and query id for the caller (PRODUCT.md "Errors").
import { OvhApiError, OvhTransportError } from '../ovh/index.js'
import { gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'
import { RULE_NOT_RESPECTED, ruleFieldErrors } from './rule-fields.js'

export function fromOvhError (err: unknown): GatewayError | null {
  if (err instanceof OvhTransportError) {
    const what = err.kind === 'timeout' ? 'did not answer in time' : err.kind === 'malformed' ? 'sent a malformed answer' : 'could not be reached'
    return gatewayError('UPSTREAM_UNAVAILABLE', `OVH ${what}`, { kind: err.kind }, 503)
  }
  if (!(err instanceof OvhApiError)) return null
  const ovh = {
    status: err.status,
    ...(err.errorClass ? { class: err.errorClass } : {}),
    ...(err.errorCode ? { errorCode: err.errorCode } : {}),
    message: err.message,
    ...(err.queryId ? { queryId: err.queryId } : {}),
    ...(err.details ? { details: err.details } : {})
  }
  const code = err.errorCode
  if (err.status === 429) {
    return gatewayError('RATE_LIMITED', 'OVH asks to slow down', { ovh, retryAfter: err.retryAfter ?? 60 })
  }
  if (code === 'INVALID_CREDENTIAL' || code === 'NOT_CREDENTIAL' || err.status === 401) {
    return gatewayError('CREDENTIAL_EXPIRED', 'your OVH consumer key is no longer valid: request a new one', { ovh })
  }
  if (code === 'NOT_GRANTED_CALL') {
    return gatewayError('FORBIDDEN', 'your OVH consumer key does not grant this call', { ovh })
  }
  if (err.errorClass === RULE_NOT_RESPECTED) {
    // Eligibility rules broken: the data is at fault, field by field, whoever made the call.
    return gatewayError('BAD_USER_INPUT', 'the data does not respect the eligibility rules of the domain', { fields: ruleFieldErrors(err.details), ovh })
  }
  if (err.route === '/domain/{serviceName}/authInfo' && err.status === 403) {
    // OVH keeps the auth code of a locked domain to itself: unlock first (a state, not a permission).
    return gatewayError('CONFLICT', 'the domain is transfer-locked: unlock it and wait until it is unlocked to read its auth code', { reason: 'TRANSFER_LOCKED', ovh })
  }
  if (err.status === 404) return gatewayError('NOT_FOUND', err.message, { ovh })
  if (err.status === 409) return gatewayError('CONFLICT', err.message, { ovh })
  if (err.status >= 500) return gatewayError('UPSTREAM_UNAVAILABLE', 'OVH failed to answer', { ovh }, 503)
  // Other refusals (400 business errors, 403 on an object, 460 expired service...): OVH's own words.
  return gatewayError('OVH_ERROR', err.message, { ovh }, err.status >= 400 && err.status < 500 ? 422 : 502)
}
