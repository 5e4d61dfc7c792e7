// Eligibility rule shapes: OVH's recursive rule tree (domain.configuration.rules.Rule), the data a
// check takes (RuleData) and the check's answer.
import { z } from 'zod'
import { NicHandleInputSchema, OwnerContactInputSchema } from '../contacts/schemas.js'

export const RuleActionEnum = z.enum(['create', 'transfer', 'trade', 'update'])
export type RuleAction = z.infer<typeof RuleActionEnum>

const RuleOperatorEnum = z.enum(['between', 'contains', 'empty', 'eq', 'gt', 'gte', 'lt', 'lte', 'match', 'maxlength', 'minlength',
  'ne', 'notcontains', 'notempty', 'readonly', 'required', 'shouldbetrue'])
const RuleTypeEnum = z.enum(['bool', 'contact', 'date_ISO8601', 'domain', 'json', 'number', 'string', 'string[]', 'text'])
const RuleContextEnum = z.enum(['accept_conditions', 'claims', 'create', 'order', 'premium', 'protected_code', 'reason', 'trade', 'transfer', 'update'])

export interface OvhRule {
  label: string | null
  type: z.infer<typeof RuleTypeEnum> | null
  description: string | null
  placeholder: string | null
  constraints: OvhConstraint[] | null
  fields: OvhRule | null
  conditions: OvhRule | null
  and: OvhRule[] | null
  or: OvhRule[] | null
  contexts: Array<z.infer<typeof RuleContextEnum>> | null
}

export interface OvhConstraint {
  operator: z.infer<typeof RuleOperatorEnum> | null
  value: string | null
  values: string[] | null
  conditions: OvhRule | null
  contexts: Array<z.infer<typeof RuleContextEnum>> | null
}

// Recursive: OpenAPI gets it as a $ref to itself. The id is the lazy schema's, not the object's:
// zod calls the getter again each time it converts the schema to JSON, and an id set inside it
// registered a new object under the same id each time, so the second gateway built in a process
// failed to write its OpenAPI document ("Duplicate schema id").
export const RuleSchema: z.ZodType<OvhRule> = z.lazy(() => z.object({
  label: z.string().nullable(),
  type: RuleTypeEnum.nullable(),
  description: z.string().nullable(),
  placeholder: z.string().nullable(),
  constraints: z.array(ConstraintSchema).nullable(),
  fields: RuleSchema.nullable(),
  conditions: RuleSchema.nullable(),
  and: z.array(RuleSchema).nullable(),
  or: z.array(RuleSchema).nullable(),
  contexts: z.array(RuleContextEnum).nullable()
})).meta({ id: 'EligibilityRule' })

const ConstraintSchema: z.ZodType<OvhConstraint> = z.lazy(() => z.object({
  operator: RuleOperatorEnum.nullable(),
  value: z.string().nullable(),
  values: z.array(z.string()).nullable(),
  conditions: RuleSchema.nullable(),
  contexts: z.array(RuleContextEnum).nullable()
}))

const DomainDataSchema = z.object({
  audience: z.string().max(255),
  authInfo: z.string().max(255),
  isFor: z.array(z.enum(['campaign_website', 'educational_website', 'emails', 'information_website', 'other_purpose', 'redirect_page', 'transactional_website'])),
  otherPurpose: z.string().max(255),
  reason: z.string().max(2000),
  represent: z.string().max(255)
}).partial().strict()

// domain.configuration.rules.RuleData: every part optional.
export const RuleDataSchema = z.object({
  owner: OwnerContactInputSchema.nullable(),
  adminAccount: NicHandleInputSchema.nullable(),
  techAccount: NicHandleInputSchema.nullable(),
  domain: DomainDataSchema.nullable(),
  extras: z.object({ acceptCondition: z.boolean().nullable(), authInfo: z.string().max(255).nullable() }).partial().strict().nullable()
}).partial().strict()
export type RuleData = z.infer<typeof RuleDataSchema>

export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() })

export const EligibilityCheckSchema = z.object({
  valid: z.boolean(),
  // Field paths of the data given (owner.address.city, adminAccount.country...).
  errors: z.array(FieldErrorSchema)
})
export type EligibilityCheck = z.infer<typeof EligibilityCheckSchema>
