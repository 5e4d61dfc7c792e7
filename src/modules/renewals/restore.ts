// Restore from redemption: a domain past its expiry and its grace period (pending_delete at OVH)
// can still be brought back, for a fee and a year of renewal, through the cart service option of
// the domain (GET/POST /order/cartServiceOption/domain/{serviceName}, family `restore`; the
// /order/cart/{cartId}/domainRestore route is deprecated). Whether it is possible and its resale
// price first (restoreOffer), then the order once per idempotency key, paid as orderDomain pays;
// OVH then runs a DomainRestore task. A domain not in redemption is refused before any order.
// @see docs/OVH-API.md 5.3, 11
import { gatewayError, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { pricer } from '../catalog/pricing.js'
import type { ResalePrice } from '../catalog/schemas.js'
import { domainReads } from '../domains/reads.js'
import { onCart } from '../orders/cart-reads.js'
import { underHold } from '../orders/domain-holds.js'
import { checkIdempotencyKey } from '../orders/idempotency.js'
import type { RunContext } from '../orders/idempotency.js'
import { runOneShotOrder } from '../orders/one-shot-order.js'
import type { OrderSteps } from '../orders/order-budget.js'
import type { PlacedOrder } from '../orders/order-domain.js'
import { freshCart, payPlacedOrder, placeCheckout, placedOrderId } from '../orders/order-flow.js'
import { tldResolver } from '../orders/order-prices.js'
import { checkPayment, checkPaymentMethod } from '../orders/payments.js'
import type { PaymentInput } from '../orders/payments.js'
import { RestoreProgressSchema } from '../orders/progress.js'
import type { RestorePlan, RestoreProgress } from '../orders/progress.js'
import type { OvhCartItem } from '../orders/schemas.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { invalidInput } from '../shared/validate.js'

// The states OVH restores from: in redemption.
const RESTORABLE_STATES = new Set(['pending_delete', 'restorable'])

interface OptionPricing { duration: string, price: { currencyCode: string, text: string, value: number }, pricingMode: string }
interface OptionDefinition { family: string, planCode: string, prices: OptionPricing[] }

export interface RestoreOffer {
  domain: string
  state: string
  restorable: boolean
  // Why it cannot be restored (null when it can).
  reason: string | null
  planCode: string | null
  pricingMode: string | null
  // The renewal a restore includes (P1Y).
  duration: string | null
  price: ResalePrice | null
}

/** Whether a domain can be restored from redemption, and at what resale price. */
export async function restoreOffer (caller: Caller, name: string): Promise<RestoreOffer> {
  caller.require('read')
  const domain = normalizeDomainName(name, 'domain')
  const details = await domainReads(caller).domain.load(domain)
  if (details === null) throw notFound(`domain ${domain}`)
  const none = { domain, state: details.state, restorable: false, planCode: null, pricingMode: null, duration: null, price: null }
  // Known without asking OVH: only a domain in redemption is restored (an expired one is renewed).
  if (!RESTORABLE_STATES.has(details.state)) {
    return { ...none, reason: details.state === 'expired' ? 'the domain is expired, not in redemption: renew it instead' : `only a domain in redemption can be restored; it is ${details.state}` }
  }
  const client = await caller.ovh()
  const options = await client.get<OptionDefinition[]>('/order/cartServiceOption/domain/{serviceName}', { params: { serviceName: domain } })
  const restore = options.find(option => option.family === 'restore')
  const pricing = restore?.prices[0]
  if (restore === undefined || pricing === undefined) return { ...none, reason: 'OVH offers no restore for this domain now' }
  const [prices, tldOf] = await Promise.all([pricer(caller), tldResolver(caller)])
  return {
    domain,
    state: details.state,
    restorable: true,
    reason: null,
    planCode: restore.planCode,
    pricingMode: pricing.pricingMode,
    duration: pricing.duration,
    price: prices.resale(tldOf(domain, restore.planCode.replace(/-restore$/, '')), pricing.price)
  }
}

export interface RestoreInput {
  domain: string
  payment?: PaymentInput | null
  allowDuplicate?: boolean | null
}

function checkInput (raw: RestoreInput) {
  const domain = normalizeDomainName(raw.domain, 'domain')
  const errors: FieldError[] = []
  const payment = checkPayment(raw.payment, 'payment.', errors)
  if (errors.length > 0) throw invalidInput('restore', errors)
  return { domain, payment }
}

type CheckedRestore = ReturnType<typeof checkInput>

async function planRestore (caller: Caller, input: CheckedRestore): Promise<RestorePlan> {
  const offer = await restoreOffer(caller, input.domain)
  if (!offer.restorable) throw gatewayError('CONFLICT', `${input.domain} cannot be restored: ${offer.reason ?? 'not offered'}`, { reason: 'DOMAIN_NOT_RESTORABLE', domain: input.domain, state: offer.state })
  return { planCode: offer.planCode, pricingMode: offer.pricingMode, duration: offer.duration }
}

// Upstream calls (orders/order-budget.ts): the check reads the domain and the restore option; the
// order is a cart, assign, the option and the checkout.
const steps = (input: CheckedRestore): OrderSteps => ({ check: 2, place: 4, createsContact: false, readsOffer: false, payment: input.payment })

async function place (caller: Caller, input: CheckedRestore, ctx: RunContext<RestoreProgress>, checked: RestorePlan | undefined, allowDuplicate: boolean): Promise<PlacedOrder> {
  const plan = ctx.progress.plan ?? checked ?? await planRestore(caller, input)
  if (ctx.progress.plan === undefined) await ctx.save({ plan })
  const placedNow = typeof ctx.progress.orderId !== 'number'
  if (placedNow) {
    if (checked === undefined) await checkPaymentMethod(caller, input.payment, 'payment.paymentMethodId')
    await underHold(caller, ctx, { domains: [input.domain], operation: 'restoreDomain', allowDuplicate }, async () => {
      const cartId = await freshCart(caller, ctx)
      const client = await caller.ovh()
      await onCart(cartId, () => client.post<OvhCartItem>('/order/cartServiceOption/domain/{serviceName}', {
        params: { serviceName: input.domain },
        body: { cartId, planCode: plan.planCode, pricingMode: plan.pricingMode, duration: plan.duration, quantity: 1 }
      }))
      await placeCheckout(caller, ctx, cartId)
    })
  }
  const orderId = placedOrderId(ctx.progress)
  await payPlacedOrder(caller, orderId, Number(ctx.progress.total ?? 1), input.payment, { placedNow })
  return { orderId, domain: input.domain, action: 'restore', cartId: String(ctx.progress.cartId), contactId: null }
}

/** Restores a domain from redemption, once per idempotency key. */
export async function restoreDomain (caller: Caller, raw: RestoreInput, idempotencyKey: string | null | undefined): Promise<PlacedOrder & { replayed: boolean }> {
  caller.require('write')
  const key = checkIdempotencyKey(idempotencyKey)
  const input = checkInput(raw)
  const allowDuplicate = raw.allowDuplicate === true
  return await runOneShotOrder<RestorePlan, RestoreProgress>(caller, {
    operation: 'restoreDomain',
    key,
    input,
    allowDuplicate,
    steps: steps(input),
    progress: RestoreProgressSchema,
    check: () => planRestore(caller, input),
    place: (ctx, plan) => place(caller, input, ctx, plan, allowDuplicate)
  })
}
