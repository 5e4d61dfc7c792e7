// Errors raised before any route or error handler runs, answered as problem+json like the rest:
// the router's (a malformed URL, a path parameter past maxParamLength) through Fastify's
// `frameworkErrors` option, and the request heads Node's parser refuses (too big, too slow,
// not HTTP) through `clientErrorHandler`, where Fastify would answer a JSON body of its own.
// @see https://fastify.dev/docs/latest/Reference/Server/#frameworkerrors
import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { ConnectionError, FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { badUserInput, gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'
import { normalizeError } from '../error-mapping.js'
import { logError } from './error-handler.js'
import { problemBody, sendProblem } from './problem.js'

// Every path parameter is a name (253 characters at most) or a shorter id. The router's limit is
// well above, so that a value a little too long reaches the route and its schema names the
// parameter; past it the router refuses the request (BAD_USER_INPUT on `params`).
export const MAX_PARAM_LENGTH = 1024

export function frameworkErrors (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const normalized = normalizeError(error)
  logError(request, error, normalized)
  // No route, so none of the app's hooks: the onSend one that adds the header does not run.
  reply.header('x-request-id', request.id)
  sendProblem(normalized, request, reply)
}

function clientError (err: ConnectionError): GatewayError {
  if (err.code === 'HPE_HEADER_OVERFLOW') return gatewayError('HEADERS_TOO_LARGE', 'the request headers are larger than the server accepts (16 KB)')
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') return gatewayError('REQUEST_TIMEOUT', 'the request was not received in time')
  return badUserInput('malformed HTTP request', [{ field: 'request', message: 'is not a valid HTTP/1.1 request' }])
}

// There is no request yet, so no request id: one is made, and logged with the error's code (never
// the raw bytes, which may hold an API key).
export function clientErrorHandler (this: { log: FastifyBaseLogger }, err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return
  const requestId = randomUUID()
  const problem = clientError(err)
  this.log.debug({ requestId, code: err.code, status: problem.statusCode }, 'client error')
  if (socket.writable) {
    const body = JSON.stringify(problemBody(problem, { id: requestId }))
    socket.write([
      `HTTP/1.1 ${problem.statusCode} ${STATUS_CODES[problem.statusCode] ?? ''}`,
      'Content-Type: application/problem+json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      `X-Request-Id: ${requestId}`,
      'Connection: close',
      '',
      body
    ].join('\r\n'))
  }
  socket.destroy(err)
}
