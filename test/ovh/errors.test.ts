import t from 'tap'
import {
  OvhApiError,
  OvhTransportError,
  errorFromObject,
  isAuthError,
  isInvalidSignature,
  isRetryable,
  isTimestampError,
  parseOvhError
} from '../../src/ovh/errors.js'

const context = { method: 'GET', route: '/domain/{serviceName}', queryId: 'EU.ext-1.abc' }

t.test('parses the {class, message, details} shape', async t => {
  const body = JSON.stringify({
    class: 'Client::BadRequest::DOMDOCRuleNotRespected',
    message: 'Rule not respected',
    details: { field: 'owner.legalForm' }
  })
  const err = parseOvhError(400, body, context)
  t.ok(err instanceof OvhApiError)
  t.ok(err instanceof Error)
  t.match(err, {
    name: 'OvhApiError',
    status: 400,
    errorClass: 'Client::BadRequest::DOMDOCRuleNotRespected',
    message: 'Rule not respected',
    details: { field: 'owner.legalForm' },
    queryId: 'EU.ext-1.abc',
    method: 'GET',
    route: '/domain/{serviceName}'
  })
  t.equal(err.errorCode, undefined)
  t.notOk(Object.hasOwn(err, 'errorCode'), 'absent fields are not own properties')
})

t.test('parses the {errorCode, httpCode, message} shape', async t => {
  const body = '{"errorCode":"NOT_GRANTED_CALL","httpCode":"403 Forbidden","message":"This call has not been granted"}'
  const err = parseOvhError(403, body, context)
  t.match(err, { status: 403, errorCode: 'NOT_GRANTED_CALL', httpCode: '403 Forbidden', message: 'This call has not been granted' })
  t.equal(err.errorClass, undefined)
  t.ok(isAuthError(err))
})

t.test('handles bodies that are not an OVH error object', async t => {
  const html = parseOvhError(502, '<html><body>Bad gateway</body></html>', context)
  t.match(html, { status: 502, message: 'OVH answered HTTP 502 with a non-JSON body', details: { body: '<html><body>Bad gateway</body></html>' } })
  const empty = parseOvhError(503, '', context)
  t.match(empty, { status: 503, message: 'OVH answered HTTP 503 with an empty body' })
  t.equal(empty.details, undefined)
  t.equal(parseOvhError(400, '"Invalid thing"', context).message, 'Invalid thing')
  t.equal(parseOvhError(400, '[1,2]', context).message, 'OVH answered HTTP 400 with a non-JSON body')
  t.equal(parseOvhError(404, '{}', context).message, 'OVH answered HTTP 404')
  t.equal(parseOvhError(404, '{"class":"Client::NotFound"}', context).message, 'Client::NotFound')
  const long = parseOvhError(500, 'x'.repeat(1000), context)
  t.equal((long.details?.body as string).length, 200, 'the snippet is bounded')
  t.equal(errorFromObject(400, { errorCode: 'QUERY_TIME_OUT', details: 'not an object' }, context).details, undefined)
})

t.test('JSON output keeps the message and the fields', async t => {
  const err = parseOvhError(404, '{"class":"Client::NotFound","message":"This service does not exist"}', context)
  t.same(JSON.parse(JSON.stringify(err)), {
    name: 'OvhApiError',
    status: 404,
    method: 'GET',
    route: '/domain/{serviceName}',
    errorClass: 'Client::NotFound',
    queryId: 'EU.ext-1.abc',
    message: 'This service does not exist'
  })
  const transport = new OvhTransportError({ kind: 'timeout', message: 'OVH GET /x timed out', method: 'GET', route: '/x', cause: new Error('inner') })
  t.same(JSON.parse(JSON.stringify(transport)), { name: 'OvhTransportError', kind: 'timeout', method: 'GET', route: '/x', message: 'OVH GET /x timed out' })
  t.equal((transport.cause as Error).message, 'inner')
})

t.test('classifies errors', async t => {
  const api = (status: number, extra: Record<string, unknown> = {}): OvhApiError =>
    errorFromObject(status, { message: 'm', ...extra }, context)
  t.ok(isAuthError(api(401)))
  t.ok(isAuthError(api(403, { errorCode: 'INVALID_CREDENTIAL' })))
  t.notOk(isAuthError(api(403, { class: 'Client::Forbidden' })), 'an IAM refusal may concern one object only')
  t.notOk(isAuthError(api(400, { errorCode: 'INVALID_SIGNATURE' })))
  t.notOk(isAuthError(new Error('x')))
  t.ok(isTimestampError(api(400, { errorCode: 'QUERY_TIME_OUT' })))
  t.notOk(isTimestampError(api(400)))
  t.ok(isInvalidSignature(api(400, { errorCode: 'INVALID_SIGNATURE' })))
  t.notOk(isInvalidSignature('INVALID_SIGNATURE'))
  for (const status of [429, 502, 503, 504]) t.ok(isRetryable(api(status)), `${status} is retryable`)
  for (const status of [400, 401, 403, 404, 409, 500, 501]) t.notOk(isRetryable(api(status)), `${status} is not retryable`)
  const transport = (kind: 'timeout' | 'connection' | 'malformed'): OvhTransportError =>
    new OvhTransportError({ kind, message: kind, method: 'GET', route: '/x' })
  t.ok(isRetryable(transport('connection')))
  t.notOk(isRetryable(transport('timeout')))
  t.notOk(isRetryable(transport('malformed')))
  t.notOk(isRetryable(new Error('ECONNRESET')))
  t.notOk(isRetryable(new OvhTransportError({ kind: 'connection', code: 'UND_ERR_CLOSED', message: 'closed', method: 'GET', route: '/x' })), 'a closed pool stays closed')
})
