// The owner change (trade) of a domain through OVH's order flow: its price first (tradeQuote, from
// GET /order/cartServiceOption/domain/{serviceName}), then, once per idempotency key, the new
// owner checked against the `trade` rules before anything is created, a cart with the trade
// option, the new owner contact, checkout and payment. OVH then runs a DomainTrade task.
// @see docs/OVH-API.md 6.4
import { badUserInput } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { pricer } from '../catalog/pricing.js'
import { OwnerContactInputSchema } from '../contacts/schemas.js'
import { contactId } from '../contacts/service.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { invalidInput, validateInput } from '../shared/validate.js'
import { onCart } from './cart-reads.js'
import { underHold } from './domain-holds.js'
import { checkIdempotencyKey } from './idempotency.js'
import type { RunContext } from './idempotency.js'
import { runOneShotOrder } from './one-shot-order.js'
import type { OrderSteps } from './order-budget.js'
import type { PlacedOrder } from './order-domain.js'
import { checkOrderRules, configureItem, freshCart, ownerContactId, ownerData, payPlacedOrder, placeCheckout, placedOrderId } from './order-flow.js'
import { TradeProgressSchema } from './progress.js'
import type { TradeProgress, TradeQuote } from './progress.js'
import type { OwnerChoice } from './order-flow.js'
import { tldResolver } from './order-prices.js'
import { checkPayment, checkPaymentMethod } from './payments.js'
import type { PaymentInput } from './payments.js'
import type { OvhCartItem } from './schemas.js'

interface OptionPricing { duration: string, price: { currencyCode: string, text: string, value: number }, pricingMode: string }
interface OptionDefinition { family: string, planCode: string, productName: string, prices: OptionPricing[] }

// Declared with the flow's progress (progress.ts), which records it.
export type { TradeQuote }

/** What changing the owner of `domain` costs (null when OVH offers no owner change for it). */
export async function tradeQuote (caller: Caller, name: string): Promise<TradeQuote | null> {
  caller.require('read')
  const domain = normalizeDomainName(name, 'domain')
  const client = await caller.ovh()
  const options = await client.get<OptionDefinition[]>('/order/cartServiceOption/domain/{serviceName}', { params: { serviceName: domain } })
  const trade = options.find(option => option.family === 'trade')
  const pricing = trade?.prices[0]
  if (trade === undefined || pricing === undefined) return null
  const [prices, tldOf] = await Promise.all([pricer(caller), tldResolver(caller)])
  return {
    domain,
    planCode: trade.planCode,
    pricingMode: pricing.pricingMode,
    duration: pricing.duration,
    price: prices.resale(tldOf(domain, trade.planCode), pricing.price)
  }
}

export interface TradeInput {
  domain: string
  owner: OwnerChoice
  payment?: PaymentInput | null
  // A second order of a domain an open order of the tenant holds, on purpose (domain-holds.ts).
  allowDuplicate?: boolean | null
}

function checkInput (raw: TradeInput) {
  const domain = normalizeDomainName(raw.domain, 'domain')
  const errors: FieldError[] = []
  const hasId = raw.owner?.contactId != null
  const hasContact = raw.owner?.contact != null
  if (hasId === hasContact) errors.push({ field: 'owner', message: 'exactly one of contactId and contact' })
  const payment = checkPayment(raw.payment, 'payment.', errors)
  if (errors.length > 0) throw invalidInput('owner change', errors)
  const owner: OwnerChoice = hasId ? { contactId: contactId(raw.owner.contactId as number | string, 'owner.contactId') } : { contact: validateInput(OwnerContactInputSchema, raw.owner.contact, 'owner.contact') }
  return { domain, owner, payment }
}

type CheckedTrade = ReturnType<typeof checkInput>

// What the trade costs upstream (order-budget.ts): the check reads the trade option and checks
// the rules (and reads a stored owner); the order is a cart, assign, the option, OWNER_CONTACT and
// the checkout.
function stepsOf (input: CheckedTrade): OrderSteps {
  return {
    check: 2 + (input.owner.contactId != null ? 1 : 0),
    place: (input.owner.contact != null ? 1 : 0) + 5,
    createsContact: input.owner.contact != null,
    readsOffer: false,
    payment: input.payment
  }
}

async function planTrade (caller: Caller, input: CheckedTrade): Promise<TradeQuote> {
  const quote = await tradeQuote(caller, input.domain)
  if (quote === null) throw badUserInput(`the owner of ${input.domain} cannot change now`, [{ field: 'domain', message: 'OVH offers no owner change for this domain (state, extension)' }])
  await checkOrderRules(caller, 'trade', input.domain, { owner: await ownerData(caller, input.owner) })
  return quote
}

async function place (caller: Caller, input: CheckedTrade, ctx: RunContext<TradeProgress>, checked: TradeQuote | undefined, allowDuplicate: boolean): Promise<PlacedOrder> {
  const quote = ctx.progress.quote ?? checked ?? await planTrade(caller, input)
  if (ctx.progress.quote === undefined) await ctx.save({ quote })
  const placedNow = typeof ctx.progress.orderId !== 'number'
  if (placedNow) {
    if (checked === undefined) await checkPaymentMethod(caller, input.payment, 'payment.paymentMethodId')
    await underHold(caller, ctx, { domains: [input.domain], operation: 'tradeDomain', allowDuplicate }, async () => {
      const contactId = await ownerContactId(caller, ctx, input.owner)
      const cartId = await freshCart(caller, ctx)
      const client = await caller.ovh()
      const item = await onCart(cartId, () => client.post<OvhCartItem>('/order/cartServiceOption/domain/{serviceName}', {
        params: { serviceName: input.domain },
        body: { cartId, planCode: quote.planCode, pricingMode: quote.pricingMode, duration: quote.duration, quantity: 1 }
      }))
      await configureItem(caller, cartId, item.itemId, [['OWNER_CONTACT', `/me/contact/${String(contactId)}`]])
      await placeCheckout(caller, ctx, cartId)
    })
  }
  const orderId = placedOrderId(ctx.progress)
  await payPlacedOrder(caller, orderId, Number(ctx.progress.total ?? 1), input.payment, { placedNow })
  return { orderId, domain: input.domain, action: 'trade', cartId: String(ctx.progress.cartId), contactId: await ownerContactId(caller, ctx, input.owner) }
}

export async function tradeDomain (caller: Caller, raw: TradeInput, idempotencyKey: string | null | undefined): Promise<PlacedOrder & { replayed: boolean }> {
  caller.require('write')
  const key = checkIdempotencyKey(idempotencyKey)
  const input = checkInput(raw)
  const allowDuplicate = raw.allowDuplicate === true
  return await runOneShotOrder<TradeQuote, TradeProgress>(caller, {
    operation: 'tradeDomain',
    key,
    input,
    allowDuplicate,
    steps: stepsOf(input),
    progress: TradeProgressSchema,
    check: () => planTrade(caller, input),
    place: (ctx, quote) => place(caller, input, ctx, quote, allowDuplicate)
  })
}
