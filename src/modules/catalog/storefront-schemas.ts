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

// OVH's domain.data.claimNotice.* shapes, described here: GraphQL shows only part of them.
const AddressSchema = z.object({
  streets: z.array(z.string()).optional().describe('Street lines'),
  city: z.string().nullable().optional().describe('City'),
  postalCode: z.string().nullable().optional().describe('Postal code'),
  stateOrProvince: z.string().nullable().optional().describe('State or province, where the country has them'),
  countryCode: z.string().nullable().optional().describe('ISO 3166-1 alpha-2 country code'),
  voice: z.string().nullable().optional().describe('Phone number'),
  voiceExtension: z.string().nullable().optional().describe('Phone extension'),
  fax: z.string().nullable().optional().describe('Fax number'),
  faxExtension: z.string().nullable().optional().describe('Fax extension')
}).describe('Postal address and phone numbers as the trademark clearinghouse records them')
const ContactSchema = z.object({
  name: z.string().nullable().optional().describe('The person\'s name'),
  organisation: z.string().nullable().optional().describe('The company or organisation, when the holder is not a person'),
  email: z.string().nullable().optional().describe('E-mail address'),
  entitlement: z.string().nullable().optional().describe('The holder\'s right to the mark (owner, assignee, licensee)'),
  type: z.string().nullable().optional().describe('The contact\'s role for the mark (owner, agent...)'),
  address: AddressSchema.optional()
})
const ClaimSchema = z.object({
  markName: z.string().optional(),
  jurisdiction: z.string().optional(),
  jurisdictionCountryCode: z.string().optional(),
  goodsAndServices: z.string().optional(),
  classifications: z.array(z.object({ number: z.string().optional(), description: z.string().optional() })).optional(),
  trademarkHolders: z.array(ContactSchema).optional().describe('The mark\'s holders'),
  trademarkContacts: z.array(ContactSchema).optional().describe('Contacts for the mark (agents, representatives)'),
  courtDecisions: z.array(z.object({
    countryCode: z.string().optional().describe('Country of the court'),
    courtName: z.string().optional().describe('The court that protected the mark'),
    referenceNumber: z.string().optional().describe('The decision\'s reference'),
    regions: z.array(z.string()).optional().describe('Regions where the decision applies')
  })).optional().describe('Court decisions that protect the mark'),
  trademarkUDRP: z.array(z.object({
    caseNumber: z.string().optional().describe('The UDRP case number'),
    udrpProvider: z.string().optional().describe('The dispute-resolution provider that decided it')
  })).optional().describe('UDRP proceedings that protect the mark')
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
