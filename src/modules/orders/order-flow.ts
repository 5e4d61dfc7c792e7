// The steps one-shot orders share (orderDomain, tradeDomain): owner contact, a fresh assigned cart,
// configuration, checkout once, payment. Each step records what OVH gave in the idempotency
// record's progress, so a retry resumes where the last attempt stopped instead of starting over.
import { badUserInput, gatewayError, isGatewayError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeError } from '../../error-mapping.js'
import { createOwnerContact, getOwnerContact } from '../contacts/service.js'
import type { OwnerContact, OwnerContactInput } from '../contacts/schemas.js'
import { compact } from '../rules/service.js'
import type { RuleData } from '../rules/schemas.js'
import { checkRuleData } from '../rules/service.js'
import type { RuleAction } from '../rules/schemas.js'
import type { FieldError } from '../../errors.js'
import { checkoutAttempt } from './checkout.js'
import { recoverCheckout } from './checkout-recovery.js'
import { recordHeldOrder } from './domain-holds.js'
import { afterOrdering } from './idempotency.js'
import type { RunContext } from './idempotency.js'
import type { PlacementProgress } from './progress.js'
import { orderStatus } from './orders.js'
import { ovhScope } from './ovh-scope.js'
import { checkPaymentMethod, payWith } from './payments.js'
import type { CheckedPayment } from './payments.js'
import type { OvhCart } from './schemas.js'

export interface OwnerChoice {
  contactId?: number | string | null
  contact?: OwnerContactInput | null
}

// Errors of the rule check, on the order's own input paths: the owner's under owner.contact (the
// data of the owner, given inline or stored) or on `owner` when OVH builds the owner from the
// account's NIC; the admin's and tech's on adminAccount / techAccount (a NIC handle in the input);
// the conditions and the auth code on their flags.
export function orderFieldOf (field: string, options: { ownerFromAccount?: boolean } = {}): string {
  if (field.startsWith('owner.')) return options.ownerFromAccount === true ? 'owner' : `owner.contact.${field.slice('owner.'.length)}`
  if (field.startsWith('adminAccount.')) return 'adminAccount'
  if (field.startsWith('techAccount.')) return 'techAccount'
  if (field === 'extras.acceptCondition') return 'acceptConditions'
  if (field === 'extras.authInfo' || field === 'domain.authInfo') return 'authInfo'
  return field
}

// An error moved onto a coarser path keeps the data field it is about in its message.
function orderErrorOf (error: FieldError, options: { ownerFromAccount?: boolean }): FieldError {
  const field = orderFieldOf(error.field, options)
  if (field === error.field || field.startsWith('owner.contact.') || field === 'acceptConditions' || field === 'authInfo') return { field, message: error.message }
  const about = field === 'owner' ? "the owner OVH builds from your account's NIC (GET /me)" : `the ${field === 'adminAccount' ? 'admin' : 'tech'} NIC (your account's own when not given)`
  return { field, message: `${about}, ${error.field.slice(error.field.indexOf('.') + 1)}: ${error.message}` }
}

/** The owner's data for a rule check: the stored contact, the inline one, or none (OVH's default). */
export async function ownerData (caller: Caller, owner: OwnerChoice | null | undefined): Promise<Record<string, unknown> | undefined> {
  if (owner?.contactId != null) {
    const stored = await getOwnerContact(caller, owner.contactId)
    if (stored === null) throw badUserInput(`owner contact ${owner.contactId} does not exist`, [{ field: 'owner.contactId', message: 'no such owner contact on the account' }])
    const { id, ...fields } = stored as OwnerContact & Record<string, unknown>
    return fields
  }
  return owner?.contact == null ? undefined : owner.contact as Record<string, unknown>
}

/** Checks the order's data against the rules of `action` on `domain`: field errors, nothing created. */
export async function checkOrderRules (caller: Caller, action: RuleAction, domain: string, data: RuleData | Record<string, unknown>, options: { ownerFromAccount?: boolean } = {}): Promise<void> {
  const check = await checkRuleData(caller, { action, domain }, compact(data) as Record<string, unknown>)
  if (check.valid) return
  const fields: FieldError[] = check.errors.map(error => orderErrorOf(error, options))
  throw badUserInput(`the order of ${domain} does not respect its eligibility rules`, fields)
}

/** The owner contact id to configure: given, created by an earlier attempt, or created now. */
export async function ownerContactId (caller: Caller, ctx: RunContext<PlacementProgress>, owner: OwnerChoice | null | undefined): Promise<number | null> {
  if (owner?.contactId != null) return Number(owner.contactId)
  if (typeof ctx.progress.contactId === 'number') return ctx.progress.contactId
  if (owner?.contact == null) return null
  const contact = await createOwnerContact(caller, owner.contact)
  await ctx.save({ contactId: contact.id })
  return contact.id
}

/** A new cart assigned to the caller's account; a cart left by a failed attempt is deleted. */
export async function freshCart (caller: Caller, ctx: RunContext<PlacementProgress>): Promise<string> {
  const client = await caller.ovh()
  const scope = await ovhScope(caller)
  const previous = ctx.progress.cartId
  if (typeof previous === 'string') {
    // Not checked out (recover() looked): deleting it keeps the account's carts tidy. Its checkout
    // mark goes first: left on a deleted cart (the new cart refused, say), it would make every
    // retry find the cart gone, take the order for maybe made and keep the key unknown for good.
    await ctx.save({ checkoutStartedAt: null })
    await client.delete('/order/cart/{cartId}', { params: { cartId: previous } }).catch(() => {})
    await caller.stores.carts.remove(scope.endpoint, previous)
  }
  const cart = await client.post<OvhCart>('/order/cart', { body: { ovhSubsidiary: caller.tenant.ovhSubsidiary, description: 'ovh-reseller-gateway order' } })
  await caller.stores.carts.add(scope, caller.tenant.id, caller.user.id, cart.cartId, cart.expire ? new Date(cart.expire) : new Date(Date.now() + 86_400_000))
  await ctx.save({ cartId: cart.cartId, checkoutStartedAt: null })
  await client.post('/order/cart/{cartId}/assign', { params: { cartId: cart.cartId } })
  return cart.cartId
}

export async function configureItem (caller: Caller, cartId: string, itemId: number, configurations: Array<[string, string | null | undefined]>): Promise<void> {
  const client = await caller.ovh()
  for (const [label, value] of configurations) {
    if (value === null || value === undefined) continue
    await client.post('/order/cart/{cartId}/item/{itemId}/configuration', { params: { cartId, itemId }, body: { label, value } })
  }
}

/** Checks the cart out once; the order id is saved before anything else can fail. */
export async function placeCheckout (caller: Caller, ctx: RunContext<PlacementProgress>, cartId: string): Promise<{ orderId: number, total: number }> {
  const order = await checkoutAttempt(caller, ctx, cartId, { autoPayWithPreferredPaymentMethod: false, waiveRetractationPeriod: true }, 'checkoutStartedAt')
  const orderId = order.orderId
  if (orderId === null) throw gatewayError('UPSTREAM_UNAVAILABLE', 'OVH checked the cart out without an order id')
  // OVH ordered: if recording it fails, the key stays `unknown` and a retry finds the order.
  await afterOrdering(() => ctx.save({ orderId, total: order.prices.withTax.value }))
  return { orderId, total: order.prices.withTax.value }
}

/**
 * Before any retry: the order OVH made from the last attempt's cart, saved if found, so the
 * attempt resumes at the payment. `domains` are what the attempt ordered: they find the order when
 * OVH purged the cart meanwhile. Only a cart still there and not checked out lets the attempt start
 * over with a new cart: a checked-out cart whose order OVH does not list yet, or a cart gone with
 * no order of its domains, throws OutcomeNotYetKnown (never a new cart, never a second order).
 */
export async function recoverPlacement (caller: Caller, ctx: RunContext<PlacementProgress>, domains: string[]): Promise<null> {
  const { cartId, checkoutStartedAt, orderId } = ctx.progress
  if (typeof orderId === 'number' || typeof cartId !== 'string' || typeof checkoutStartedAt !== 'string') return null
  const found = await recoverCheckout(caller, cartId, new Date(checkoutStartedAt), domains)
  if (found?.orderId != null) {
    await ctx.save({ orderId: found.orderId, total: found.prices.withTax.value })
    await recordHeldOrder(caller, ctx, found.orderId)
  }
  return null
}

/** The order id the placement recorded: every flow pays and answers it once placed. */
export function placedOrderId (progress: { orderId?: number }): number {
  /* c8 ignore next - placeCheckout and recoverPlacement record the id before a flow reads it */
  if (progress.orderId === undefined) throw new Error('the order is placed but its id was not recorded')
  return progress.orderId
}

/**
 * Pays the order: with the payment given, the default payment method, or fidelity points for a
 * free order. An order this attempt just checked out (without autoPay) waits for its payment and
 * its payment method was checked before the checkout; one a retry found may have been paid since
 * (a lost payment answer, payOrder), so its status is read first. A refused payment keeps the
 * order (and says so): pay it with payOrder, or retry with the same key and another payment.
 */
export async function payPlacedOrder (caller: Caller, orderId: number, total: number, payment: CheckedPayment, options: { placedNow: boolean }): Promise<void> {
  if (!options.placedNow && await orderStatus(caller, orderId) !== 'notPaid') return
  const given = payment.paymentMethodId !== undefined || payment.paymentMean !== undefined
  const input: CheckedPayment = given ? payment : total === 0 ? { paymentMean: 'fidelityAccount' } : {}
  try {
    if (!options.placedNow) await checkPaymentMethod(caller, input, 'payment.paymentMethodId')
    // The payment call only: a read after it that failed would say "not paid" of a paid order.
    await payWith(caller, orderId, input)
  } catch (err) {
    const coded = isGatewayError(err) ? err : normalizeError(err)
    throw gatewayError(coded.code, `order ${orderId} was placed but not paid: ${coded.message}`, { ...coded.details, orderId, paid: false }, coded.statusCode)
  }
}
