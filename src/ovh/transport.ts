// One transport per OVH endpoint: the keep-alive connection pool, the shared server clock,
// and a factory of signed clients for each set of credentials.
import { Agent, type Dispatcher } from 'undici'
import { DEFAULT_BATCH_CONFIG, MAX_BATCH_CHUNK, type BatchConfig } from './batch.js'
import { executeCall, type CallDeps } from './call.js'
import { createOvhClient, type OvhClient, type OvhClientOptions, type OvhCredentials } from './client.js'
import { createServerClock, DEFAULT_CLOCK_REFRESH_MS, type ServerClock } from './clock.js'
import { resolveEndpoint } from './endpoints.js'
import { DEFAULT_CALL_LOG_LEVELS, silentLogger, type CallLogLevels, type Logger } from './logger.js'
import { DEFAULT_BACKOFF } from './retry.js'

export interface OvhTransportOptions {
  // 'ovh-eu', 'ovh-ca', 'ovh-us' or any http(s) base URL (the sandbox, a test server).
  baseUrl: string
  // Per HTTP attempt, from sending to the last byte of the answer. SDKs use 180 s; a
  // gateway answering interactive callers wants much less.
  timeoutMs?: number
  connectTimeoutMs?: number
  // Sockets per origin; about 60 req/min per consumer key is OVH's fair use, so a few suffice.
  connections?: number
  keepAliveTimeoutMs?: number
  clockRefreshMs?: number
  batch?: Partial<BatchConfig> & { enabled: boolean }
  retries?: number
  // Delay before the first retry and cap of any retry delay (Retry-After included).
  retryBaseMs?: number
  maxRetryDelayMs?: number
  // Bring your own dispatcher (tests, proxies); it is then not closed by close().
  dispatcher?: Dispatcher
  // Transport-level log (server-time syncs); clients default to it too.
  log?: Logger
  logLevels?: Partial<CallLogLevels>
}

export interface OvhTransport {
  baseUrl: string
  clock: ServerClock
  client (credentials: OvhCredentials, options?: OvhClientOptions): OvhClient
  close (): Promise<void>
  /**
   * Ends every call in flight at once (a shutdown past its grace delay): each fails as a
   * connection error, and so do later calls. Only the transport's own pool is destroyed.
   */
  abort (reason: Error): Promise<void>
}

export const TRANSPORT_DEFAULTS = {
  timeoutMs: 30_000,
  connectTimeoutMs: 5_000,
  connections: 16,
  keepAliveTimeoutMs: 10_000,
  retries: 2
} as const

function nonNegative (name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`OVH transport option ${name} must be a finite number >= 0`)
  return value
}

export function createOvhTransport (options: OvhTransportOptions): OvhTransport {
  const baseUrl = resolveEndpoint(options.baseUrl)
  const origin = new URL(baseUrl).origin
  const timeoutMs = nonNegative('timeoutMs', options.timeoutMs ?? TRANSPORT_DEFAULTS.timeoutMs)
  const connectTimeoutMs = nonNegative('connectTimeoutMs', options.connectTimeoutMs ?? TRANSPORT_DEFAULTS.connectTimeoutMs)
  const retries = nonNegative('retries', options.retries ?? TRANSPORT_DEFAULTS.retries)
  const log = options.log ?? silentLogger
  const logLevels = { ...DEFAULT_CALL_LOG_LEVELS, ...options.logLevels }

  const ownDispatcher = options.dispatcher === undefined
  let aborted = false
  const dispatcher = options.dispatcher ?? new Agent({
    connections: options.connections ?? TRANSPORT_DEFAULTS.connections,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? TRANSPORT_DEFAULTS.keepAliveTimeoutMs,
    connectTimeout: connectTimeoutMs,
    // The per-attempt AbortSignal is the real deadline; these stop a stalled socket early too.
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs
  })

  const deps: CallDeps = {
    dispatcher,
    origin,
    basePath: baseUrl.slice(origin.length),
    timeoutMs,
    retries,
    backoff: {
      baseMs: options.retryBaseMs ?? DEFAULT_BACKOFF.baseMs,
      maxMs: options.maxRetryDelayMs ?? DEFAULT_BACKOFF.maxMs
    }
  }

  const clock = createServerClock({
    refreshMs: options.clockRefreshMs ?? DEFAULT_CLOCK_REFRESH_MS,
    log,
    // GET /auth/time is unauthenticated and answers a bare JSON integer (docs 2.4).
    fetchServerTime: async () => {
      const answer = await executeCall(deps, {
        method: 'GET',
        route: '/auth/time',
        path: '/auth/time',
        query: '',
        idempotent: true
      }, { log, logLevels })
      if (typeof answer.value !== 'number') throw new TypeError('OVH GET /auth/time did not answer a number')
      return answer.value
    }
  })

  const batch: BatchConfig = {
    ...DEFAULT_BATCH_CONFIG,
    ...options.batch,
    chunkSize: Math.min(options.batch?.chunkSize ?? MAX_BATCH_CHUNK, MAX_BATCH_CHUNK)
  }

  return {
    baseUrl,
    clock,
    client (credentials, clientOptions) {
      return createOvhClient({ ...deps, clock, batch, log, logLevels }, credentials, clientOptions)
    },
    async close () {
      if (ownDispatcher && !aborted) await dispatcher.close()
    },
    async abort (reason) {
      if (!ownDispatcher || aborted) return
      aborted = true
      await dispatcher.destroy(reason)
    }
  }
}
