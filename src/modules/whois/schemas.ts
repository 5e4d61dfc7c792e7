// OVH's Whois display shapes (domain.rules.Optin, domain.configurations.Optin / ObfuscatedEmail) and
// the inputs that change them, checked against OVH's enums before any call.
import { z } from 'zod'

export const WhoisContactTypeEnum = z.enum(['admin', 'all', 'billing', 'owner', 'tech'])
export type WhoisContactType = z.infer<typeof WhoisContactTypeEnum>
export const WhoisFieldEnum = z.enum(['address', 'city', 'country', 'email', 'fax', 'name', 'organisation', 'phone', 'province', 'zip'])

export const OptinSchema = z.object({ type: WhoisContactTypeEnum, fields: z.array(WhoisFieldEnum) })
export type Optin = z.infer<typeof OptinSchema>

export const ObfuscatedEmailSchema = z.object({
  type: WhoisContactTypeEnum,
  value: z.string(),
  // todo: configured, the address does not redirect yet.
  status: z.enum(['done', 'todo']).nullable()
})
export type ObfuscatedEmail = z.infer<typeof ObfuscatedEmailSchema>

export const OptinInputSchema = z.array(OptinSchema.strict()).max(5)
export const ContactTypesInputSchema = z.array(WhoisContactTypeEnum).max(5)

export const WhoisSchema = z.object({
  domain: z.string(),
  optinRules: z.array(OptinSchema),
  optin: z.array(OptinSchema),
  obfuscationRules: z.array(WhoisContactTypeEnum),
  obfuscatedEmails: z.array(ObfuscatedEmailSchema)
})
