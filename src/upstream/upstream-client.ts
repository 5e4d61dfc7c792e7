// The OVH side of one caller: their consumer key (their own, or for a customer's user the one the
// tenant designated), the OVH client signed with it, whose calls are audited and spend the key's
// budget, and the tenant's OVH endpoint. One of the collaborators a Caller holds (caller.ts).
import type { OvhCredential, Tenant, User } from '../generated/prisma/client.js'
import type { OvhCallRecord, OvhClient, OvhLogger } from '../ovh/index.js'
import { gatewayError } from '../errors.js'
import type { Stores } from '../tenancy/index.js'
import type { AuditTrail } from './audit-trail.js'
import { withBudget } from './budgeted-client.js'
import type { ClientWithSpend } from './budgeted-client.js'
import type { OvhRegistry } from './registry.js'
import { createRequestBudget } from './request-budget.js'
import type { RequestBudget } from './request-budget.js'

/** What a request spends of its consumer key's budget, and clients whose attempts spend it. */
export interface Spending {
  budget: RequestBudget
  clientFor: ClientWithSpend
}

export interface UpstreamClient {
  /** The caller's current OVH credential, read once per request. */
  credential (): Promise<OvhCredential | null>
  /** The caller's credential if it can sign calls now; throws CREDENTIAL_* otherwise (as client() does). */
  usableCredential (): Promise<OvhCredential>
  /** The OVH client signed with the caller's consumer key; throws CREDENTIAL_* when there is none usable. */
  client (): Promise<OvhClient>
  /** The base URL of the tenant's OVH endpoint (the sandbox's when it is `sandbox`). */
  baseUrl (): string
  /** The request's spending, once its client is resolved (it throws CREDENTIAL_* otherwise). */
  spending (): Promise<Spending>
  /** The request's spending if its client was resolved, else undefined. */
  spendingIfResolved (): Spending | undefined
}

export interface UpstreamClientInput {
  stores: Stores
  registry: OvhRegistry
  tenant: Tenant
  user: User
  customers: readonly string[] | null
  log: OvhLogger
  now: () => Date
  trail: AuditTrail
  // After an OVH call that changed something succeeded (the mirror's write-through).
  afterWrite: (credential: OvhCredential, call: OvhCallRecord) => void
  // Wraps every client handed out (the customers' guard of a limited caller).
  guard: (client: OvhClient) => OvhClient
}

export function createUpstreamClient (input: UpstreamClientInput): UpstreamClient {
  const { stores, registry, tenant, user, customers, log, now, trail } = input
  let credentialPromise: Promise<OvhCredential | null> | undefined
  let clientPromise: Promise<OvhClient> | undefined
  // What this request spends of its consumer key's budget, once the key is known (resolveClient).
  let spending: Spending | undefined

  // An end customer cannot approve a consumer key at OVH (that takes the reseller's login): a
  // limited user without a key of their own signs with the key of the user the tenant designated
  // (docs/customers.md). The OVH guard keeps them to their customers' domains.
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
    if (call.error === undefined && call.status >= 200 && call.status < 300) input.afterWrite(current, call)
    trail.ovhCall(call)
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
    return input.guard(withBudget(clientFor, budget, budget.spend))
  }

  function client (): Promise<OvhClient> {
    clientPromise ??= resolveClient()
    return clientPromise
  }

  return {
    credential,
    usableCredential,
    client,
    baseUrl () {
      return registry.baseUrlOf(stores.tenants.application(tenant).endpoint)
    },
    async spending () {
      await client()
      return spending!
    },
    spendingIfResolved: () => spending
  }
}
