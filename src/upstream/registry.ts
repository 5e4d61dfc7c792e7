// One OVH transport (connection pool + server clock) per upstream base URL, shared by every
// tenant and user on that endpoint; clients bound to a user's consumer key are cheap views on it.
import { createOvhTransport, resolveEndpoint } from '../ovh/index.js'
import type { OvhAttempt, OvhCallRecord, OvhClient, OvhLogger, OvhTransport } from '../ovh/index.js'
import type { OvhApplication } from '../tenancy/tenants.js'
import { createRedisBudget } from './redis-rate-budget.js'
import { createProcessBudget } from './upstream-budget.js'
import type { UpstreamBudget } from './upstream-budget.js'
import { createSharedCache } from './shared-cache.js'

export interface RegistryOptions {
  timeoutMs: number
  batch: boolean
  // Base URL of the sandbox mounted in this process, once it listens (the `sandbox` endpoint).
  sandboxBaseUrl: () => string | undefined
  // OVH calls allowed per consumer key and minute (0: no budget).
  rateLimitPerMinute?: number
  // Shares that budget between the gateway's instances (REDIS_URL); without it, per process.
  redisUrl?: string
  // The process's logger: calls made outside a request (server-time syncs, readiness probes, the
  // CLI and the zero-config bootstrap) are logged there; a request's calls use its own logger.
  log?: OvhLogger
  // Sees every attempt made through the registry's clients and every budget refusal (/metrics).
  observer?: OvhObserver
}

export interface OvhObserver {
  call: (call: OvhCallRecord) => void
  // A consumer key's budget (kept by credential id) was spent from, or refused a call.
  spent: (credentialId: string) => void
  refused: (credentialId: string) => void
}

export interface ClientOptions {
  log?: OvhLogger
  onCall?: (call: OvhCallRecord) => void
}

export interface UserClientOptions extends ClientOptions {
  // Spends the key's budget before each attempt; by default one call of it, straight from the
  // budget (a request's Caller passes its own, which uses what the request reserved first).
  beforeAttempt?: (attempt: OvhAttempt) => Promise<void>
}

/** A user's consumer key, and the id its budget is kept under (the credential's). */
export interface ConsumerKey {
  id: string
  consumerKey: string
}

const silentLog = { info () {}, warn () {} }

export function createOvhRegistry (options: RegistryOptions) {
  const transports = new Map<string, OvhTransport>()
  const limit = options.rateLimitPerMinute ?? 0
  const store = options.redisUrl !== undefined && limit > 0
    ? createRedisBudget({ url: options.redisUrl, limit, log: options.log ?? silentLog })
    : createProcessBudget(limit)
  const budget = options.observer === undefined ? store : observedBudget(store, options.observer)
  const cache = createSharedCache()
  const observed = (clientOptions: ClientOptions): ClientOptions => {
    const observer = options.observer
    if (observer === undefined) return clientOptions
    const own = clientOptions.onCall
    return { ...clientOptions, onCall: call => { observer.call(call); own?.(call) } }
  }

  function baseUrlOf (endpoint: string): string {
    if (endpoint === 'sandbox') {
      const url = options.sandboxBaseUrl()
      if (!url) throw new Error('the "sandbox" OVH endpoint needs the sandbox to be mounted (SANDBOX=true)')
      return url
    }
    return resolveEndpoint(endpoint)
  }

  function transportFor (endpoint: string): OvhTransport {
    const baseUrl = baseUrlOf(endpoint)
    let transport = transports.get(baseUrl)
    if (!transport) {
      transport = createOvhTransport({ baseUrl, timeoutMs: options.timeoutMs, batch: { enabled: options.batch }, log: options.log })
      transports.set(baseUrl, transport)
    }
    return transport
  }

  return {
    baseUrlOf,
    transportFor,
    /** Upstream calls per consumer key (the Caller spends it). */
    budget,
    /** OVH reference data shared by every caller of this process. */
    cache,

    /** A client of the tenant's application without a consumer key (unsigned routes only). */
    applicationClient (app: OvhApplication, clientOptions: ClientOptions = {}): OvhClient {
      return transportFor(app.endpoint).client({ applicationKey: app.applicationKey, applicationSecret: app.applicationSecret }, observed(clientOptions))
    },

    /**
     * A client signed with a user's consumer key: every HTTP attempt it makes, retries included, is
     * counted against that key's budget before it is made.
     */
    userClient (app: OvhApplication, key: ConsumerKey, clientOptions: UserClientOptions = {}): OvhClient {
      const beforeAttempt = clientOptions.beforeAttempt ?? (async () => { await budget.take(key.id, 1) })
      return transportFor(app.endpoint).client(
        { applicationKey: app.applicationKey, applicationSecret: app.applicationSecret, consumerKey: key.consumerKey },
        { ...observed(clientOptions), beforeAttempt }
      )
    },

    /** Lets the calls in flight finish, then closes the connections. */
    async close (): Promise<void> {
      const all = [...transports.values()]
      transports.clear()
      await Promise.all([...all.map(transport => transport.close()), budget.close()])
    },

    /**
     * Ends every call still waiting on OVH at once (a shutdown past its grace delay): each fails as a
     * connection error, which callers answer as UPSTREAM_UNAVAILABLE. Later calls fail the same way.
     */
    async abort (): Promise<void> {
      await Promise.all([...transports.values()].map(transport => transport.abort(new Error('the gateway is shutting down'))))
    }
  }
}

export type OvhRegistry = ReturnType<typeof createOvhRegistry>

/** The budget, telling the observer who spends and who is refused (RATE_LIMITED, spending nothing). */
function observedBudget (budget: UpstreamBudget, observer: OvhObserver): UpstreamBudget {
  return {
    ...budget,
    async take (key, count) {
      try {
        const receipt = await budget.take(key, count)
        observer.spent(key)
        return receipt
      } catch (err) {
        if ((err as { code?: string }).code === 'RATE_LIMITED') observer.refused(key)
        throw err
      }
    }
  }
}
