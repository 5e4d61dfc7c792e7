// OVH's shapes for availability and prices (order.Price, order.cart.ProductInformation, registry
// configurations, the public catalogue) and the gateway's own (resale prices, availability, price
// rules), as zod schemas: REST responses and TypeScript types both come from here.
import { z } from 'zod'

// A TLD as OVH names them: 'com', 'co.uk'. Lower case once normalised; a caller may write it in any
// case, with a leading dot ('.DE'). The service checks with TLD; the REST routes with TLD_PATTERN.
const TLD_LABEL = '[a-z0-9-]{1,63}'
export const TLD = new RegExp(`^${TLD_LABEL}(?:\\.${TLD_LABEL})*$`)
const anyCase = (pattern: string): string => pattern.replaceAll('a-z', 'A-Za-z')
const GIVEN_TLD = anyCase(`\\.?${TLD_LABEL}(?:\\.${TLD_LABEL})*`)
export const TLD_MESSAGE = 'must be a TLD such as com or co.uk'
export const TldParamSchema = z.string().regex(new RegExp(`^${GIVEN_TLD}$`), TLD_MESSAGE)
// ?tlds=com,fr,co.uk (spaces around commas allowed).
export const TldListSchema = z.string().max(2000).regex(new RegExp(`^ *${GIVEN_TLD}(?: *, *${GIVEN_TLD})* *$`), 'must be TLDs separated by commas, such as com,fr,co.uk')

export const OvhPriceSchema = z.object({
  currencyCode: z.string(),
  text: z.string(),
  value: z.number(),
  priceInUcents: z.number().nullable().optional()
})
export type OvhPrice = z.infer<typeof OvhPriceSchema>

export const CartPriceSchema = z.object({
  label: z.enum(['DISCOUNT', 'FEE', 'PRICE', 'RENEW', 'TOTAL']),
  price: OvhPriceSchema
})

export const ConfigurationRequirementSchema = z.object({
  label: z.string(),
  type: z.string(),
  required: z.boolean(),
  fields: z.array(z.string()).nullable().optional()
})
export type ConfigurationRequirement = z.infer<typeof ConfigurationRequirementSchema>

export interface ProductInformation {
  action: 'create' | 'transfer' | 'trade' | 'update'
  configurations: ConfigurationRequirement[]
  duration: string[]
  orderable: boolean
  phase: string
  prices: Array<z.infer<typeof CartPriceSchema>> | null
  pricingMode: string
  offer: string | null
}

export interface RegistryConfigurations {
  dns: { isDNSSECSupported: boolean, maxNumber: number | null, minNumber: number | null }
  domain: { isPremiumSupported: boolean, label: { isIDNSupported: boolean, maxLength: number | null, minLength: number | null } }
  lifecycle: {
    create: { allowedPeriodsInMonths: number[] | null }
    renew: { allowedPeriodsInMonths: number[] | null, gracePeriodInDays: number | null }
    transfer: { allowedPeriodsInMonths: number[] | null }
    restore: { gracePeriodInDays: number | null }
    order: { active: boolean, maxMonths: number | null, minMonths: number | null }
  }
}

export interface PublicCatalog {
  locale: { currencyCode: string, subsidiary: string, taxRate: number }
  plans: Array<{
    planCode: string
    family?: string | null
    pricings: Array<{ capacities: string[], mode: string, price: number, interval: number, intervalUnit: string }>
  }>
}

// ---- The gateway's shapes ----

export const MoneySchema = z.object({ value: z.number(), currencyCode: z.string(), text: z.string() })
export type Money = z.infer<typeof MoneySchema>

export const ResalePriceSchema = z.object({
  price: MoneySchema.describe('What the tenant sells it at: OVH\'s price with the tenant\'s price rule applied'),
  cost: MoneySchema.nullable().describe('OVH\'s price to the reseller; null for viewers'),
  rule: z.string().nullable().describe('The TLD of the price rule applied ("*" for the default), null when none')
})
export type ResalePrice = z.infer<typeof ResalePriceSchema>

export const PriceRuleSchema = z.object({
  tld: z.string(),
  marginType: z.enum(['percent', 'fixed']),
  marginValue: z.number(),
  rounding: z.enum(['none', 'up_to_unit', 'up_to_99']),
  updatedAt: z.date()
})

// The margins a rule may carry, per type: the service checks rules with this schema, and the REST
// document is generated from it, so the two cannot say different things. A percent margin stays
// above -100 (a price above zero) and at most 10000 (a hundred times OVH's price); a fixed one
// within a million in the currency.
const PERCENT = 'must be above -100 and at most 10000 (percent)'
const FIXED = 'must be within ±1000000'
const rounding = z.enum(['none', 'up_to_unit', 'up_to_99']).default('none')
export const PriceRuleInputSchema = z.discriminatedUnion('marginType', [
  z.object({ marginType: z.literal('percent'), marginValue: z.number().gt(-100, PERCENT).max(10_000, PERCENT).describe('A percentage of OVH\'s price (10 = +10 %)'), rounding }).strict(),
  z.object({ marginType: z.literal('fixed'), marginValue: z.number().min(-1_000_000, FIXED).max(1_000_000, FIXED).describe('An amount added to OVH\'s price, in its currency'), rounding }).strict()
], { error: 'must be percent or fixed' })

export const AvailabilityStatusEnum = z.enum(['AVAILABLE', 'PREMIUM', 'REGISTERED', 'NOT_SELLABLE', 'INVALID'])

export const AvailabilitySchema = z.object({
  input: z.string(),
  domain: z.string(),
  tld: z.string().nullable(),
  status: AvailabilityStatusEnum,
  action: z.enum(['create', 'transfer']).nullable(),
  orderable: z.boolean(),
  transferable: z.boolean(),
  pricingMode: z.string().nullable(),
  currency: z.string().nullable(),
  createPrice: ResalePriceSchema.nullable(),
  transferPrice: ResalePriceSchema.nullable(),
  renewPrice: ResalePriceSchema.nullable(),
  durations: z.array(z.number()).describe('Years that can be ordered'),
  claimNoticeRequired: z.boolean().describe('In its TLD\'s trademark claims period: show its claim notice (GET /v1/claim-notices/{domain}) and order with acknowledgedClaimNotice'),
  error: z.object({ code: z.string(), message: z.string() }).nullable()
})
export type Availability = z.infer<typeof AvailabilitySchema>
