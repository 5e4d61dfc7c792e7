// Logger options: pretty on a TTY, JSON otherwise (never chosen by NODE_ENV), and every place a
// secret could travel redacted (STYLE.md 12). Secrets are also kept out of log calls by design;
// redaction is the second line of defence.
import type { LoggerOptions } from 'pino'

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-ovh-consumer"]',
  'req.headers["x-ovh-signature"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-ovh-consumer"]',
  'headers["x-ovh-signature"]',
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

export function loggerOptions (level: string, isTTY = Boolean(process.stdout.isTTY)): LoggerOptions {
  const options: LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' }
  }
  if (isTTY) {
    options.transport = { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } }
  }
  return options
}
