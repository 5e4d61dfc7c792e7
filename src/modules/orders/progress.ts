// What each idempotent flow records of its attempts (RunContext.progress, idempotency.ts): one
// schema per flow, parsed whenever a stored record is read, so a retry resumes from typed values.
// Loose objects: a record written by another version of the gateway keeps what this one does not know.
import { z } from 'zod'
import { ResalePriceSchema } from '../catalog/schemas.js'

// An instant (ISO 8601) marking that a call that orders began; null once OVH refused it.
const StartedAt = z.string().nullable().optional()

/** A checkout of the tenant's own cart (checkout.ts): its domains find the order if the cart is purged. */
export const CheckoutProgressSchema = z.looseObject({
  cartId: z.string().optional(),
  domains: z.array(z.string()).optional(),
  startedAt: StartedAt
})
export type CheckoutProgress = z.infer<typeof CheckoutProgressSchema>

/** The steps every one-shot order shares (order-flow.ts): cart, owner contact, checkout, order. */
export const PlacementProgressSchema = z.looseObject({
  cartId: z.string().optional(),
  contactId: z.number().optional(),
  checkoutStartedAt: StartedAt,
  orderId: z.number().optional(),
  total: z.number().optional()
})
export type PlacementProgress = z.infer<typeof PlacementProgressSchema>

export const OrderPlanSchema = z.object({
  action: z.enum(['create', 'transfer']),
  pricingMode: z.string(),
  duration: z.string(),
  // The claim notice acknowledged (CLAIMS_NOTICE), for a name in its TLD's claims period.
  claimNotice: z.string().nullable().optional()
})
export type OrderPlan = z.infer<typeof OrderPlanSchema>

/** orderDomain (order-domain.ts): the checked plan, then the placement. */
export const OrderDomainProgressSchema = PlacementProgressSchema.extend({ plan: OrderPlanSchema.optional() })
export type OrderDomainProgress = z.infer<typeof OrderDomainProgressSchema>

export const TradeQuoteSchema = z.object({
  domain: z.string(),
  planCode: z.string(),
  pricingMode: z.string(),
  duration: z.string(),
  price: ResalePriceSchema
})
export type TradeQuote = z.infer<typeof TradeQuoteSchema>

/** tradeDomain (trade.ts): the quote, then the placement. */
export const TradeProgressSchema = PlacementProgressSchema.extend({ quote: TradeQuoteSchema.optional() })
export type TradeProgress = z.infer<typeof TradeProgressSchema>

export const RestorePlanSchema = z.object({
  planCode: z.string().nullable(),
  pricingMode: z.string().nullable(),
  duration: z.string().nullable()
})
export type RestorePlan = z.infer<typeof RestorePlanSchema>

/** restoreDomain (renewals/restore.ts): the restore option chosen, then the placement. */
export const RestoreProgressSchema = PlacementProgressSchema.extend({ plan: RestorePlanSchema.optional() })
export type RestoreProgress = z.infer<typeof RestoreProgressSchema>

export const RenewPlanSchema = z.object({
  // Service ids, in the order of the domains.
  serviceIds: z.array(z.number())
})
export type RenewPlan = z.infer<typeof RenewPlanSchema>

/** renewDomains (renewals/service.ts): no cart; the renew call's start mark, then its order. */
export const RenewProgressSchema = z.looseObject({
  plan: RenewPlanSchema.optional(),
  domains: z.array(z.string()).optional(),
  renewStartedAt: StartedAt,
  orderId: z.number().optional(),
  total: z.number().optional()
})
export type RenewProgress = z.infer<typeof RenewProgressSchema>

/**
 * Any flow's progress, as the domain holds judge a holder of any flow (domain-holds.ts) and the
 * order budget a retry of any one-shot order (order-budget.ts): the fields the flows share, and
 * no plan (each flow has its own).
 */
export const AnyProgressSchema = z.looseObject({
  cartId: z.string().optional(),
  contactId: z.number().optional(),
  domains: z.array(z.string()).optional(),
  startedAt: StartedAt,
  checkoutStartedAt: StartedAt,
  renewStartedAt: StartedAt,
  orderId: z.number().optional(),
  total: z.number().optional()
})
export type AnyProgress = z.infer<typeof AnyProgressSchema>
