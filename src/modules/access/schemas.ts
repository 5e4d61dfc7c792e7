// REST shapes of the access area (users, API keys, consumer keys), shared by its routes.
import { z } from 'zod'
import { ROLES, SCOPES } from '../../tenancy/roles.js'

export const RoleSchema = z.enum(ROLES)
export const ScopeSchema = z.enum(SCOPES)

export const UserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  disabled: z.boolean().describe('A disabled user\'s API keys and tokens are refused'),
  disabledAt: z.date().nullable(),
  createdAt: z.date(),
  customers: z.array(z.string()).nullable().describe('The ids of the customers the user is limited to; null for a user who sees the whole tenant')
})

export const ApiKeySchema = z.object({
  id: z.string(),
  userId: z.string(),
  prefix: z.string().describe('The key\'s public part (ogw_...), as in logs and the audit trail'),
  name: z.string(),
  scopes: z.array(ScopeSchema),
  expiresAt: z.date().nullable(),
  lastUsedAt: z.date().nullable().describe('The last request made with the key (recorded at most once a minute)'),
  revokedAt: z.date().nullable(),
  createdAt: z.date()
})

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().describe('The key to send as `Authorization: Bearer <key>`, in this answer only: store it now')
})

export const ConsumerKeySchema = z.object({
  id: z.string(),
  state: z.enum(['pendingValidation', 'validated', 'expired', 'refused', 'revoked']),
  expiresAt: z.date().nullable(),
  validationUrl: z.string().nullable().describe('Where the user approves the key at OVH, while it waits for validation'),
  validatedAt: z.date().nullable(),
  lastCheckedAt: z.date().nullable(),
  accessRules: z.array(z.object({ method: z.string(), path: z.string() }))
})

export const ConsumerKeyStatusSchema = z.object({
  current: ConsumerKeySchema.nullable().describe('The key the user\'s calls are signed with (null when none was ever requested)'),
  renewal: ConsumerKeySchema.nullable().describe('A newer key waiting for approval, which replaces the current one once approved')
})

export const UserId = z.object({ id: z.uuid({ error: 'must be a user id' }) })
