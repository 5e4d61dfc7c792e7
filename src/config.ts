// The gateway's configuration: parsed once from environment variables with zod, then passed in.
// Without DATABASE_URL the gateway runs in zero-configuration mode (embedded PostgreSQL, sandbox).
import { z } from 'zod'
import { resolveEndpoint } from './ovh/endpoints.js'
import { MAX_EXTRA_DOMAINS } from './sandbox/constants.js'
import { resolveSecretFiles } from './secret-env-files.js'

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform(value => ['true', '1', 'yes', 'on'].includes(value))

const masterKey = z.string().refine(value => decodeMasterKey(value) !== null, {
  message: 'must be 32 bytes, written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)'
})

/** ovh-eu, ovh-ca, ovh-us, an http(s) URL, or `sandbox` (the sandbox mounted in this process). */
export function isValidOvhEndpoint (value: string): boolean {
  if (value === 'sandbox') return true
  try {
    resolveEndpoint(value)
    return true
  } catch {
    return false
  }
}

// The samplers of the OpenTelemetry spec that the SDK builds without extra packages (no jaeger_remote).
export const TRACES_SAMPLERS = ['always_on', 'always_off', 'traceidratio', 'parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio'] as const
export type TracesSampler = typeof TRACES_SAMPLERS[number]

const ovhEndpoint = z.string().refine(isValidOvhEndpoint, { message: 'must be ovh-eu, ovh-ca, ovh-us, sandbox or an http(s) URL' })

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  GATEWAY_MASTER_KEY: masterKey.optional(),
  // Accepted for decryption only, so instances keep working while a rotation rolls out.
  GATEWAY_PREVIOUS_MASTER_KEY: masterKey.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SANDBOX: booleanFlag.optional(),
  // Generated domains added to the sandbox's demo account (portfolios of 10,000 or 100,000 domains).
  SANDBOX_EXTRA_DOMAINS: z.coerce.number().int().min(0).max(MAX_EXTRA_DOMAINS).default(0),
  GRAPHIQL: booleanFlag.optional(),
  OVH_ENDPOINT: ovhEndpoint.optional(),
  OVH_APPLICATION_KEY: z.string().min(1).optional(),
  OVH_APPLICATION_SECRET: z.string().min(1).optional(),
  OVH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  OVH_BATCH: booleanFlag.default(true),
  // How long an API key's owner and a user's consumer key are served from memory (ms); 0 = never.
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(5_000),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  // Access tokens (POST /v1/tokens): their audience (`aud`), issuer (`iss`, default PUBLIC_URL) and
  // longest lifetime; 15 minutes at most.
  TOKEN_AUDIENCE: z.string().min(1).max(200).default('ovh-reseller-gateway'),
  TOKEN_ISSUER: z.string().min(1).max(200).optional(),
  TOKEN_MAX_TTL_SECONDS: z.coerce.number().int().min(60).max(900).default(900),
  // Requests the gateway accepts per minute, per API key (its tokens included) and per tenant;
  // 0 turns a limit off. Shared through REDIS_URL when it is set. The per-key default lets one
  // storefront key make 100 requests a second (PRODUCT.md targets).
  RATE_LIMIT_PER_KEY: z.coerce.number().int().min(0).max(1_000_000).default(6_000),
  RATE_LIMIT_PER_TENANT: z.coerce.number().int().min(0).max(10_000_000).default(12_000),
  // Browser origins allowed to call the API from any tenant (comma-separated scheme://host[:port]);
  // each tenant's admins add their own (PUT /v1/cors-origins).
  CORS_ORIGINS: z.string().optional().transform(value => value === undefined ? [] : value.split(',').map(origin => origin.trim()).filter(Boolean))
    .refine(list => list.every(isOrigin), { message: 'must be a comma-separated list of origins such as https://shop.example (scheme, host and port only)' }),
  // OVH's fair use is about 60 calls a minute per consumer key; 0 turns the gateway's budget off.
  OVH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).default(60),
  // Shares that budget between the gateway's instances; without it, each process keeps its own.
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TRUST_PROXY: booleanFlag.default(false),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
  GRAPHQL_MAX_FIELDS: z.coerce.number().int().min(10).max(10_000).default(500),
  // Lexical tokens of a GraphQL document, counted while it is parsed (graphql-js stops at the
  // limit): what bounds the work of validating it. GraphiQL's schema query is about 180.
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(200).max(100_000).default(1000),
  // A query's estimated cost (graphql/cost.ts): an OVH call weighs 10 per item, a database or
  // mirror read 1, and lists multiply what is beneath them by their size.
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(100_000_000).default(5000),
  // Automatic persisted queries kept (least recently used dropped first); 0 turns them off.
  GRAPHQL_PERSISTED_QUERIES: z.coerce.number().int().min(0).max(100_000).default(1000),
  // Prometheus metrics at GET /metrics; on a port of their own when METRICS_PORT is set.
  METRICS: booleanFlag.default(true),
  METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  // OpenTelemetry's own variables (https://opentelemetry.io/docs/specs/otel/configuration/sdk-environment-variables/):
  // traces are exported over OTLP/HTTP when an endpoint is given, and not even recorded otherwise.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('ovh-reseller-gateway'),
  OTEL_SDK_DISABLED: booleanFlag.default(false),
  OTEL_TRACES_SAMPLER: z.enum(TRACES_SAMPLERS).default('parentbased_always_on'),
  // The ratio of the *traceidratio samplers (the spec's default is 1).
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
  // Webhook URLs may resolve to private and loopback addresses (on in zero-config mode).
  WEBHOOK_ALLOW_PRIVATE: booleanFlag.optional(),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  // Deliveries run beside the other jobs, on workers of their own: slow receivers never hold the sync.
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(16),
  // graphile-worker's backoff (about e^n s, capped near 6 h): 14 attempts span about a day and a half.
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(25).default(14),
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().min(0.01).max(720).default(72),
  // Reads answered from the portfolio mirror (PostgreSQL) when it holds the object; off = every read live.
  MIRROR_READS: booleanFlag.default(true),
  // Past this age a mirrored object is still answered, and a refresh is queued (stale-while-revalidate).
  MIRROR_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(2_592_000).default(300),
  // Background jobs (the mirror's sync): run in this process, or only in `npm run worker` processes.
  WORKERS: z.enum(['inline', 'off']).default('inline'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // The share of a sync key's budget (OVH_RATE_LIMIT_PER_MINUTE) the mirror's sync may spend.
  MIRROR_SYNC_BUDGET_SHARE: z.coerce.number().gt(0).max(1).default(0.9),
  // Seconds between two list diffs (new and removed domains) and two reads of tasks and orders.
  MIRROR_LIST_INTERVAL: z.coerce.number().int().min(10).max(86_400).default(300),
  MIRROR_ACTIVITY_INTERVAL: z.coerce.number().int().min(10).max(86_400).default(120),
  // Seconds after which a domain's details are read again by reconciliation (oldest first).
  MIRROR_DETAIL_MAX_AGE: z.coerce.number().int().min(10).max(30 * 86_400).default(3_600)
})

// Checks between variables, run on the raw environment so that they are reported together with
// every other problem (zod skips refinements of an object whose fields failed).
function crossVariableIssues (env: Record<string, string>, options: LoadOptions): string[] {
  const issues: string[] = []
  if (env.DATABASE_URL && !env.GATEWAY_MASTER_KEY && options.masterKey !== 'optional') issues.push('GATEWAY_MASTER_KEY: is required when DATABASE_URL is set')
  // The `sandbox` endpoint is the sandbox mounted in this process: without it, every call to it
  // would fail and /health/ready answer 503 for ever.
  if (env.OVH_ENDPOINT === 'sandbox' && !sandboxMounted(env)) {
    issues.push('OVH_ENDPOINT: `sandbox` needs the sandbox mounted in this process (SANDBOX=true); give ovh-eu, ovh-ca, ovh-us or the URL of a standalone sandbox')
  }
  // Without the sandbox in this process the number would silently do nothing.
  if (env.SANDBOX_EXTRA_DOMAINS !== undefined && env.SANDBOX_EXTRA_DOMAINS !== '0' && !sandboxMounted(env)) {
    issues.push('SANDBOX_EXTRA_DOMAINS: needs the sandbox mounted in this process (SANDBOX=true); a standalone sandbox (`npm run sandbox`) takes it in its own environment')
  }
  if (Boolean(env.OVH_APPLICATION_KEY) !== Boolean(env.OVH_APPLICATION_SECRET)) {
    const missing = env.OVH_APPLICATION_KEY ? 'OVH_APPLICATION_SECRET' : 'OVH_APPLICATION_KEY'
    issues.push(`${missing}: is required with the other OVH_APPLICATION_* variable`)
  }
  return issues
}

// SANDBOX as given (an invalid value is reported by the schema), else on in zero-config mode only.
function sandboxMounted (env: Record<string, string>): boolean {
  const parsed = booleanFlag.safeParse(env.SANDBOX)
  return parsed.success ? parsed.data : !env.DATABASE_URL
}

export type Mode = 'zero-config' | 'production'

export interface Config {
  mode: Mode
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  masterKey: Buffer | undefined
  previousMasterKey: Buffer | undefined
  logLevel: string
  sandbox: boolean
  // Generated domains on the in-process sandbox's demo account.
  sandboxExtraDomains: number
  graphiql: boolean
  publicUrl: string | undefined
  trustProxy: boolean
  ovh: {
    endpoint: string
    applicationKey: string | undefined
    applicationSecret: string | undefined
    timeoutMs: number
    batch: boolean
    rateLimitPerMinute: number
  }
  redisUrl: string | undefined
  graphql: { maxDepth: number, maxFields: number, maxTokens: number, maxCost: number, persistedQueries: number }
  authCacheTtlMs: number
  // Event-loop delay above which requests are shed (OVERLOADED); 0: never.
  maxEventLoopDelayMs: number
  tokens: { audience: string, issuer: string, maxTtlSeconds: number }
  // Incoming requests per minute; 0 = no limit.
  rateLimits: { perKey: number, perTenant: number }
  cors: { origins: string[] }
  // port: served there only (not on the gateway's port) when set
  metrics: { enabled: boolean, port: number | undefined }
  tracing: TracingConfig
  webhooks: { allowPrivate: boolean, timeoutMs: number, maxAttempts: number, disableAfterHours: number }
  // concurrency: the sync's and other jobs' workers; webhookConcurrency: the deliveries' own.
  workers: { mode: 'inline' | 'off', concurrency: number, webhookConcurrency: number }
  mirror: MirrorConfig
}

// OpenTelemetry traces; `enabled` is false (and nothing else is used) without an OTLP endpoint.
export interface TracingConfig {
  enabled: boolean
  // The full URL spans are posted to (…/v1/traces).
  tracesUrl: string | undefined
  serviceName: string
  sampler: TracesSampler
  samplerRatio: number
}

// OTEL_EXPORTER_OTLP_ENDPOINT is a base URL the signal's path is appended to; the per-signal
// variable is used as given (the spec's rule).
function tracesUrl (base: string | undefined, traces: string | undefined): string | undefined {
  if (traces !== undefined) return traces
  if (base === undefined) return undefined
  return `${base.replace(/\/+$/, '')}/v1/traces`
}

// The reads' settings (MIRROR_READS, MIRROR_MAX_AGE_SECONDS) and the sync's.
export interface MirrorConfig extends MirrorSyncConfig {
  reads: boolean
  maxAgeSeconds: number
}

export interface MirrorSyncConfig {
  syncBudgetShare: number
  listIntervalMs: number
  activityIntervalMs: number
  detailMaxAgeMs: number
}

export class ConfigError extends Error {
  // The CLI's and the logs' code for every configuration refusal.
  readonly code = 'CONFIG'
  readonly issues: string[]
  constructor (issues: string[]) {
    super(`Invalid configuration:\n${issues.map(issue => `  - ${issue}`).join('\n')}`)
    this.name = 'ConfigError'
    this.issues = issues
  }
}

export interface LoadOptions {
  // `optional` for work that opens no secret (the CLI's database commands: migrations need only
  // DATABASE_URL). A key given is still checked.
  masterKey?: 'required' | 'optional'
}

export function loadConfig (env: Record<string, string | undefined> = process.env, options: LoadOptions = {}): Config {
  // Empty variables count as unset, as docker-compose and shells often pass them that way.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== '')) as Record<string, string>
  // DATABASE_URL_FILE and the like: a missing file is reported with the rest, not as a missing X.
  const { env: present, issues: fileIssues, unread } = resolveSecretFiles(given)
  const parsed = EnvSchema.safeParse(present)
  const issues = [
    ...fileIssues,
    ...(parsed.success ? [] : parsed.error.issues.map(issue => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    // A variable whose file failed counts as given here (these checks look at presence only), so
    // that its failure is not reported a second time as a missing variable.
    ...crossVariableIssues({ ...Object.fromEntries(unread.map(variable => [variable, 'unread'])), ...present }, options)
  ]
  if (!parsed.success || issues.length > 0) throw new ConfigError(issues)
  const e = parsed.data
  const mode: Mode = e.DATABASE_URL ? 'production' : 'zero-config'
  const zeroConfig = mode === 'zero-config'
  const sandbox = e.SANDBOX ?? zeroConfig
  return {
    mode,
    port: e.PORT,
    // Zero-configuration mode prints a working API key: keep it on loopback unless asked otherwise.
    host: e.HOST ?? (zeroConfig ? '127.0.0.1' : '0.0.0.0'),
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    masterKey: e.GATEWAY_MASTER_KEY ? decodeMasterKey(e.GATEWAY_MASTER_KEY) ?? undefined : undefined,
    previousMasterKey: e.GATEWAY_PREVIOUS_MASTER_KEY ? decodeMasterKey(e.GATEWAY_PREVIOUS_MASTER_KEY) ?? undefined : undefined,
    logLevel: e.LOG_LEVEL,
    sandbox,
    sandboxExtraDomains: e.SANDBOX_EXTRA_DOMAINS,
    graphiql: e.GRAPHIQL ?? zeroConfig,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY,
    ovh: {
      // The in-process sandbox by default only where it is mounted, i.e. zero-config mode unless
      // SANDBOX=false turned it off.
      endpoint: e.OVH_ENDPOINT ?? (zeroConfig && sandbox ? 'sandbox' : 'ovh-eu'),
      applicationKey: e.OVH_APPLICATION_KEY,
      applicationSecret: e.OVH_APPLICATION_SECRET,
      timeoutMs: e.OVH_TIMEOUT_MS,
      batch: e.OVH_BATCH,
      rateLimitPerMinute: e.OVH_RATE_LIMIT_PER_MINUTE
    },
    redisUrl: e.REDIS_URL,
    graphql: { maxDepth: e.GRAPHQL_MAX_DEPTH, maxFields: e.GRAPHQL_MAX_FIELDS, maxTokens: e.GRAPHQL_MAX_TOKENS, maxCost: e.GRAPHQL_MAX_COST, persistedQueries: e.GRAPHQL_PERSISTED_QUERIES },
    authCacheTtlMs: e.AUTH_CACHE_TTL_MS,
    maxEventLoopDelayMs: e.MAX_EVENT_LOOP_DELAY_MS,
    rateLimits: { perKey: e.RATE_LIMIT_PER_KEY, perTenant: e.RATE_LIMIT_PER_TENANT },
    cors: { origins: e.CORS_ORIGINS.map(origin => new URL(origin).origin) },
    tokens: {
      audience: e.TOKEN_AUDIENCE,
      issuer: e.TOKEN_ISSUER ?? e.PUBLIC_URL?.replace(/\/+$/, '') ?? 'ovh-reseller-gateway',
      maxTtlSeconds: e.TOKEN_MAX_TTL_SECONDS
    },
    metrics: { enabled: e.METRICS, port: e.METRICS_PORT },
    tracing: tracingConfig(e),
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE ?? zeroConfig,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
      disableAfterHours: e.WEBHOOK_DISABLE_AFTER_HOURS
    },
    workers: { mode: e.WORKERS, concurrency: e.WORKER_CONCURRENCY, webhookConcurrency: e.WEBHOOK_CONCURRENCY },
    mirror: {
      reads: e.MIRROR_READS,
      maxAgeSeconds: e.MIRROR_MAX_AGE_SECONDS,
      syncBudgetShare: e.MIRROR_SYNC_BUDGET_SHARE,
      listIntervalMs: e.MIRROR_LIST_INTERVAL * 1000,
      activityIntervalMs: e.MIRROR_ACTIVITY_INTERVAL * 1000,
      detailMaxAgeMs: e.MIRROR_DETAIL_MAX_AGE * 1000
    }
  }
}

function tracingConfig (e: z.infer<typeof EnvSchema>): TracingConfig {
  const url = tracesUrl(e.OTEL_EXPORTER_OTLP_ENDPOINT, e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
  return {
    enabled: url !== undefined && !e.OTEL_SDK_DISABLED,
    tracesUrl: url,
    serviceName: e.OTEL_SERVICE_NAME,
    sampler: e.OTEL_TRACES_SAMPLER,
    samplerRatio: e.OTEL_TRACES_SAMPLER_ARG ?? 1
  }
}

/** An origin as browsers send it: http(s), a host, maybe a port; no path, query or credentials. */
export function isOrigin (value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value.replace(/\/$/, '').toLowerCase()
  } catch {
    return false
  }
}

export function decodeMasterKey (value: string): Buffer | null {
  const trimmed = value.trim()
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex')
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64')
    if (bytes.length === 32) return bytes
  }
  return null
}
