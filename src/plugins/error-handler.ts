// One HTTP error handler for the REST API: every error becomes application/problem+json with the
// gateway's code (RFC 9457, plugins/problem.ts). 5xx messages are generic; the real error goes to
// the log only. Errors raised before a route runs are answered in the same shape (early-errors.ts).
import fp from 'fastify-plugin'
import type { FastifyError, FastifyRequest } from 'fastify'
import { normalizeError } from '../error-mapping.js'
import { gatewayError } from '../errors.js'
import type { GatewayError } from '../errors.js'
import { sendProblem } from './problem.js'
import { redactedPath, redactedUrl } from '../redaction/urls.js'

// A body over the limit says which limit: routes have their own (availability 64 KB, zone import 6 MB).
function withBodyLimit (err: GatewayError, request: FastifyRequest): GatewayError {
  if (err.code !== 'PAYLOAD_TOO_LARGE') return err
  const limit = request.routeOptions.bodyLimit
  return gatewayError('PAYLOAD_TOO_LARGE', `the request body is larger than the ${limit} bytes this route accepts`, { limit })
}

export function logError (request: FastifyRequest, error: unknown, normalized: GatewayError): void {
  if (normalized.statusCode >= 500) {
    request.log.error({ err: error, request: { method: request.method, url: redactedUrl(request.url) } }, 'request failed')
  } else {
    request.log.info({ code: normalized.code, status: normalized.statusCode }, normalized.message)
  }
}

/** The answer to a path no route has, under any method. */
export function routeNotFound (request: FastifyRequest): GatewayError {
  return normalizeError(Object.assign(new Error(`no route ${request.method} ${redactedPath(request.url)}`), { statusCode: 404 }))
}

export default fp(async function errorHandlerPlugin (app) {
  app.setErrorHandler(function (error: FastifyError, request, reply) {
    const normalized = withBodyLimit(normalizeError(error), request)
    logError(request, error, normalized)
    return sendProblem(normalized, request, reply)
  })

  app.setNotFoundHandler(function (request, reply) {
    return sendProblem(routeNotFound(request), request, reply)
  })
}, { name: 'error-handler' })
