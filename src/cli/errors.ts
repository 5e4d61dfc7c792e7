// The code, message and details the CLI reports for a failed command: the API's codes for what the
// API also meets (the same normalisation of OVH's errors), and codes of their own for what only an
// operator's command meets. The message never carries a secret: OVH's own words, our messages.
import { isGatewayError } from '../errors.js'
import type { ErrorDetails } from '../errors.js'
import { ConfigError } from '../config.js'
import { EmbeddedPostgresMissingError } from '../runtime/embedded-postgres.js'
import { SecretBoxError } from '../crypto/secret-box.js'
import { fromOvhError } from '../error-mapping.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'

export interface CliError { code: string, message: string, details?: ErrorDetails }

export function toCliError (err: unknown): CliError {
  const message = err instanceof Error ? err.message : String(err)
  if (isGatewayError(err)) return { code: err.code, message, details: err.details }
  const fromOvh = fromOvhError(err)
  if (fromOvh) return { code: fromOvh.code, message: fromOvh.message, details: fromOvh.details }
  if (err instanceof ConfigError || err instanceof EmbeddedPostgresMissingError) return { code: 'CONFIG', message }
  // Unknown options and missing values, from node:util's parseArgs.
  if (String((err as { code?: unknown } | null)?.code).startsWith('ERR_PARSE_ARGS_')) return { code: 'BAD_USER_INPUT', message }
  // A secret the configured master keys cannot open: GATEWAY_MASTER_KEY / GATEWAY_PREVIOUS_MASTER_KEY.
  if (err instanceof SecretBoxError) return { code: 'MASTER_KEY', message }
  if (isDatabaseUnavailable(err)) return { code: 'DATABASE_UNAVAILABLE', message: `the database cannot be reached: ${message}` }
  return { code: 'INTERNAL', message }
}
