// One open order per domain and tenant (issue 11: 20 concurrent orders of one domain with 20 keys
// made 20 paid orders). An order that may order a domain holds it first (DomainHold, under its
// idempotency key); a second order of a domain an open order holds is a CONFLICT naming that order,
// unless the caller says it means it (allowDuplicate). Taking a hold is one insert on the table's
// primary key, so it is race-free across requests and gateway instances sharing the database.
// A hold is released:
// - when its attempt is refused before ordering (an early step failed, OVH refused the checkout);
// - when the next order of the domain finds it over, from OVH's order state: the order delivered,
//   cancelled, or unpaid past its expiry; the order gone from the account; or, for a holder that
//   died without an order id, its cart still there and not checked out (nothing was ordered), or
//   gone for longer than a cart lives with no order of its domains since. So a crash never blocks a
//   domain for good; a holder whose order OVH may have made and does not list yet keeps it.
// Renewals (renewals/service.ts) hold their domains the same way; their order comes from no cart,
// so a renewal whose answer was lost is found among the orders since it began by its domains.
import { setTimeout as sleep } from 'node:timers/promises'
import { gatewayError, isGatewayError } from '../../errors.js'
import type { GatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { checkoutOutcome } from './checkout-recovery.js'
import type { DomainHold } from './domain-hold-store.js'
import { AmbiguousOutcome, OutcomeNotYetKnown, keyLockName } from './idempotency.js'
import type { Progress, RunContext } from './idempotency.js'
import { AnyProgressSchema } from './progress.js'
import type { AnyProgress } from './progress.js'
import { findOrderFor, orderStatus, requireOrder } from './orders.js'
import { ovhScope, sameScope } from './ovh-scope.js'

export type HoldingOperation = 'checkout' | 'orderDomain' | 'tradeDomain' | 'renewDomains' | 'restoreDomain'

export interface HoldRequest {
  domains: string[]
  operation: HoldingOperation
  // The caller means a second order of a domain an open order holds.
  allowDuplicate: boolean
}

// How long an order waits for a holder still placing its order to get its order id (to name it).
const WAIT_MS = 20_000
const POLL_MS = 200
// OVH's order statuses after which an order holds its domain no more (billing.order.OrderStatusEnum).
const CLOSED_STATUSES: readonly string[] = ['delivered', 'cancelled', 'cancelling']
// A cart gone for longer than a cart lives (a day at OVH) and no order of its domains since the
// checkout began: OVH lists an order within minutes, so none was made.
const CART_LIFETIME_MS = 24 * 3_600_000

type Judgement =
  | { state: 'free' }
  // Its order is being placed by a live request: no order id yet.
  | { state: 'placing' }
  | { state: 'open', orderId: number | null, status: string | null, why: string }

const orderIdIn = (value: unknown): number | null => typeof value === 'number' && Number.isSafeInteger(value) ? value : null

// The order a holder's idempotency key recorded: its progress (one-shot orders) or its answer (a checkout).
function recordedOrderId (record: { progress: unknown, response: unknown } | null): number | null {
  if (record === null) return null
  return orderIdIn(AnyProgressSchema.parse(record.progress ?? {}).orderId) ?? orderIdIn((record.response as Progress | null)?.orderId)
}

/** Whether the attempt reached the checkout (a refused checkout clears its mark). */
export function orderingBegan (progress: AnyProgress): boolean {
  return typeof progress.orderId === 'number' || typeof progress.startedAt === 'string' || typeof progress.checkoutStartedAt === 'string' ||
    typeof progress.renewStartedAt === 'string'
}

// A renewal holder's order (no cart): the order since it began whose lines are its domains.
async function renewalOfIdleHolder (caller: Caller, hold: DomainHold, progress: AnyProgress, startedAt: string): Promise<number | Judgement> {
  const domains = progress.domains ?? [hold.domain]
  let found
  try {
    found = await findOrderFor(caller, '', domains, new Date(startedAt))
  } catch (err) {
    if (!(err instanceof OutcomeNotYetKnown)) throw err
    return { state: 'open', orderId: null, status: null, why: `its renewal may have been ordered and OVH does not list it (yet): ${err.message}` }
  }
  if (found !== null) {
    await caller.stores.domainHolds.setOrder(caller.tenant.id, hold.key, found.order.orderId)
    return found.order.orderId
  }
  if (Date.now() - Date.parse(startedAt) > CART_LIFETIME_MS) return released(caller, hold)
  return { state: 'open', orderId: null, status: null, why: 'its renewal was sent and no order of the domain is listed yet' }
}

async function released (caller: Caller, hold: DomainHold): Promise<Judgement> {
  // Gone or changed meanwhile (a new holder, an order id given): judged again by the caller.
  await caller.stores.domainHolds.releaseIfUnchanged(hold)
  return { state: 'free' }
}

// What an order of a holder that is not running (finished, failed, unknown, or dead) did at OVH.
async function orderOfIdleHolder (caller: Caller, hold: DomainHold): Promise<number | Judgement> {
  const record = await caller.stores.idempotency.findByKey(caller.tenant.id, hold.key)
  const orderId = recordedOrderId(record)
  if (orderId !== null) return orderId
  const progress = AnyProgressSchema.parse(record?.progress ?? {})
  if (record !== null && typeof progress.renewStartedAt === 'string') return renewalOfIdleHolder(caller, hold, progress, progress.renewStartedAt)
  const startedAt = progress.checkoutStartedAt ?? progress.startedAt
  if (record === null || typeof startedAt !== 'string' || typeof progress.cartId !== 'string') return released(caller, hold)
  const domains = progress.domains ?? [hold.domain]
  let outcome
  try {
    outcome = await checkoutOutcome(caller, progress.cartId, new Date(startedAt), domains)
  } catch (err) {
    if (!(err instanceof OutcomeNotYetKnown)) throw err
    return { state: 'open', orderId: null, status: null, why: `its order may have been made and OVH does not list it (yet): ${err.message}` }
  }
  if (outcome.state === 'notCheckedOut') return released(caller, hold)
  if (outcome.state === 'cartGone') {
    if (Date.now() - Date.parse(startedAt) > CART_LIFETIME_MS) return released(caller, hold)
    return { state: 'open', orderId: null, status: null, why: `its cart ${progress.cartId} is gone and no order of the domain is listed yet` }
  }
  const found = orderIdIn(outcome.order.orderId)
  if (found === null) return released(caller, hold)
  await caller.stores.domainHolds.setOrder(caller.tenant.id, hold.key, found)
  return found
}

/** Whether `hold` (another key's) still holds its domain, judged from OVH's order state. */
async function judge (caller: Caller, hold: DomainHold): Promise<Judgement> {
  if (!sameScope(await ovhScope(caller), hold)) {
    return { state: 'open', orderId: hold.orderId === null ? null : Number(hold.orderId), status: null, why: `it was ordered in another OVH account (${hold.ovhAccount}), which alone can tell when it is over` }
  }
  let orderId = hold.orderId === null ? null : Number(hold.orderId)
  if (orderId === null) {
    // The holder's key lock: held, its request is placing the order now; taken, nobody can run the
    // key while its attempt is judged.
    const locks = caller.stores.sessionLocks
    const lease = locks === null ? null : await locks.tryTake(keyLockName(caller.tenant.id, hold.key))
    if (locks !== null && lease === null) return { state: 'placing' }
    try {
      const found = await orderOfIdleHolder(caller, hold)
      if (typeof found !== 'number') return found
      orderId = found
    } finally {
      await lease?.release()
    }
  }
  let status: string
  try {
    status = await orderStatus(caller, orderId)
  } catch (err) {
    // Not in the account (any more): it holds nothing.
    if (isGatewayError(err) && err.code === 'NOT_FOUND') return released(caller, hold)
    throw err
  }
  if (CLOSED_STATUSES.includes(status)) return released(caller, hold)
  if (status === 'notPaid') {
    // An unpaid order can no longer be paid after its expiry (OVH's expirationDate).
    const expires = (await requireOrder(caller, orderId)).expirationDate
    if (expires !== null && Date.parse(expires) <= Date.now()) return released(caller, hold)
  }
  return { state: 'open', orderId, status, why: `order ${orderId} is ${status}` }
}

function heldError (domain: string, hold: DomainHold, judgement: Judgement): GatewayError {
  const open = judgement.state === 'open' ? judgement : { orderId: null, status: null, why: 'its order is still being placed' }
  return gatewayError('CONFLICT', `${domain} is held by an open order of yours (${open.why}): order it again only if you mean to, with allowDuplicate: true`, {
    reason: 'DOMAIN_ORDER_OPEN',
    domain,
    orderId: open.orderId,
    orderStatus: open.status,
    heldSince: hold.createdAt.toISOString(),
    ...(judgement.state === 'placing' ? { retryAfter: 5 } : {})
  })
}

/**
 * Refuses early, before an order's checks and budget, a domain an open order holds; orders nothing
 * and holds nothing (holdDomains does, race-free, when the order runs).
 */
export async function checkDomainsFree (caller: Caller, key: string, domains: string[], allowDuplicate: boolean): Promise<void> {
  if (allowDuplicate) return
  for (const domain of domains) {
    const hold = await caller.stores.domainHolds.find(caller.tenant.id, domain)
    if (hold === null || hold.key === key) continue
    const judgement = await judge(caller, hold)
    if (judgement.state === 'open') throw heldError(domain, hold, judgement)
  }
}

/**
 * Holds `domains` for the key, each in turn (sorted, so two multi-domain checkouts cannot hold one
 * each of the other's). A domain another open order holds is a CONFLICT; one whose holder is still
 * placing its order is waited for (up to 20 s), so the CONFLICT names its order id. With
 * allowDuplicate, a held domain is ordered without a hold of its own.
 */
async function holdDomains (caller: Caller, key: string, request: HoldRequest): Promise<void> {
  const scope = await ovhScope(caller)
  const store = caller.stores.domainHolds
  for (const domain of [...new Set(request.domains)].sort()) {
    const until = Date.now() + WAIT_MS
    for (;;) {
      const { taken, holder } = await store.take({ tenantId: caller.tenant.id, domain, key, operation: request.operation, scope })
      if (taken || holder?.key === key) break
      if (holder === null) continue
      if (request.allowDuplicate) {
        caller.log.info({ domain, heldBy: holder.orderId?.toString() ?? null }, 'a second order of a held domain, as the caller asked (allowDuplicate)')
        break
      }
      const judgement = await judge(caller, holder)
      if (judgement.state === 'open' || Date.now() > until) throw heldError(domain, holder, judgement)
      if (judgement.state === 'placing') await sleep(POLL_MS)
    }
  }
}

/**
 * Runs an attempt's ordering steps (`order`) with its domains held. When the attempt is refused
 * before OVH ordered (no checkout begun, or OVH refused it), what it holds is released; an order
 * made, or maybe made (a lost answer), keeps its domains held.
 */
export async function underHold<T> (caller: Caller, ctx: RunContext, request: HoldRequest, order: () => Promise<T>): Promise<T> {
  try {
    await holdDomains(caller, ctx.key, request)
    return await order()
  } catch (err) {
    if (!(err instanceof AmbiguousOutcome) && !(err instanceof OutcomeNotYetKnown) && !orderingBegan(ctx.progress)) {
      await caller.stores.domainHolds.releaseKey(caller.tenant.id, ctx.key).catch(releaseError => caller.log.warn({ err: releaseError, idempotencyKey: ctx.key }, 'the domains of a refused order could not be released; the next order of them judges them from OVH'))
    }
    throw err
  }
}

/** The key's order is known: holds name it from now on. */
export async function recordHeldOrder (caller: Caller, ctx: RunContext, orderId: number): Promise<void> {
  await caller.stores.domainHolds.setOrder(caller.tenant.id, ctx.key, orderId)
}
