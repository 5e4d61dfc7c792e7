// Fastify's own errors that a client can cause (fastify/lib/errors.js: body, media type, URL, path
// parameters), and @fastify/under-pressure's load shedding, as the gateway's coded errors, for
// REST and GraphQL alike (normalize-error.ts).
import { badUserInput, gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'

// The body could not be read as JSON: malformed, empty, cut short, or with a prototype key.
const UNREADABLE_BODY = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH'
])

// Seconds a client waits when the gateway sheds load; app.ts gives under-pressure the same.
export const OVERLOAD_RETRY_AFTER_SECONDS = 10

export function fromFastifyError (err: unknown): GatewayError | null {
  const { code, message } = err as { code?: unknown, message?: string }
  if (code === 'FST_UNDER_PRESSURE') {
    return gatewayError('OVERLOADED', 'the gateway is overloaded: retry later', { retryAfter: OVERLOAD_RETRY_AFTER_SECONDS })
  }
  if (typeof code !== 'string' || !code.startsWith('FST_ERR_')) return null
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return gatewayError('PAYLOAD_TOO_LARGE', 'the request body is larger than this route accepts')
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return gatewayError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json')
  if (UNREADABLE_BODY.has(code)) return badUserInput('the body is not valid JSON', [{ field: 'body', message: message ?? 'is not valid JSON' }])
  if (code === 'FST_ERR_BAD_URL') return badUserInput('malformed URL', [{ field: 'url', message: 'is not a valid URL (bad percent-encoding)' }])
  // Past the router's maxParamLength (app.ts), far longer than any name or id.
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return badUserInput('a path parameter is too long', [{ field: 'params', message: 'is longer than any valid name or id' }])
  return null
}
