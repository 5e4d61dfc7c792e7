// The authenticated caller of one request: who they are and what they may do, holding three
// collaborators: the OVH client signed with their own consumer key (upstream-client.ts), their
// share of that key's call budget (caller-budget.ts) and their audit trail (audit-trail.ts).
// Services take a Caller; REST routes (request.caller) and GraphQL resolvers (context.caller) get
// one per request, so both transports share exactly the same rules. The methods that reach a
// collaborator (ovh(), reserveUpstream(), audit()...) stay as shorthands for their callers.
import type { ApiKey, OvhCredential, Tenant, User } from '../generated/prisma/client.js'
import type { OvhCallRecord, OvhClient, OvhLogger } from '../ovh/index.js'
import { gatewayError } from '../errors.js'
import type { Stores } from '../tenancy/index.js'
import type { Scope } from '../tenancy/roles.js'
import type { OvhRegistry } from './registry.js'
import type { SharedCache } from './shared-cache.js'
import { createAuditTrail } from './audit-trail.js'
import type { AuditTrail } from './audit-trail.js'
import { createCallerBudget } from './caller-budget.js'
import type { CallerBudget } from './caller-budget.js'
import { createUpstreamClient } from './upstream-client.js'
import type { UpstreamClient } from './upstream-client.js'
import type { MirrorReads } from '../mirror/reads-context.js'

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
  /** The OVH side: credential, signed client, endpoint (upstream-client.ts). */
  upstream: UpstreamClient
  /** The request's share of its consumer key's call budget (caller-budget.ts). */
  budget: CallerBudget
  /** What the caller did, for the audit trail (audit-trail.ts). */
  trail: AuditTrail
  /** Throws FORBIDDEN unless the caller's role and key both allow `scope`. */
  require (scope: Scope): void
  /** upstream.credential(): the caller's current OVH credential, read once per request. */
  credential (): Promise<OvhCredential | null>
  /** upstream.usableCredential(): the credential if it can sign calls now; throws CREDENTIAL_* otherwise. */
  usableCredential (): Promise<OvhCredential>
  /** upstream.client(): the OVH client signed with the caller's consumer key; throws CREDENTIAL_* when there is none usable. */
  ovh (): Promise<OvhClient>
  /** trail.record(): records a change the gateway made on its own side (not an OVH call). */
  audit (operation: string, detail: Record<string, string | number | null>): void
  /** The portfolio mirror's read side, where the app has one (src/mirror/reads-context.ts). */
  mirror: MirrorReads | undefined
  /** Per-request memo for loaders and other request-scoped helpers. */
  memo<T> (key: string, create: () => T): T
  /** The gateway's data stores (tenancy, price rules, carts, idempotency records...). */
  stores: Stores
  /** OVH reference data shared by every caller of the process (extensions, catalogue...). */
  shared: SharedCache
  /** budget.reserve(): spends `count` calls of the consumer key's budget at once, before a fan-out. */
  reserveUpstream (count: number): Promise<void>
  /** budget.spend(): spends one call for an attempt the OVH client does not make itself. */
  spendUpstream (): Promise<void>
  /** upstream.baseUrl(): the base URL of the tenant's OVH endpoint (the sandbox's when it is `sandbox`). */
  ovhBaseUrl (): string
  /** budget.fanOut(): runs one fan-out of a known cost with a reservation of its own. */
  fanOut<T> (count: number, run: (client: OvhClient) => Promise<T>): Promise<T>
  /** budget.release(): gives back the reserved calls this request has not made. */
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
  // Wraps every OVH client handed out to a caller limited to customers (the customers' OVH guard).
  guardForCustomers: (client: OvhClient, caller: Caller) => OvhClient
  // After an OVH call that changed something succeeded (the mirror's write-through).
  afterWrite: (caller: Caller, credential: OvhCredential, call: OvhCallRecord) => void
}

export function createCaller (input: CallerInput): Caller {
  const { stores, registry, tenant, user, apiKey, log } = input
  const memos = new Map<string, unknown>()
  const customers = input.customers ?? null

  const trail = createAuditTrail({ audit: stores.audit, requestId: input.requestId, log, tenant, user, apiKey, httpRequest: input.httpRequest })
  // Every client handed out goes through the customers' guard when the caller is limited.
  const guard = (client: OvhClient): OvhClient => customers === null ? client : input.guardForCustomers(client, caller)
  const upstream = createUpstreamClient({
    stores,
    registry,
    tenant,
    user,
    customers,
    log,
    now: input.now ?? (() => new Date()),
    trail,
    guard,
    afterWrite: (credential, call) => input.afterWrite(caller, credential, call)
  })
  const budget = createCallerBudget(upstream, guard)

  const caller: Caller = {
    requestId: input.requestId,
    log,
    tenant,
    user,
    apiKey,
    scopes: input.scopes,
    authenticatedBy: input.authenticatedBy ?? 'apiKey',
    customers,
    upstream,
    budget,
    trail,
    require (scope) {
      // Managing the tenant (users, keys, customers, webhooks, audit) is the reseller's: never a
      // customer's user's, whatever their role (docs/customers.md).
      if (scope === 'admin' && customers !== null) {
        trail.denied({ scope, reason: 'customer_limited' })
        throw gatewayError('FORBIDDEN', 'users limited to customers cannot manage the tenant', { reason: 'customer_limited' })
      }
      if (!input.scopes.includes(scope)) {
        trail.denied({ scope })
        throw gatewayError('FORBIDDEN', `this needs the "${scope}" permission, which your role or API key does not give`)
      }
    },
    credential: upstream.credential,
    usableCredential: upstream.usableCredential,
    ovh: upstream.client,
    mirror: input.mirror,
    audit: trail.record,
    memo<T> (key: string, create: () => T): T {
      if (!memos.has(key)) memos.set(key, create())
      return memos.get(key) as T
    },
    stores,
    shared: registry.cache,
    reserveUpstream: budget.reserve,
    spendUpstream: budget.spend,
    ovhBaseUrl: upstream.baseUrl,
    fanOut: (count, run) => budget.fanOut(count, run),
    releaseUpstream: budget.release
  }
  return caller
}
