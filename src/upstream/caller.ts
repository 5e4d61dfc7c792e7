// The authenticated caller of one request: who they are, what they may do, and the OVH client
// signed with their own consumer key. Services take a Caller; REST routes and GraphQL resolvers
// build one per request, so both transports share exactly the same rules.
import type { ApiKey, OvhCredential, Tenant, User } from '../generated/prisma/client.js'
import type { OvhCallRecord, OvhClient, OvhLogger } from '../ovh/index.js'
import { gatewayError } from '../errors.js'
import type { Stores } from '../tenancy/index.js'
import type { Scope } from '../tenancy/roles.js'
import type { OvhRegistry } from './registry.js'
import type { SharedCache } from './shared-cache.js'
import { withBudget } from './budgeted-client.js'
import type { ClientWithSpend } from './budgeted-client.js'
import { createRequestBudget } from './request-budget.js'
import type { RequestBudget } from './request-budget.js'
import type { MirrorReads } from '../mirror/reads-context.js'
import { refreshAfterWrite, writeTargets } from '../mirror/write-through.js'
import { guardForCustomers } from '../modules/customers/ovh-guard.js'

export interface Caller {
  requestId: string
  log: OvhLogger
  tenant: Tenant
  user: User
  apiKey: ApiKey
  scopes: readonly Scope[]
  /** What the request presented: the API key itself, or an access token made from it. */
  authenticatedBy: 'apiKey' | 'token'
  /**
   * The customers (ids) the caller is limited to, or null for the whole tenant. What a limited
   * caller may see is decided in src/modules/customers/scope.ts, and nowhere else.
   */
  customers: readonly string[] | null
  /** Throws FORBIDDEN unless the caller's role and key both allow `scope`. */
  require (scope: Scope): void
  /** The caller's current OVH credential, read once per request. */
  credential (): Promise<OvhCredential | null>
  /** The caller's credential if it can sign calls now; throws CREDENTIAL_* otherwise (as ovh() does). */
  usableCredential (): Promise<OvhCredential>
  /** The OVH client signed with the caller's consumer key; throws CREDENTIAL_* when there is none usable. */
  ovh (): Promise<OvhClient>
  /** Records a change the gateway made on its own side (not an OVH call) in the audit trail. */
  audit (operation: string, detail: Record<string, string | number | null>): void
  /** The portfolio mirror's read side, where the app has one (src/mirror/reads-context.ts). */
  mirror: MirrorReads | undefined
  /** Per-request memo for loaders and other request-scoped helpers. */
  memo<T> (key: string, create: () => T): T
  /** The gateway's data stores (tenancy, price rules, carts, idempotency records...). */
  stores: Stores
  /** OVH reference data shared by every caller of the process (extensions, catalogue...). */
  shared: SharedCache
  /**
   * Spends `count` calls of the consumer key's budget at once, before a fan-out starts, so a
   * request either fits whole or is refused with RATE_LIMITED before any call; the next `count`
   * calls of this request are then already paid for.
   */
  reserveUpstream (count: number): Promise<void>
  /**
   * Spends one call of the consumer key's budget for an HTTP attempt to OVH that the OVH client does
   * not make itself (a file behind one of OVH's links), or throws RATE_LIMITED; from what the
   * request reserved first.
   */
  spendUpstream (): Promise<void>
  /** The base URL of the tenant's OVH endpoint (the sandbox's when it is `sandbox`). */
  ovhBaseUrl (): string
  /**
   * Runs one fan-out whose cost is known up front (`count` calls: a loader's single reads) with a
   * client whose attempts spend a reservation of its own, taken at once before the first call: the
   * fan-out runs whole or is refused having made no call (RATE_LIMITED, or BAD_USER_INPUT when it
   * needs more than the whole budget). Its retries spend the budget as they come, never that
   * reservation; what it did not use goes back when it ends. Batch reads (`getBatch`) reserve their
   * chunks this way by themselves.
   */
  fanOut<T> (count: number, run: (client: OvhClient) => Promise<T>): Promise<T>
  /**
   * Gives back the reserved calls this request has not made: a reservation never outlives its
   * request (an order refused by its checks makes a few of the calls reserved for the whole order).
   */
  releaseUpstream (): Promise<void>
}

export interface CallerInput extends Pick<Caller, 'requestId' | 'log' | 'tenant' | 'user' | 'apiKey' | 'scopes'> {
  authenticatedBy?: Caller['authenticatedBy']
  customers?: readonly string[] | null
  stores: Stores
  registry: OvhRegistry
  mirror?: MirrorReads
  now?: () => Date
  // The gateway request (method and path, no query string), named in the audit of a denied one.
  httpRequest?: { method: string, url: string }
}

export function createCaller (input: CallerInput): Caller {
  const { stores, registry, tenant, user, apiKey, log } = input
  const now = input.now ?? (() => new Date())
  const memos = new Map<string, unknown>()
  let credentialPromise: Promise<OvhCredential | null> | undefined
  let clientPromise: Promise<OvhClient> | undefined
  // What this request spends of its consumer key's budget, once the key is known (resolveClient).
  let spending: { budget: RequestBudget, clientFor: ClientWithSpend } | undefined

  const customers = input.customers ?? null

  // An end customer cannot approve a consumer key at OVH (that takes the reseller's login): a
  // limited user without a key of their own signs with the key of the user the tenant designated
  // (docs/customers.md). The OVH guard below keeps them to their customers' domains.
  async function ownOrDesignated (): Promise<OvhCredential | null> {
    const own = await stores.credentials.current(user.id)
    if (own !== null || customers === null || tenant.customerKeyUserId === null) return own
    return await stores.credentials.current(tenant.customerKeyUserId)
  }

  const credential = (): Promise<OvhCredential | null> => {
    credentialPromise ??= ownOrDesignated()
    return credentialPromise
  }

  // Every upstream call that changes something is audited, and a consumer key OVH no longer
  // accepts is marked expired so the next request answers CREDENTIAL_EXPIRED without a round trip.
  const onCall = (current: OvhCredential) => (call: OvhCallRecord): void => {
    const errorCode = (call.error as { errorCode?: string } | undefined)?.errorCode
    if (errorCode === 'INVALID_CREDENTIAL' || errorCode === 'NOT_CREDENTIAL') {
      stores.credentials.setState(current, 'expired').catch(err => log.warn({ err }, 'could not mark the consumer key expired'))
    }
    if (call.method === 'GET') return
    // The mirror shows a write's effect right after it succeeded (src/mirror/write-through.ts).
    if (call.error === undefined && call.status >= 200 && call.status < 300) {
      refreshAfterWrite({ mirror: input.mirror, tenant, log, requestId: input.requestId, user }, current, writeTargets(call.apiPath))
    }
    stores.audit.record({
      tenantId: tenant.id,
      userId: user.id,
      apiKeyId: apiKey.id,
      requestId: input.requestId,
      operation: `ovh ${call.method} ${call.route}`,
      outcome: call.error ? 'error' : 'ok',
      ovhMethod: call.method,
      ovhRoute: call.route,
      ovhPath: call.apiPath,
      ovhStatus: call.status ?? undefined,
      ovhQueryId: call.queryId ?? undefined,
      durationMs: call.durationMs
    }, log)
  }

  async function usableCredential (): Promise<OvhCredential> {
    const current = await credential()
    if (!current) {
      throw gatewayError('CREDENTIAL_MISSING', 'you have no OVH consumer key yet: ask an admin to request one for you')
    }
    if (current.state === 'pendingValidation') {
      throw gatewayError('CREDENTIAL_PENDING', 'your OVH consumer key waits for validation', {
        ...(current.validationUrl ? { validationUrl: current.validationUrl } : {})
      })
    }
    if (current.state === 'validated' && current.expiresAt && current.expiresAt <= now()) {
      await stores.credentials.setState(current, 'expired')
      throw gatewayError('CREDENTIAL_EXPIRED', 'your OVH consumer key has expired: request a new one', { reason: 'expired' })
    }
    if (current.state !== 'validated') {
      throw gatewayError('CREDENTIAL_EXPIRED', `your OVH consumer key is ${current.state}: request a new one`, { reason: current.state })
    }
    return current
  }

  async function resolveClient (): Promise<OvhClient> {
    const current = await usableCredential()
    const app = stores.tenants.application(tenant)
    const key = { id: current.id, consumerKey: stores.credentials.consumerKey(current) }
    const budget = createRequestBudget(registry.budget, current.id)
    const clientFor: ClientWithSpend = spend => registry.userClient(app, key, { log, onCall: onCall(current), beforeAttempt: spend })
    spending = { budget, clientFor }
    return guarded(withBudget(clientFor, budget, budget.spend))
  }

  // Every client handed out goes through the customers' guard when the caller is limited.
  function guarded (client: OvhClient): OvhClient {
    return customers === null ? client : guardForCustomers(client, caller)
  }

  function ovh (): Promise<OvhClient> {
    clientPromise ??= resolveClient()
    return clientPromise
  }

  // The request's spending, once its client is resolved (it throws CREDENTIAL_* otherwise).
  async function spendingOf (): Promise<{ budget: RequestBudget, clientFor: ClientWithSpend }> {
    await ovh()
    return spending!
  }

  const caller: Caller = {
    requestId: input.requestId,
    log,
    tenant,
    user,
    apiKey,
    scopes: input.scopes,
    authenticatedBy: input.authenticatedBy ?? 'apiKey',
    customers,
    require (scope) {
      // Managing the tenant (users, keys, customers, webhooks, audit) is the reseller's: never a
      // customer's user's, whatever their role (docs/customers.md).
      if (scope === 'admin' && customers !== null) {
        stores.audit.record({ tenantId: tenant.id, userId: user.id, apiKeyId: apiKey.id, requestId: input.requestId, operation: 'permission.denied', outcome: 'denied', detail: { scope, reason: 'customer_limited', ...input.httpRequest } }, log)
        throw gatewayError('FORBIDDEN', 'users limited to customers cannot manage the tenant', { reason: 'customer_limited' })
      }
      if (!input.scopes.includes(scope)) {
        stores.audit.record({
          tenantId: tenant.id,
          userId: user.id,
          apiKeyId: apiKey.id,
          requestId: input.requestId,
          operation: 'permission.denied',
          outcome: 'denied',
          detail: { scope, ...input.httpRequest }
        }, log)
        throw gatewayError('FORBIDDEN', `this needs the "${scope}" permission, which your role or API key does not give`)
      }
    },
    credential,
    usableCredential,
    ovh,
    mirror: input.mirror,
    audit (operation, detail) {
      stores.audit.record({ tenantId: tenant.id, userId: user.id, apiKeyId: apiKey.id, requestId: input.requestId, operation, outcome: 'ok', detail }, log)
    },
    memo<T> (key: string, create: () => T): T {
      if (!memos.has(key)) memos.set(key, create())
      return memos.get(key) as T
    },
    stores,
    shared: registry.cache,
    async reserveUpstream (count) {
      await (await spendingOf()).budget.reserve(count)
    },
    async spendUpstream () {
      await (await spendingOf()).budget.spend(true)
    },
    ovhBaseUrl () {
      return registry.baseUrlOf(stores.tenants.application(tenant).endpoint)
    },
    async fanOut (count, run) {
      const { budget, clientFor } = await spendingOf()
      const lease = await budget.lease(count)
      try {
        return await run(guarded(withBudget(clientFor, budget, lease.spend)))
      } finally {
        await lease.end()
      }
    },
    async releaseUpstream () {
      // Nothing was reserved by a request whose client was never resolved.
      await spending?.budget.release()
    }
  }
  return caller
}
