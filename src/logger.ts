// Logger options: pretty on a TTY, JSON otherwise (never chosen by NODE_ENV), and every place a
// secret could travel redacted (STYLE.md 12). Secrets are also kept out of log calls by design;
// redaction is the second line of defence: named fields by path, a request's URL by its parts,
// and, in every line written, whatever is shaped like a credential (redaction/secret-shapes.ts),
// such as an API key that a client put in a body and an error message quotes.
import type { FastifyRequest } from 'fastify'
import type { LoggerOptions } from 'pino'
import { redactSecretShapes } from './redaction/secret-shapes.js'
import { redactedUrl } from './redaction/urls.js'
import { traceIdsMixin } from './tracing/log-ids.js'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-ovh-consumer"]',
  'req.headers["x-ovh-signature"]',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["x-ovh-consumer"]',
  'headers["x-ovh-signature"]',
  'headers.cookie',
  '*.applicationSecret',
  '*.consumerKey',
  '*.apiKey',
  '*.secret',
  '*.masterKey',
  '*.password',
  'applicationSecret',
  'consumerKey',
  'apiKey',
  'secret',
  'masterKey'
]

// Fastify's own request serializer (fastify/lib/logger-pino.js), with the URL's credentials
// redacted: a key sent as `?api_key=...` or in a path segment would otherwise be logged whole.
function requestSerializer (request: FastifyRequest) {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    version: request.headers?.['accept-version'],
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort
  }
}

export interface LoggerExtras {
  // Adds `trace_id` and `span_id` to lines written inside a span (config.tracing.enabled).
  traceIds?: boolean
}

export function loggerOptions (level: string, isTTY = Boolean(process.stdout.isTTY), extras: LoggerExtras = {}): LoggerOptions {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: requestSerializer },
    hooks: { streamWrite: redactSecretShapes }
  }
  if (extras.traceIds === true) options.mixin = traceIdsMixin
  if (isTTY) {
    options.transport = { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } }
  }
  return options
}
