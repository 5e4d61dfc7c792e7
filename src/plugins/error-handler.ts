// One HTTP error handler for the REST API: every error becomes application/problem+json with the
// gateway's code (RFC 9457). 5xx messages are generic; the real error goes to the log only.
import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { normalizeError } from '../upstream/normalize-error.js'
import type { GatewayError } from '../errors.js'

export function problemBody (err: GatewayError, request: FastifyRequest) {
  return {
    // The details first: one named like a problem member (a task's `status`...) must not replace it.
    ...(err.details ?? {}),
    type: `urn:ovh-gateway:error:${err.code}`,
    title: err.code,
    status: err.statusCode,
    code: err.code,
    detail: err.message,
    instance: request.url.split('?')[0],
    requestId: request.id
  }
}

export function sendProblem (err: GatewayError, request: FastifyRequest, reply: FastifyReply) {
  if (err.details?.retryAfter !== undefined) reply.header('retry-after', String(err.details.retryAfter))
  return reply.code(err.statusCode).type('application/problem+json').send(problemBody(err, request))
}

export default fp(async function errorHandlerPlugin (app) {
  app.setErrorHandler(function (error: FastifyError, request, reply) {
    const normalized = normalizeError(error)
    if (normalized.statusCode >= 500) {
      request.log.error({ err: error, request: { method: request.method, url: request.url } }, 'request failed')
    } else {
      request.log.info({ code: normalized.code, status: normalized.statusCode }, normalized.message)
    }
    return sendProblem(normalized, request, reply)
  })

  app.setNotFoundHandler(function (request, reply) {
    return sendProblem(normalizeError(Object.assign(new Error(`no route ${request.method} ${request.url.split('?')[0]}`), { statusCode: 404 })), request, reply)
  })
}, { name: 'error-handler' })
