// Shapes of the storefront's reference data (storefront.ts): REST responses, and the types the
// GraphQL resolvers return. The claim notice is OVH's domain.data.claimNotice.ClaimNotice as is.
import { z } from 'zod'

const CategorySchema = z.object({ name: z.string(), tlds: z.array(z.string()) })
export const ExtensionCategoriesSchema = z.object({
  thematic: z.array(CategorySchema).describe('TLDs by theme (business, technology...)'),
  geolocalization: z.array(CategorySchema).describe('TLDs by place (europe, france...)')
})
export type ExtensionCategories = z.infer<typeof ExtensionCategoriesSchema>

export const HighlightedExtensionSchema = z.object({
  tld: z.string(),
  brandNew: z.boolean().describe('A TLD opened recently'),
  priceDrop: z.boolean().describe('Its price dropped recently')
})
export type HighlightedExtension = z.infer<typeof HighlightedExtensionSchema>

const AddressSchema = z.object({
  streets: z.array(z.string()).optional(),
  city: z.string().nullable().optional(),
  postalCode: z.string().nullable().optional(),
  stateOrProvince: z.string().nullable().optional(),
  countryCode: z.string().nullable().optional(),
  voice: z.string().nullable().optional(),
  voiceExtension: z.string().nullable().optional(),
  fax: z.string().nullable().optional(),
  faxExtension: z.string().nullable().optional()
})
const ContactSchema = z.object({
  name: z.string().nullable().optional(),
  organisation: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  entitlement: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  address: AddressSchema.optional()
})
const ClaimSchema = z.object({
  markName: z.string().optional(),
  jurisdiction: z.string().optional(),
  jurisdictionCountryCode: z.string().optional(),
  goodsAndServices: z.string().optional(),
  classifications: z.array(z.object({ number: z.string().optional(), description: z.string().optional() })).optional(),
  trademarkHolders: z.array(ContactSchema).optional(),
  trademarkContacts: z.array(ContactSchema).optional(),
  courtDecisions: z.array(z.object({ countryCode: z.string().optional(), courtName: z.string().optional(), referenceNumber: z.string().optional(), regions: z.array(z.string()).optional() })).optional(),
  trademarkUDRP: z.array(z.object({ caseNumber: z.string().optional(), udrpProvider: z.string().optional() })).optional()
})
export const ClaimNoticeSchema = z.object({
  id: z.string().describe('The notice\'s id: send it as orderDomain\'s acknowledgedClaimNotice'),
  label: z.string(),
  type: z.string().nullable().optional().describe('TRADEMARK or UK'),
  startingDate: z.string().nullable().optional(),
  endingDate: z.string().optional(),
  claims: z.array(ClaimSchema).nullable().optional()
})
export type ClaimNotice = z.infer<typeof ClaimNoticeSchema>
