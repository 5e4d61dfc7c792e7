// The signed OVH client used by the gateway's services: one per set of credentials.
// @see docs/OVH-API.md 2 (signing), 2.5 (which calls are signed), 3 (errors)
import { executeCall, type CallDeps, type CallHooks, type CallSpec, type OvhAttempt } from './call.js'
import { plannedBatchCalls, readBatch, type BatchConfig, type BatchResult } from './batch.js'
import type { ServerClock } from './clock.js'
import { isInvalidSignature, isTimestampError } from './errors.js'
import { DEFAULT_CALL_LOG_LEVELS, type CallLogLevels, type Logger, type OvhCallRecord } from './logger.js'
import { signRequest } from './signature.js'
import { buildQuery, expandRoute, routePlaceholders, serializeBody, type PathParams, type Query } from './url.js'

export interface OvhCredentials {
  applicationKey: string
  applicationSecret: string
  // Required for signed calls; absent while a user has not obtained one yet (POST /auth/credential).
  consumerKey?: string
}

export interface OvhClientOptions {
  log?: Logger
  onCall?: (call: OvhCallRecord) => void
  logLevels?: Partial<CallLogLevels>
  // Awaited before every HTTP attempt this client makes: first attempts, retries, the repeat after
  // a clock resync, each batch chunk and each single read a batch falls back to. A call budget
  // plugs in here; what the hook throws fails the call before the attempt is made. The server-time
  // reads (GET /auth/time) are the transport's, unsigned and shared by every client: not seen here.
  beforeAttempt?: (attempt: OvhAttempt) => void | Promise<void>
}

export const OVH_METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const
export type OvhMethod = typeof OVH_METHODS[number]

export interface OvhRequestOptions {
  params?: PathParams
  query?: Query
  body?: unknown
  // Defaults to false only for the routes OVH serves unauthenticated to every caller.
  auth?: boolean
  signal?: AbortSignal
  // Defaults to true for GET only; set it for a call you know can safely be repeated.
  idempotent?: boolean
}

export type OvhReadOptions = Omit<OvhRequestOptions, 'body'>

export interface OvhClient {
  request<T = unknown> (method: OvhMethod, route: string, opts?: OvhRequestOptions): Promise<T>
  get<T = unknown> (route: string, opts?: OvhReadOptions): Promise<T>
  post<T = unknown> (route: string, opts?: OvhRequestOptions): Promise<T>
  put<T = unknown> (route: string, opts?: OvhRequestOptions): Promise<T>
  delete<T = unknown> (route: string, opts?: OvhReadOptions): Promise<T>
  // Reads one resource per id; the route's last placeholder receives the ids (docs 15b).
  getBatch<T = unknown> (route: string, ids: readonly string[], opts?: OvhReadOptions): Promise<BatchResult<T>>
  // The HTTP calls getBatch makes for these ids when OVH answers each of them (no retry, no single
  // read to fall back to): what a budget can reserve before the first one.
  batchCalls (route: string, ids: readonly string[]): number
}

export interface ClientDeps extends CallDeps {
  clock: ServerClock
  batch: BatchConfig
  log: Logger
  logLevels?: Partial<CallLogLevels>
}

// Decided on the method and route template, never on a substring: node-ovh's
// path.indexOf('/auth') check leaves /auth/currentCredential unsigned (docs 2.5).
const UNAUTHENTICATED_ROUTES = new Set(['GET /auth/time', 'POST /auth/credential'])

export function isUnauthenticatedRoute (method: string, route: string): boolean {
  return UNAUTHENTICATED_ROUTES.has(`${method.toUpperCase()} ${route}`)
}

export function createOvhClient (deps: ClientDeps, credentials: OvhCredentials, options: OvhClientOptions = {}): OvhClient {
  if (typeof credentials?.applicationKey !== 'string' || credentials.applicationKey === '') {
    throw new TypeError('OVH credentials need an applicationKey')
  }
  if (typeof credentials.applicationSecret !== 'string' || credentials.applicationSecret === '') {
    throw new TypeError('OVH credentials need an applicationSecret')
  }
  // Copied so a caller mutating its object later cannot change who signs; kept in this closure only.
  const { applicationKey, applicationSecret, consumerKey } = credentials
  const log = options.log ?? deps.log
  const logLevels = { ...DEFAULT_CALL_LOG_LEVELS, ...deps.logLevels, ...options.logLevels }

  function hooksFor (method: string, signed: boolean, body: string): CallHooks {
    const hooks: CallHooks = { log, logLevels, onCall: options.onCall, beforeAttempt: options.beforeAttempt }
    if (!signed) {
      hooks.authenticate = async () => ({ headers: { 'x-ovh-application': applicationKey }, secrets: [applicationSecret, consumerKey ?? ''] })
      return hooks
    }
    const ck = consumerKey as string
    let usedGeneration = 0
    hooks.authenticate = async url => {
      // Server time, read per attempt: a retry after a resync must carry the new timestamp.
      const timestamp = await deps.clock.timestamp()
      usedGeneration = deps.clock.generation
      const signature = signRequest({ applicationSecret, consumerKey: ck, method, url, body, timestamp })
      return {
        headers: {
          'x-ovh-application': applicationKey,
          'x-ovh-consumer': ck,
          'x-ovh-timestamp': String(timestamp),
          'x-ovh-signature': signature
        },
        secrets: [applicationSecret, ck, signature]
      }
    }
    let resynced = false
    hooks.recover = async err => {
      // QUERY_TIME_OUT means OVH rejected the call before doing anything: resync and repeat
      // it, once per request, so a clock that stays wrong cannot loop.
      if (isTimestampError(err) && !resynced) {
        resynced = true
        return await resyncClock(usedGeneration)
      }
      // INVALID_SIGNATURE has other causes (bad secret, wrong body type, docs 2.3) and is not
      // repeated, but a stale offset is refreshed in the background for the next calls.
      if (isInvalidSignature(err) && deps.clock.isStale()) resyncClock().catch(() => {})
      return false
    }
    return hooks
  }

  async function resyncClock (ifGeneration?: number): Promise<boolean> {
    try {
      await deps.clock.resync({ ifGeneration })
      return true
    } catch (err) {
      log.warn({ err }, 'OVH server time resync failed')
      return false
    }
  }

  interface Prepared {
    method: OvhMethod
    signed: boolean
    spec: Omit<CallSpec, 'path'>
  }

  function prepare (rawMethod: string, route: string, opts: OvhRequestOptions): Prepared {
    const method = String(rawMethod).toUpperCase() as OvhMethod
    if (!OVH_METHODS.includes(method)) throw new TypeError(`Unsupported OVH method "${rawMethod}"`)
    if (opts.body !== undefined && (method === 'GET' || method === 'DELETE')) {
      // OVH SDKs never send a body on GET/DELETE; parameters belong in the query string.
      throw new TypeError(`OVH ${method} ${route} cannot carry a body; use query parameters`)
    }
    const signed = opts.auth ?? !isUnauthenticatedRoute(method, route)
    if (signed && (typeof consumerKey !== 'string' || consumerKey === '')) {
      throw new TypeError(`OVH ${method} ${route} is signed and needs a consumer key; these credentials have none`)
    }
    return {
      method,
      signed,
      spec: {
        method,
        route,
        query: buildQuery(opts.query),
        body: serializeBody(opts.body),
        idempotent: opts.idempotent ?? method === 'GET',
        signal: opts.signal
      }
    }
  }

  async function run (prepared: Prepared, path: string, extra: Partial<CallSpec> = {}): Promise<unknown> {
    const spec: CallSpec = { ...prepared.spec, path, ...extra }
    const answer = await executeCall(deps, spec, hooksFor(prepared.method, prepared.signed, spec.body ?? ''))
    return answer.value
  }

  async function request<T> (method: OvhMethod, route: string, opts: OvhRequestOptions = {}): Promise<T> {
    const prepared = prepare(method, route, opts)
    return await run(prepared, expandRoute(route, opts.params)) as T
  }

  // The placeholder receiving the ids, and whether OVH can batch it: on the last path segment only;
  // any other route is read id by id.
  function idParamOf (route: string): { idParam: string, canBatch: boolean } {
    const placeholders = routePlaceholders(route)
    const idParam = placeholders[placeholders.length - 1]
    if (idParam === undefined) throw new TypeError(`OVH batch route needs a placeholder for the ids: ${route}`)
    return { idParam, canBatch: route.endsWith(`/{${idParam}}`) }
  }

  async function getBatch<T> (route: string, ids: readonly string[], opts: OvhReadOptions = {}): Promise<BatchResult<T>> {
    const { idParam, canBatch } = idParamOf(route)
    const prepared = prepare('GET', route, opts)
    return await readBatch<T>({
      route,
      ids,
      config: deps.batch,
      log,
      signal: opts.signal,
      canBatch,
      readOne: async (id, signal, fallback) => await run(
        { ...prepared, spec: { ...prepared.spec, signal } },
        expandRoute(route, { ...opts.params, [idParam]: id }),
        fallback ? { fallback } : {}
      ) as T,
      readMany: async (chunk, signal) => await run(
        { ...prepared, spec: { ...prepared.spec, signal } },
        // Each id is encoded, the separating commas stay raw, and that exact text is signed (docs 15b).
        expandRoute(route, opts.params, { [idParam]: chunk.map(id => encodeURIComponent(id)).join(',') }),
        { headers: { 'x-ovh-batch': ',' }, batch: chunk.length }
      )
    })
  }

  return {
    request,
    get: async <T>(route: string, opts?: OvhReadOptions) => await request<T>('GET', route, opts),
    post: async <T>(route: string, opts?: OvhRequestOptions) => await request<T>('POST', route, opts),
    put: async <T>(route: string, opts?: OvhRequestOptions) => await request<T>('PUT', route, opts),
    delete: async <T>(route: string, opts?: OvhReadOptions) => await request<T>('DELETE', route, opts),
    getBatch,
    batchCalls: (route, ids) => plannedBatchCalls(ids, idParamOf(route).canBatch, deps.batch)
  }
}
