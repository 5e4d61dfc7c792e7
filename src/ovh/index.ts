// Public surface of the OVH client: the rest of the gateway imports from here only.
export { OVH_ENDPOINTS, isKnownEndpoint, resolveEndpoint, type OvhEndpointName } from './endpoints.js'
export {
  OVH_ERROR_CODES,
  OvhApiError,
  OvhTransportError,
  TRANSPORT_ERROR_KINDS,
  errorFromObject,
  isAuthError,
  isInvalidSignature,
  isRetryable,
  isTimestampError,
  parseOvhError,
  type OvhApiErrorInit,
  type OvhErrorContext,
  type OvhTransportErrorInit,
  type OvhTransportErrorKind
} from './errors.js'
export { DEFAULT_CLOCK_REFRESH_MS, createServerClock, type ServerClock, type ServerClockOptions } from './clock.js'
export {
  DEFAULT_CALL_LOG_LEVELS,
  silentLogger,
  type CallLogLevels,
  type LogLevel,
  type Logger,
  type OvhLogger,
  type OvhCallRecord
} from './logger.js'
export { DEFAULT_BATCH_CONFIG, MAX_BATCH_CHUNK, plannedBatchCalls, type BatchConfig, type BatchItem, type BatchResult } from './batch.js'
export type { OvhAttempt } from './call.js'
export {
  OVH_METHODS,
  createOvhClient,
  isUnauthenticatedRoute,
  type OvhClient,
  type OvhClientOptions,
  type OvhCredentials,
  type OvhMethod,
  type OvhReadOptions,
  type OvhRequestOptions
} from './client.js'
export { TRANSPORT_DEFAULTS, createOvhTransport, type OvhTransport, type OvhTransportOptions } from './transport.js'
export { buildQuery, expandRoute, serializeBody, type PathParams, type Query, type QueryValue } from './url.js'
export { signRequest, type SignatureInput } from './signature.js'
