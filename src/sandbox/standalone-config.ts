// The environment of `npm run sandbox` (standalone.ts), checked once with zod as the gateway checks
// its own (src/config.ts): a mistyped value stops the start with a message that names it, instead
// of being ignored.
import { z } from 'zod'
import { MAX_EXTRA_DOMAINS } from './constants.js'
import type { SeedKind } from './seed/accounts.js'

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3001),
  HOST: z.string().min(1).default('127.0.0.1'),
  // A JSON snapshot: loaded at start if present, written after changes and on exit.
  SANDBOX_STATE: z.string().min(1).optional(),
  SANDBOX_SEED: z.enum(['demo', 'empty']).default('demo'),
  SANDBOX_EXTRA_DOMAINS: z.coerce.number().int().min(0).max(MAX_EXTRA_DOMAINS).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn')
})

export interface StandaloneConfig {
  port: number
  host: string
  persistPath: string | undefined
  seed: SeedKind
  extraDomains: number
  logLevel: string
}

export class StandaloneConfigError extends Error {
  readonly issues: string[]

  constructor (issues: string[]) {
    super(`Invalid sandbox configuration:\n${issues.map(issue => `  - ${issue}`).join('\n')}`)
    this.name = 'StandaloneConfigError'
    this.issues = issues
  }
}

export function loadStandaloneConfig (env: Record<string, string | undefined> = process.env): StandaloneConfig {
  // Empty variables count as unset, as in the gateway's configuration.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''))
  const parsed = EnvSchema.safeParse(present)
  if (!parsed.success) throw new StandaloneConfigError(parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`))
  const e = parsed.data
  return { port: e.PORT, host: e.HOST, persistPath: e.SANDBOX_STATE, seed: e.SANDBOX_SEED, extraDomains: e.SANDBOX_EXTRA_DOMAINS, logLevel: e.LOG_LEVEL }
}
