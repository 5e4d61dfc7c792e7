// OVH's contact shapes as zod schemas: owner contacts (domain.Contact), the account's contacts
// (me.contact.Contact) and their field rules, NIC handles in rule data, contact-change requests.
// REST responses, input checks of both transports and the TypeScript types all come from here.
import { z } from 'zod'
import { COUNTRY_CODES, COUNTRY_MESSAGE, CalendarDateSchema, CountryCodeSchema, EmailSchema, PhoneSchema, emailSchema } from '../shared/ovh-formats.js'

export const LegalFormEnum = z.enum(['administration', 'association', 'corporation', 'individual', 'other', 'personalcorporation'])
export const LanguageEnum = z.enum(['cs_CZ', 'de_DE', 'en_AU', 'en_CA', 'en_GB', 'en_IE', 'en_US', 'es_ES', 'fi_FI', 'fr_CA', 'fr_FR',
  'fr_MA', 'fr_SN', 'fr_TN', 'it_IT', 'lt_LT', 'nl_NL', 'pl_PL', 'pt_PT'])
export const GenderEnum = z.enum(['female', 'male'])

// Checked as OVH checks them (shared/ovh-formats.ts): countries from OVH's enum, real dates.
const country = CountryCodeSchema
const text = z.string().trim().max(255, 'must be at most 255 characters')
const phone = PhoneSchema
const email = EmailSchema
const date = CalendarDateSchema

export const ContactAddressSchema = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  line3: z.string().nullable(),
  city: z.string().nullable(),
  zip: z.string().nullable(),
  province: z.string().nullable(),
  country: z.string().nullable(),
  otherDetails: z.string().nullable()
})

const CONTACT_TEXT_FIELDS = ['accreditationId', 'accreditationOrganism', 'birthCity', 'birthZip', 'companyNationalIdentificationNumber',
  'enterpriseId', 'firstName', 'insee', 'lastName', 'legalFormCategory', 'nationalIdentificationNumber', 'organisationAccountable',
  'organisationFunding', 'organisationFundingOther', 'organisationName', 'organisationRole', 'organisationRoleOther',
  'organisationStaffStatus', 'organisationStaffStatusOther', 'organisationType', 'organisationTypeOther', 'registrantDocumentType',
  'registrantDocumentTypeOther', 'roleInOrganisation', 'trademarkId', 'vat', 'website'] as const

const textFields = <T extends z.ZodType>(make: () => T) =>
  Object.fromEntries(CONTACT_TEXT_FIELDS.map(name => [name, make()])) as Record<typeof CONTACT_TEXT_FIELDS[number], T>

// domain.Contact (GET /domain/contact/{contactId}): every field nullable but the id.
export const OwnerContactSchema = z.object({
  id: z.number(),
  ...textFields(() => z.string().nullable()),
  accreditationCountry: z.string().nullable(),
  accreditationYear: z.number().nullable(),
  address: ContactAddressSchema.nullable(),
  birthCountry: z.string().nullable(),
  birthDay: z.string().nullable(),
  cellPhone: z.string().nullable(),
  email: z.string().nullable(),
  fax: z.string().nullable(),
  gender: GenderEnum.nullable(),
  language: LanguageEnum.nullable(),
  legalForm: LegalFormEnum.nullable(),
  nationality: z.string().nullable(),
  phone: z.string().nullable()
})
export type OwnerContact = z.infer<typeof OwnerContactSchema>

export const ContactAddressInputSchema = z.object({
  line1: text.nullable(),
  line2: text.nullable(),
  line3: text.nullable(),
  city: text.nullable(),
  zip: text.nullable(),
  province: text.nullable(),
  country: country.nullable(),
  otherDetails: text.nullable()
}).partial().strict()

// What a caller may set on an owner contact: any domain.Contact field; null clears one.
export const OwnerContactInputSchema = z.object({
  ...textFields(() => text.nullable()),
  accreditationCountry: country.nullable(),
  accreditationYear: z.number().int().min(1900).max(2100).nullable(),
  address: ContactAddressInputSchema.nullable(),
  birthCountry: country.nullable(),
  birthDay: date.nullable(),
  cellPhone: phone.nullable(),
  email: email.nullable(),
  fax: phone.nullable(),
  gender: GenderEnum.nullable(),
  language: LanguageEnum.nullable(),
  legalForm: LegalFormEnum.nullable(),
  nationality: country.nullable(),
  phone: phone.nullable()
}).partial().strict()
export type OwnerContactInput = z.infer<typeof OwnerContactInputSchema>

// nichandle.Nichandle as rule data (the admin or tech account of a domain), flat address.
export const NicHandleInputSchema = z.object({
  email,
  firstname: text,
  name: text,
  organisation: text,
  legalform: LegalFormEnum,
  address: text,
  city: text,
  zip: text,
  area: text,
  country,
  phone,
  language: LanguageEnum,
  vat: text
}).partial().strict()
export type NicHandleInput = z.infer<typeof NicHandleInputSchema>

// me.contact.Contact (GET /me/contact/{contactId}): a smaller model, identity and address required.
export const AccountContactSchema = z.object({
  id: z.number(),
  address: z.object({
    line1: z.string(),
    line2: z.string().nullable(),
    line3: z.string().nullable(),
    city: z.string(),
    zip: z.string().nullable(),
    province: z.string().nullable(),
    country: z.string(),
    otherDetails: z.string().nullable()
  }),
  birthCity: z.string().nullable(),
  birthCountry: z.string().nullable(),
  birthDay: z.string().nullable(),
  birthZip: z.string().nullable(),
  cellPhone: z.string().nullable(),
  companyNationalIdentificationNumber: z.string().nullable(),
  email: z.string(),
  fax: z.string().nullable(),
  firstName: z.string(),
  gender: GenderEnum.nullable(),
  language: LanguageEnum,
  lastName: z.string(),
  legalForm: LegalFormEnum,
  nationalIdentificationNumber: z.string().nullable(),
  nationality: z.string().nullable(),
  organisationName: z.string().nullable(),
  organisationType: z.string().nullable(),
  phone: z.string().nullable(),
  spareEmail: z.string().nullable(),
  vat: z.string().nullable()
})
export type AccountContact = z.infer<typeof AccountContactSchema>

// me.contact.Contact cannot hold null in these fields (canBeNull false in OVH's model): a null is
// refused before OVH with a message that says so, instead of zod's generic "expected string".
export const CANNOT_CLEAR = 'cannot be cleared: OVH requires a value'
const kept = { error: (issue: { input?: unknown }) => issue.input === null ? CANNOT_CLEAR : undefined }

// me.contact.Address: line1, city and country are required by OVH, the rest may be cleared.
const AccountAddressInputSchema = z.object({
  line1: z.string(kept).trim().max(255, 'must be at most 255 characters'),
  line2: text.nullable(),
  line3: text.nullable(),
  city: z.string(kept).trim().max(255, 'must be at most 255 characters'),
  zip: text.nullable(),
  province: text.nullable(),
  country: z.enum(COUNTRY_CODES, { error: issue => issue.input === null ? CANNOT_CLEAR : COUNTRY_MESSAGE }),
  otherDetails: text.nullable()
}, kept).partial().strict()

const accountContactFields = {
  address: AccountAddressInputSchema,
  birthCity: text.nullable(),
  birthCountry: country.nullable(),
  birthDay: date.nullable(),
  birthZip: text.nullable(),
  cellPhone: phone.nullable(),
  companyNationalIdentificationNumber: text.nullable(),
  email: emailSchema(kept),
  fax: phone.nullable(),
  firstName: z.string(kept).trim().max(255, 'must be at most 255 characters').min(1),
  gender: GenderEnum.nullable(),
  language: z.enum(LanguageEnum.options, kept),
  lastName: z.string(kept).trim().max(255, 'must be at most 255 characters').min(1),
  legalForm: z.enum(LegalFormEnum.options, kept),
  nationalIdentificationNumber: text.nullable(),
  nationality: country.nullable(),
  organisationName: text.nullable(),
  organisationType: text.nullable(),
  phone: phone.nullable(),
  spareEmail: email.nullable(),
  vat: text.nullable()
}

// Changes to an account contact: any field of me.contact.Contact; null clears the nullable ones.
export const AccountContactUpdateSchema = z.object(accountContactFields).partial().strict()
export type AccountContactUpdate = z.infer<typeof AccountContactUpdateSchema>

// A new account contact: OVH's model makes its identity and address mandatory.
export const AccountContactCreateSchema = AccountContactUpdateSchema.required({ email: true, firstName: true, lastName: true, language: true, legalForm: true })
  .extend({ address: AccountAddressInputSchema.required({ line1: true, city: true, country: true }) })
export type AccountContactCreate = z.infer<typeof AccountContactCreateSchema>

// me.contact.FieldInformation
export const ContactFieldRuleSchema = z.object({ fieldName: z.string(), mandatory: z.boolean(), readOnly: z.boolean() })
export type ContactFieldRule = z.infer<typeof ContactFieldRuleSchema>

export const ContactChangeStateEnum = z.enum(['aborted', 'checkValidity', 'doing', 'done', 'error', 'expired', 'refused', 'todo', 'validatingByCustomers'])
export const ContactRoleEnum = z.enum(['contactAdmin', 'contactBilling', 'contactTech'])

// nichandle.contactChange.Task
export const ContactChangeSchema = z.object({
  id: z.number(),
  askingAccount: z.string().nullable(),
  fromAccount: z.string(),
  toAccount: z.string(),
  contactTypes: z.array(ContactRoleEnum),
  serviceDomain: z.string().nullable(),
  state: ContactChangeStateEnum,
  dateRequest: z.string(),
  dateDone: z.string().nullable()
})
export type ContactChange = z.infer<typeof ContactChangeSchema>

// A NIC handle as OVH writes them: 'ab12345-ovh'.
export const NicSchema = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be a NIC handle such as ab12345-ovh')
const nic = NicSchema

export const ContactChangeFilterSchema = z.object({
  askingAccount: nic.nullish(),
  toAccount: nic.nullish(),
  state: ContactChangeStateEnum.nullish()
}).strict()
export type ContactChangeFilter = z.infer<typeof ContactChangeFilterSchema>

export const DomainContactChangeSchema = z.object({
  admin: nic.nullish(),
  tech: nic.nullish(),
  billing: nic.nullish()
}).strict().refine(value => Boolean(value.admin ?? value.tech ?? value.billing), { message: 'give at least one of admin, tech, billing' })
export type DomainContactChange = z.infer<typeof DomainContactChangeSchema>

export const TokenSchema = z.string().trim().min(1, 'is required').max(200)
