// The shapes of order inputs that OVH would refuse, as zod schemas: the services check with them
// (GraphQL and REST alike) and the REST routes show them in the OpenAPI document.
import { z } from 'zod'

// OVH's configuration labels: OWNER_CONTACT, ADMIN_ACCOUNT, ACCEPT_CONDITIONS...
export const ConfigurationLabelSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an OVH label such as OWNER_CONTACT')
export const PricingModeSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be an OVH pricing mode such as create-default')
// A plan code is the extension ('fr', 'co.uk') or an OVH plan name: lower-case labels, dots, dashes.
export const PlanCodeSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9.-]{0,62}[a-z0-9])?$/, 'must be an OVH plan code such as the extension (fr, co.uk)')
export const NicHandleSchema = z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{1,29}$/, 'must be an OVH NIC handle such as ab12345-ovh')
export const AuthInfoSchema = z.string().min(1, '1 to 255 characters').max(255, '1 to 255 characters')

/** The message of the first problem of `value`, or null when the schema takes it. */
export function problemOf (schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value)
  return parsed.success ? null : parsed.error.issues[0].message
}

// The id of a trademark claim notice, as OVH's GET /domain/data/claimNotice gives it.
export const ClaimNoticeIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be a claim notice id (letters, digits, . _ : -), as claimNotice gives it')
