// Fastify's own errors and under-pressure's load shedding, as the gateway's coded errors. The
// errors are Fastify's real ones (fastify's errorCodes); under-pressure's is built as the plugin
// builds it, since a test cannot lag the event loop on cue (its check averages over a second).
import t from 'tap'
import { errorCodes } from 'fastify'
import createError from '@fastify/error'
import { normalizeError } from '../../src/error-mapping.js'

t.test('Fastify\'s errors a client can cause', async t => {
  const cases: Array<[Error & { code: string }, string, number, string | null]> = [
    [new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 'PAYLOAD_TOO_LARGE', 413, null],
    [new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), 'UNSUPPORTED_MEDIA_TYPE', 415, null],
    [new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), 'BAD_USER_INPUT', 400, 'body'],
    [new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), 'BAD_USER_INPUT', 400, 'body'],
    [new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH(), 'BAD_USER_INPUT', 400, 'body'],
    [new errorCodes.FST_ERR_BAD_URL('/%E0'), 'BAD_USER_INPUT', 400, 'url'],
    [new errorCodes.FST_ERR_MAX_PARAM_LENGTH('/v1/domains/x'), 'BAD_USER_INPUT', 400, 'params']
  ]
  for (const [error, code, status, field] of cases) {
    const coded = normalizeError(error)
    t.match(coded, { code, statusCode: status }, error.code)
    if (field) t.match(coded.details?.fields, [{ field }])
    t.notMatch(coded.message, /FST_/)
  }
})

t.test('under-pressure\'s refusal is OVERLOADED with its Retry-After, not INTERNAL', async t => {
  const UnderPressureError = createError('FST_UNDER_PRESSURE', 'Service Unavailable', 503)
  t.match(normalizeError(new UnderPressureError()), { code: 'OVERLOADED', statusCode: 503, details: { retryAfter: 10 } })
})
