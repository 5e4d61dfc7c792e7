// orderDomain: a storefront's order in one call. Before anything is created, the input is checked,
// the name's offer is read (registration or incoming transfer, price, required configuration) and
// the owner's data is checked against the eligibility rules: a refusal is BAD_USER_INPUT with one
// error per field, and no contact, cart or order exists. Then, once per idempotency key: the owner
// contact (when given inline), a fresh cart, the domain with its configuration, the checkout and
// the payment. The whole flow's upstream calls are reserved before the first one (order-budget.ts).
// @see docs/OVH-API.md 5, 7, 10
import { badUserInput } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { offerFor } from '../catalog/availability.js'
import { OwnerContactInputSchema } from '../contacts/schemas.js'
import { contactId } from '../contacts/service.js'
import { checkNameServers } from '../dns/name-server-input.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { invalidInput, validateInput } from '../shared/validate.js'
import { accountNic, isOwnNic, nicAsOwner, nicRuleData, rulesConstrain } from './account-nic.js'
import { onCart } from './cart-reads.js'
import { yearsToDuration } from './carts.js'
import { underHold } from './domain-holds.js'
import { checkIdempotencyKey } from './idempotency.js'
import type { RunContext } from './idempotency.js'
import { runOneShotOrder } from './one-shot-order.js'
import type { PlacedOrder } from './one-shot-order.js'
import type { OrderSteps } from './order-budget.js'
import { checkOrderRules, configureItem, freshCart, ownerContactId, ownerData, payPlacedOrder, placeCheckout, placedOrderId } from './order-flow.js'
import type { OwnerChoice } from './order-flow.js'
import { checkPayment, checkPaymentMethod } from './payments.js'
import type { PaymentInput } from './payments.js'
import type { OvhCartItem } from './schemas.js'
import { OrderDomainProgressSchema } from './progress.js'
import type { OrderDomainProgress, OrderPlan } from './progress.js'
import { AuthInfoSchema, ClaimNoticeIdSchema, NicHandleSchema, PricingModeSchema, problemOf } from './input-formats.js'
import { claimNotice } from '../catalog/storefront.js'
import { checkClientReference, recordClientReference } from './client-reference.js'
import type { ProductInformation } from '../catalog/schemas.js'
import { assignOrderedDomain, orderCustomer } from '../customers/order-assignment.js'
import type { Customer } from '../../generated/prisma/client.js'

// Declared with the one-shot frame that returns it; still exported here for the routes and resolvers.
export type { PlacedOrder }

export interface OrderDomainInput {
  domain: string
  duration?: number | null
  owner?: OwnerChoice | null
  adminAccount?: string | null
  techAccount?: string | null
  // Name servers of the domain; none: OVH's DNS (a zone at OVH).
  dns?: { nameServers?: string[] | null } | null
  authInfo?: string | null
  acceptConditions?: boolean | null
  // The id of the trademark claim notice the owner was shown, for a name in a claims period.
  acknowledgedClaimNotice?: string | null
  ownerLegalAge?: boolean | null
  pricingMode?: string | null
  payment?: PaymentInput | null
  // A second order of a domain an open order of the tenant holds, on purpose (domain-holds.ts).
  allowDuplicate?: boolean | null
  // The tenant's own reference for the sale, stored with the order (client-reference.ts).
  clientReference?: string | null
  // The tenant's reference of the customer the domain is for: it owns the domain once ordered.
  customer?: string | null
}

// Declared with the flow's progress (progress.ts), which records it.
export type { OrderPlan }

function checkInput (raw: OrderDomainInput) {
  const errors: FieldError[] = []
  const domain = normalizeDomainName(raw.domain, 'domain')
  const duration = yearsToDuration(raw.duration)
  if (raw.owner != null && raw.owner.contactId == null && raw.owner.contact == null) {
    errors.push({ field: 'owner', message: 'give contactId or contact, or leave owner out for the owner OVH builds from your account\'s NIC' })
  }
  if (raw.owner?.contactId != null && raw.owner.contact != null) errors.push({ field: 'owner', message: 'give contactId or contact, not both' })
  const contact = raw.owner?.contact == null ? null : validateInput(OwnerContactInputSchema, raw.owner.contact, 'owner.contact')
  // The DNS module's own check (each host once, case and final dot ignored); none: OVH's DNS.
  const nameServers = checkNameServers(raw.dns?.nameServers ?? [], domain, 'dns.nameServers', errors, { min: 2, noneMeans: 'OVH\'s DNS' }).map(server => server.host)
  for (const field of ['adminAccount', 'techAccount'] as const) {
    const nic = raw[field]
    const problem = nic == null ? null : problemOf(NicHandleSchema, nic)
    if (problem !== null) errors.push({ field, message: problem })
  }
  const authInfo = raw.authInfo == null ? null : problemOf(AuthInfoSchema, raw.authInfo)
  if (authInfo !== null) errors.push({ field: 'authInfo', message: authInfo })
  const notice = raw.acknowledgedClaimNotice == null ? null : problemOf(ClaimNoticeIdSchema, raw.acknowledgedClaimNotice)
  if (notice !== null) errors.push({ field: 'acknowledgedClaimNotice', message: notice })
  const pricingMode = raw.pricingMode == null ? null : problemOf(PricingModeSchema, raw.pricingMode)
  if (pricingMode !== null) errors.push({ field: 'pricingMode', message: pricingMode })
  // A statement the storefront makes for its customer: the gateway never makes it by default.
  if (raw.ownerLegalAge !== true) {
    errors.push({ field: 'ownerLegalAge', message: raw.ownerLegalAge === false ? 'the owner must be of legal age (OVH\'s OWNER_LEGAL_AGE)' : 'required: confirm that the owner is of legal age (true), as OVH\'s OWNER_LEGAL_AGE asks' })
  }
  const payment = checkPayment(raw.payment, 'payment.', errors)
  checkClientReference(raw.clientReference, 'clientReference', errors)
  if (errors.length > 0) throw invalidInput('order', errors)
  const { allowDuplicate, ...rest } = raw
  return { ...rest, domain, duration, nameServers, payment, owner: raw.owner?.contactId != null ? { contactId: contactId(raw.owner.contactId, 'owner.contactId') } : contact === null ? null : { contact } }
}

type CheckedInput = ReturnType<typeof checkInput>

// The item's configuration (OVH-API.md 5.2); OWNER_CONTACT only when an owner is given.
function configurationsOf (input: CheckedInput, action: OrderPlan['action'], contactId: number | null, claimNotice: string | null | undefined): Array<[string, string]> {
  const all: Array<[string, string | null | undefined]> = [
    ['OWNER_LEGAL_AGE', 'true'],
    ['OWNER_CONTACT', contactId === null ? null : `/me/contact/${contactId}`],
    ['ADMIN_ACCOUNT', input.adminAccount],
    ['TECH_ACCOUNT', input.techAccount],
    ['DNS', input.nameServers.length > 0 ? input.nameServers.join(',') : null],
    ['AUTH_INFO', action === 'transfer' ? input.authInfo : null],
    ['ACCEPT_CONDITIONS', input.acceptConditions === true ? 'true' : null],
    ['CLAIMS_NOTICE', claimNotice]
  ]
  return all.filter((entry): entry is [string, string] => entry[1] != null)
}

// What the order costs upstream (order-budget.ts). The auth code makes it a transfer: the check
// refuses one on a free name.
function stepsOf (input: CheckedInput): OrderSteps {
  // An acknowledged claim notice is read once (to compare its id) and set once, if OVH asks for it.
  const configurations = configurationsOf(input, input.authInfo != null ? 'transfer' : 'create', input.owner === null ? null : 0, input.acknowledgedClaimNotice).length
  const otherNic = input.adminAccount != null || input.techAccount != null
  return {
    check: 3 + (input.owner?.contactId != null ? 1 : 0) + (otherNic ? 1 : 0) + (input.acknowledgedClaimNotice != null ? 1 : 0),
    place: (input.owner?.contact != null ? 1 : 0) + 3 + configurations + 1,
    createsContact: input.owner?.contact != null,
    readsOffer: true,
    payment: input.payment
  }
}

/** What will be ordered, or field errors: the offer and the eligibility rules, nothing created. */
export async function planOrder (caller: Caller, input: CheckedInput): Promise<OrderPlan> {
  const { availability, offer } = await offerFor(caller, input.domain)
  const refuse = (field: string, message: string) => badUserInput(`${input.domain}: ${message}`, [{ field, message }])
  if (offer === null || availability.status === 'INVALID') throw refuse('domain', availability.error?.message ?? 'cannot be ordered')
  if (!availability.orderable) {
    throw refuse('domain', availability.status === 'REGISTERED' ? 'is registered and cannot be transferred to this account' : 'cannot be ordered (reserved or not allowed)')
  }
  const action = availability.action ?? 'create'
  if (action === 'transfer' && input.authInfo == null) throw refuse('authInfo', 'the domain is registered: give its auth code to transfer it in')
  if (action === 'create' && input.authInfo != null) throw refuse('authInfo', 'the domain is free: it is registered, not transferred, so it takes no auth code')
  if (input.pricingMode != null && input.pricingMode !== offer.pricingMode) throw refuse('pricingMode', `OVH offers it as ${offer.pricingMode}`)
  if (availability.status === 'PREMIUM' && input.pricingMode !== offer.pricingMode) {
    throw refuse('pricingMode', `is a premium name (${availability.createPrice?.price.text ?? 'premium price'}): confirm with pricingMode ${offer.pricingMode}`)
  }
  const years = Number(input.duration.slice(1, -1))
  const duration = action === 'transfer' ? 'P1Y' : input.duration
  if (action === 'create' && !availability.durations.includes(years)) throw refuse('duration', `can be ordered for ${availability.durations.join(', ')} year(s)`)
  if (offer.configurations.some(requirement => requirement.label === 'ACCEPT_CONDITIONS' && requirement.required) && input.acceptConditions !== true) {
    throw refuse('acceptConditions', 'the registry has conditions to accept for this extension')
  }
  const claimNotice = await acknowledgedNotice(caller, input, offer, refuse)
  // What OVH will check at checkout, in RuleData's shapes: the owner given, or for a registration
  // without one the owner OVH builds from the account's NIC; the admin and tech NICs (the account's
  // own unless another is named).
  const nic = await accountNic(caller)
  const given = await ownerData(caller, input.owner)
  const ownerFromAccount = given === undefined && action === 'create'
  const foreign = (['adminAccount', 'techAccount'] as const).filter(field => !isOwnNic(nic, input[field]))
  // OVH shows no other NIC's data: when the rules look at such a NIC (a .berlin admin), only OVH's
  // checkout can judge, so the pre-check would refuse orders that are valid; it is left to OVH.
  if (await rulesConstrain(caller, action, input.domain, foreign.map(field => field === 'adminAccount' ? 'ADMIN_ACCOUNT' : 'TECH_ACCOUNT'))) {
    return { action, pricingMode: offer.pricingMode, duration, claimNotice }
  }
  await checkOrderRules(caller, action, input.domain, {
    owner: ownerFromAccount ? nicAsOwner(nic) : given,
    adminAccount: isOwnNic(nic, input.adminAccount) ? nicRuleData(nic) : undefined,
    techAccount: isOwnNic(nic, input.techAccount) ? nicRuleData(nic) : undefined,
    extras: { acceptCondition: input.acceptConditions ?? undefined, authInfo: input.authInfo ?? undefined }
  }, { ownerFromAccount })
  return { action, pricingMode: offer.pricingMode, duration, claimNotice }
}

// A name in its TLD's trademark claims period (OVH requires CLAIMS_NOTICE): the storefront must
// have shown the owner the notice and send its id, which must be the notice's current one (a new
// mark recorded since makes a new notice, to be shown again).
async function acknowledgedNotice (caller: Caller, input: CheckedInput, offer: ProductInformation, refuse: (field: string, message: string) => Error): Promise<string | null> {
  if (!offer.configurations.some(requirement => requirement.label === 'CLAIMS_NOTICE' && requirement.required)) return null
  const field = 'acknowledgedClaimNotice'
  if (input.acknowledgedClaimNotice == null) {
    throw refuse(field, 'the name matches a trademark in its TLD\'s claims period: show the owner its claim notice (claimNotice) and send the notice\'s id once acknowledged')
  }
  const notice = await claimNotice(caller, input.domain)
  if (notice === null || notice.id !== input.acknowledgedClaimNotice) throw refuse(field, `is not the name's current claim notice${notice === null ? '' : ` (${notice.id})`}: show it again`)
  return notice.id
}

async function place (caller: Caller, input: CheckedInput, ctx: RunContext<OrderDomainProgress>, checked: OrderPlan | undefined, allowDuplicate: boolean, customer: Customer | null): Promise<PlacedOrder> {
  const plan = ctx.progress.plan ?? checked ?? await planOrder(caller, input)
  if (ctx.progress.plan === undefined) await ctx.save({ plan })
  const placedNow = typeof ctx.progress.orderId !== 'number'
  if (placedNow) {
    // A first attempt checked the payment method with the rest; a retry may bring another one.
    if (checked === undefined) await checkPaymentMethod(caller, input.payment, 'payment.paymentMethodId')
    await underHold(caller, ctx, { domains: [input.domain], operation: 'orderDomain', allowDuplicate }, async () => {
      const contactId = await ownerContactId(caller, ctx, input.owner)
      const cartId = await freshCart(caller, ctx)
      const client = await caller.ovh()
      const item = await onCart(cartId, () => client.post<OvhCartItem>('/order/cart/{cartId}/domain', {
        params: { cartId },
        body: { domain: input.domain, duration: plan.duration, pricingMode: plan.pricingMode }
      }))
      await configureItem(caller, cartId, item.itemId, configurationsOf(input, plan.action, contactId, plan.claimNotice))
      await placeCheckout(caller, ctx, cartId)
    })
  }
  const orderId = placedOrderId(ctx.progress)
  await recordClientReference(caller, orderId, input.clientReference)
  // Placed: the domain is the customer's from now on (again on a resumed order: the same row).
  if (customer !== null) await assignOrderedDomain(caller, customer, input.domain, orderId)
  await payPlacedOrder(caller, orderId, Number(ctx.progress.total ?? 1), input.payment, { placedNow })
  return {
    orderId,
    domain: input.domain,
    action: plan.action,
    cartId: String(ctx.progress.cartId),
    contactId: ctx.progress.contactId !== undefined ? ctx.progress.contactId : input.owner?.contactId != null ? Number(input.owner.contactId) : null
  }
}

export async function orderDomain (caller: Caller, raw: OrderDomainInput, idempotencyKey: string | null | undefined): Promise<PlacedOrder & { replayed: boolean }> {
  caller.require('write')
  const key = checkIdempotencyKey(idempotencyKey)
  const input = checkInput(raw)
  const customer = await orderCustomer(caller, raw.customer)
  const allowDuplicate = raw.allowDuplicate === true
  return await runOneShotOrder<OrderPlan, OrderDomainProgress>(caller, {
    operation: 'orderDomain',
    key,
    input,
    allowDuplicate,
    steps: stepsOf(input),
    progress: OrderDomainProgressSchema,
    check: () => planOrder(caller, input),
    place: (ctx, plan) => place(caller, input, ctx, plan, allowDuplicate, customer)
  })
}
