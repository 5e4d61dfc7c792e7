// Renewal on demand through OVH's generic service API (docs/OVH-API.md 11): the periods a domain
// can be renewed for (GET /services/{serviceId}/renewPeriodCapacities) with the resale price of
// each (GET /service/{serviceId}/renew, the tenant's price rules applied by the one pricing
// function, as for registrations), and the renewal itself: one order for one or many domains
// (POST /service/{serviceId}/renew), paid as orderDomain pays, once per idempotency key. OVH then
// runs a DomainRenew task per domain, which moves the expiry forward.
// What the gateway can tell is refused before any order: a domain that is not on the account, one
// OVH offers no renewal for (in redemption: restore it instead), a period OVH does not offer.
import { badUserInput, gatewayError, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import { refreshAfterWrite } from '../../mirror/write-through.js'
import type { Caller } from '../../upstream/caller.js'
import { pricer } from '../catalog/pricing.js'
import type { ResalePrice } from '../catalog/schemas.js'
import { domainReads } from '../domains/reads.js'
import { checkDomainsFree, recordHeldOrder, underHold } from '../orders/domain-holds.js'
import { AmbiguousOutcome, OutcomeNotYetKnown, afterOrdering, checkIdempotencyKey, decisive, runIdempotent } from '../orders/idempotency.js'
import type { IdempotencyRecord } from '../orders/idempotency-store.js'
import type { RunContext } from '../orders/idempotency.js'
import { checkClientReference, recordClientReference } from '../orders/client-reference.js'
import { ANSWER_READS } from '../orders/order-budget.js'
import { payPlacedOrder, placedOrderId } from '../orders/order-flow.js'
import { RenewProgressSchema } from '../orders/progress.js'
import type { RenewPlan, RenewProgress } from '../orders/progress.js'
import { tldResolver } from '../orders/order-prices.js'
import { findOrderFor } from '../orders/orders.js'
import { checkPayment, checkPaymentMethod } from '../orders/payments.js'
import type { PaymentInput } from '../orders/payments.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { invalidInput } from '../shared/validate.js'

// How many domains one renewal order takes (one POST; each domain is checked first).
export const MAX_RENEWED_DOMAINS = 20
// States OVH renews from (domain.DomainStateEnum): an active domain, or an expired one in its
// renewal grace period. In redemption (pending_delete) a domain is restored instead.
const RENEWABLE_STATES = new Set(['ok', 'expired'])

interface OvhPrice { currencyCode: string, text: string, value: number }
interface RenewDescription { renewPeriod: string, strategies: Array<{ price: OvhPrice, services: number[] }> }
interface RenewOrder { orderId: number, url: string, priceWithTax: OvhPrice, priceWithoutTax: OvhPrice }

export interface RenewPeriod {
  // ISO 8601, as OVH spells it ('P1Y').
  duration: string
  // The same in years, as renewDomain takes it.
  years: number
  // The resale price (the tenant's rule for the TLD); null when OVH gave none for the period.
  price: ResalePrice | null
}

export interface RenewOffer {
  domain: string
  serviceId: number
  state: string
  expiration: string
  // Whether OVH renews it automatically (serviceInfos renew.automatic).
  automatic: boolean
  renewable: boolean
  // Why it cannot be renewed now (null when it can).
  reason: string | null
  periods: RenewPeriod[]
}

const yearsOf = (duration: string): number | null => {
  const match = /^P(\d{1,2})Y$/.exec(duration)
  return match === null ? null : Number(match[1])
}

function notRenewableReason (state: string): string {
  if (state === 'pending_delete' || state === 'restorable') return `the domain is in redemption (${state}): it can be restored, not renewed`
  return `OVH does not renew a domain while it is ${state}`
}

/** Whether and for how long a domain can be renewed, with the resale price of each period. */
export async function renewOffer (caller: Caller, name: string, field = 'domain'): Promise<RenewOffer> {
  caller.require('read')
  const domain = normalizeDomainName(name, field)
  const reads = domainReads(caller)
  const [details, infos] = await Promise.all([reads.domain.load(domain), reads.serviceInfos.load(domain)])
  if (details === null || infos === null) throw notFound(`domain ${domain}`)
  const base = { domain, serviceId: infos.serviceId, state: details.state, expiration: infos.expiration, automatic: infos.renew?.automatic ?? false }
  if (!RENEWABLE_STATES.has(details.state)) return { ...base, renewable: false, reason: notRenewableReason(details.state), periods: [] }
  const client = await caller.ovh()
  const [capacities, descriptions, prices, tldOf] = await Promise.all([
    client.get<string[]>('/services/{serviceId}/renewPeriodCapacities', { params: { serviceId: infos.serviceId } }),
    client.get<RenewDescription[]>('/service/{serviceId}/renew', { params: { serviceId: infos.serviceId }, query: { includeOptions: false } }),
    pricer(caller),
    tldResolver(caller)
  ])
  const tld = tldOf(domain)
  const periods = capacities.flatMap(duration => {
    const years = yearsOf(duration)
    if (years === null) return []
    const strategy = descriptions.find(description => description.renewPeriod === duration)?.strategies[0]
    return [{ duration, years, price: strategy === undefined ? null : prices.resale(tld, strategy.price) }]
  })
  return { ...base, renewable: periods.length > 0, reason: periods.length > 0 ? null : 'OVH offers no renewal period for this domain now', periods }
}

export interface RenewInput {
  domains: string[]
  // Years.
  duration: number
  payment?: PaymentInput | null
  // A renewal of a domain an open order of the tenant holds, on purpose (domain-holds.ts).
  allowDuplicate?: boolean | null
  // The tenant's own reference for the sale, stored with the order (orders/client-reference.ts).
  clientReference?: string | null
}

export interface PlacedRenewal {
  orderId: number
  domains: string[]
  duration: string
}

function checkInput (raw: RenewInput) {
  const errors: FieldError[] = []
  if (!Array.isArray(raw.domains) || raw.domains.length === 0) errors.push({ field: 'domains', message: 'give at least one domain' })
  else if (raw.domains.length > MAX_RENEWED_DOMAINS) errors.push({ field: 'domains', message: `at most ${MAX_RENEWED_DOMAINS} domains in one order` })
  const domains: string[] = []
  for (const [index, name] of (raw.domains ?? []).slice(0, MAX_RENEWED_DOMAINS).entries()) {
    try {
      const domain = normalizeDomainName(name, `domains[${index}]`)
      if (domains.includes(domain)) errors.push({ field: `domains[${index}]`, message: `${domain} is given twice` })
      else domains.push(domain)
    } catch (err) {
      const fields = (err as { details?: { fields?: FieldError[] } }).details?.fields
      if (fields === undefined) throw err
      errors.push(...fields)
    }
  }
  if (!Number.isInteger(raw.duration) || raw.duration < 1 || raw.duration > 10) errors.push({ field: 'duration', message: 'whole years, 1 to 10' })
  const payment = checkPayment(raw.payment, 'payment.', errors)
  const clientReference = checkClientReference(raw.clientReference, 'clientReference', errors)
  if (errors.length > 0) throw invalidInput('renewal', errors)
  return { domains, duration: `P${raw.duration}Y`, payment, clientReference }
}

type CheckedRenewal = ReturnType<typeof checkInput>

/** Every domain renewable for the duration, or field errors (CONFLICT for a domain OVH does not renew now). */
async function planRenewal (caller: Caller, input: CheckedRenewal): Promise<RenewPlan> {
  const offers = await Promise.all(input.domains.map((domain, index) => renewOffer(caller, domain, `domains[${index}]`)))
  const refused = offers.filter(offer => !offer.renewable)
  if (refused.length > 0) {
    throw gatewayError('CONFLICT', `${refused.map(offer => offer.domain).join(', ')}: ${refused[0].reason ?? 'cannot be renewed now'}`, {
      reason: 'DOMAIN_NOT_RENEWABLE',
      domains: refused.map(offer => ({ domain: offer.domain, state: offer.state, why: offer.reason }))
    })
  }
  const errors: FieldError[] = offers.flatMap((offer, index) => offer.periods.some(period => period.duration === input.duration)
    ? []
    : [{ field: `domains[${index}]`, message: `${offer.domain} can be renewed for ${offer.periods.map(period => period.years).join(', ')} year(s), not ${yearsOf(input.duration) ?? input.duration}` }])
  if (errors.length > 0) throw badUserInput('the renewal period is not offered for every domain', [{ field: 'duration', message: 'not offered for every domain (see the errors on domains)' }, ...errors])
  return { serviceIds: offers.map(offer => offer.serviceId) }
}

// The calls a renewal costs upstream, reserved before the first one (orders/order-budget.ts): the
// check (domain, serviceInfos, periods and prices per domain, the TLD list), the order, the
// payment (the payment method's check or the default method's lookup, then the payment) and the
// answer's reads.
function renewalCost (input: CheckedRenewal, known: IdempotencyRecord | null): number {
  const payment = input.payment.paymentMean !== undefined ? 1 : 2
  if (known?.state === 'succeeded') return ANSWER_READS
  const progress = RenewProgressSchema.parse(known?.progress ?? {})
  if (progress.orderId !== undefined) return 1 + payment + ANSWER_READS
  const check = known === null ? 4 * input.domains.length + 1 : 0
  const recover = typeof progress.renewStartedAt === 'string' ? 3 : 0
  return check + recover + 1 + payment + ANSWER_READS
}

async function place (caller: Caller, input: CheckedRenewal, ctx: RunContext<RenewProgress>, checked: RenewPlan | undefined, allowDuplicate: boolean): Promise<PlacedRenewal> {
  const plan = ctx.progress.plan ?? checked ?? await planRenewal(caller, input)
  if (ctx.progress.plan === undefined) await ctx.save({ plan, domains: input.domains })
  const placedNow = typeof ctx.progress.orderId !== 'number'
  if (placedNow) {
    if (checked === undefined) await checkPaymentMethod(caller, input.payment, 'payment.paymentMethodId')
    await underHold(caller, ctx, { domains: input.domains, operation: 'renewDomains', allowDuplicate }, async () => {
      const client = await caller.ovh()
      // The mark lets a retry after a lost answer look for the order instead of renewing again;
      // cleared when OVH refuses (it ordered nothing).
      await ctx.save({ renewStartedAt: new Date().toISOString() })
      let order: RenewOrder
      try {
        order = await decisive(() => client.post<RenewOrder>('/service/{serviceId}/renew', {
          params: { serviceId: plan.serviceIds[0] },
          body: { duration: input.duration, services: plan.serviceIds, dryRun: false }
        }))
      } catch (err) {
        if (!(err instanceof AmbiguousOutcome)) await ctx.save({ renewStartedAt: null })
        throw err
      }
      await afterOrdering(async () => {
        await ctx.save({ orderId: order.orderId, total: order.priceWithTax.value })
        await recordHeldOrder(caller, ctx, order.orderId)
      })
    })
  }
  const orderId = placedOrderId(ctx.progress)
  await recordClientReference(caller, orderId, input.clientReference)
  const credential = await caller.credential()
  if (credential !== null) refreshAfterWrite(caller, credential, { orders: [String(orderId)], domains: input.domains })
  await payPlacedOrder(caller, orderId, Number(ctx.progress.total ?? 1), input.payment, { placedNow })
  return { orderId, domains: input.domains, duration: input.duration }
}

/**
 * Before a retry: the order a lost answer made, found among the orders since the attempt began by
 * its lines (the renewed domains), then paid by the retry. Not found: OVH may still list it, so the
 * key never orders again (OutcomeNotYetKnown), as a checkout whose cart is gone.
 */
async function recoverRenewal (caller: Caller, ctx: RunContext<RenewProgress>): Promise<null> {
  const { orderId, renewStartedAt, domains } = ctx.progress
  if (orderId !== undefined || typeof renewStartedAt !== 'string' || domains === undefined) return null
  const found = await findOrderFor(caller, '', domains, new Date(renewStartedAt))
  if (found === null) {
    throw new OutcomeNotYetKnown('the renewal was sent to OVH and its answer was lost; OVH lists no order of these domains since', { domains, renewStartedAt })
  }
  await ctx.save({ orderId: found.order.orderId, total: found.order.priceWithTax.value })
  await recordHeldOrder(caller, ctx, found.order.orderId)
  return null
}

/** Renews one or many domains for `duration` years in one order, once per idempotency key. */
export async function renewDomains (caller: Caller, raw: RenewInput, idempotencyKey: string | null | undefined): Promise<PlacedRenewal & { replayed: boolean }> {
  caller.require('write')
  const key = checkIdempotencyKey(idempotencyKey)
  const input = checkInput(raw)
  const allowDuplicate = raw.allowDuplicate === true
  const known = await caller.stores.idempotency.findByKey(caller.tenant.id, key)
  if (known?.state !== 'succeeded' && RenewProgressSchema.parse(known?.progress ?? {}).orderId === undefined) {
    await checkDomainsFree(caller, key, input.domains, allowDuplicate)
  }
  await caller.reserveUpstream(renewalCost(input, known))
  try {
    let plan: RenewPlan | undefined
    if (known === null) {
      plan = await planRenewal(caller, input)
      await checkPaymentMethod(caller, input.payment, 'payment.paymentMethodId')
    }
    const { result, replayed } = await runIdempotent<PlacedRenewal, RenewProgress>(caller, {
      key,
      operation: 'renewDomains',
      progress: RenewProgressSchema,
      // The payment is how, not what: a retry may pay with another card (one-shot-order.ts).
      // The reference only when given: keys recorded before it existed keep their fingerprint.
      args: { domains: input.domains, duration: input.duration, ...(input.clientReference === null ? {} : { clientReference: input.clientReference }) },
      run: ctx => place(caller, input, ctx, plan, allowDuplicate),
      recover: ctx => recoverRenewal(caller, ctx)
    })
    return { ...result, replayed }
  } catch (err) {
    await caller.releaseUpstream()
    throw err
  }
}

export interface AutorenewSettings { active: boolean, renewDay: number, lastRenew: string | null }

/** The account's automatic renewal settings (GET /me/autorenew); null where OVH has none. */
export async function autorenewSettings (caller: Caller): Promise<AutorenewSettings | null> {
  caller.require('read')
  const client = await caller.ovh()
  try {
    return await client.get<AutorenewSettings>('/me/autorenew')
  } catch (err) {
    if ((err as { code?: string }).code === 'NOT_FOUND') return null
    throw err
  }
}
