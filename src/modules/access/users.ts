// Users and their API keys, for tenant admins: list, create, change role, disable or enable; create
// API keys (the key is answered once), list them with their last use, revoke them. Everything stays
// inside the caller's tenant, whatever ids are sent, and every change goes to the audit trail.
import { z } from 'zod'
import type { ApiKey, User } from '../../generated/prisma/client.js'
import { gatewayError, notFound } from '../../errors.js'
import { DURATION, expiryOf } from '../../admin/api-keys.js'
import { conflictOnDuplicate } from '../../admin/context.js'
import { ROLES, SCOPES, scopesOfRole } from '../../tenancy/roles.js'
import type { Role, Scope } from '../../tenancy/roles.js'
import { validateInput, nothingToChange } from '../shared/validate.js'
import { customerIdsOf } from '../customers/service.js'
import { audit } from './context.js'
import type { AccessContext } from './context.js'

export interface UserView {
  id: string
  email: string
  name: string | null
  role: Role
  disabled: boolean
  disabledAt: Date | null
  createdAt: Date
  // The customers (ids) the user is limited to; null for a user who sees the whole tenant.
  customers: string[] | null
}

export interface ApiKeyView {
  id: string
  userId: string
  prefix: string
  name: string
  scopes: Scope[]
  expiresAt: Date | null
  lastUsedAt: Date | null
  revokedAt: Date | null
  createdAt: Date
}

export const userView = (user: User, customers: string[] | null = null): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  disabled: user.disabledAt !== null,
  disabledAt: user.disabledAt,
  createdAt: user.createdAt,
  customers: user.customerLimited ? customers ?? [] : null
})

async function withLimits (ctx: AccessContext, users: User[]): Promise<UserView[]> {
  const limits = await ctx.admin.stores.customers.limitsOf(users.filter(user => user.customerLimited).map(user => user.id))
  return users.map(user => userView(user, limits.get(user.id) ?? []))
}

// Customers are named by id or by the tenant's reference; at most 100 per user.
const Customers = z.array(z.string().min(1).max(100)).max(100)

export const apiKeyView = (key: ApiKey): ApiKeyView => ({
  id: key.id,
  userId: key.userId,
  prefix: key.prefix,
  name: key.name,
  scopes: key.scopes.filter((scope): scope is Scope => (SCOPES as readonly string[]).includes(scope)),
  expiresAt: key.expiresAt,
  lastUsedAt: key.lastUsedAt,
  revokedAt: key.revokedAt,
  createdAt: key.createdAt
})

const CreateUserSchema = z.object({
  email: z.email({ error: 'must be an e-mail address' }).max(254),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  name: z.string().min(1).max(200).nullish().transform(value => value ?? null),
  customers: Customers.nullish().transform(value => value ?? null)
})

const UpdateUserSchema = z.object({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }).nullish().transform(value => value ?? undefined),
  name: z.string().min(1).max(200).nullish(),
  disabled: z.boolean().nullish().transform(value => value ?? undefined),
  // null lifts the limit; left out, it stays as it is.
  customers: Customers.nullish()
})

const CreateKeySchema = z.object({
  name: z.string().min(1).max(100).nullish().transform(value => value ?? 'default'),
  scopes: z.array(z.enum(SCOPES, { error: `must be one of ${SCOPES.join(', ')}` })).min(1, 'give at least one scope, or leave scopes out for all the role allows').nullish()
    .transform(value => value === null || value === undefined ? undefined : [...new Set(value)]),
  expiresIn: z.string().regex(DURATION, 'a duration such as 12h, 90d or 4w').nullish().transform(value => value ?? undefined)
})

export type CreateUserInput = z.input<typeof CreateUserSchema>
export type UpdateUserInput = z.input<typeof UpdateUserSchema>
export type CreateApiKeyInput = z.input<typeof CreateKeySchema>

/** A user of the context's tenant; another tenant's id is NOT_FOUND, as an unknown one. */
export async function userOf (ctx: AccessContext, id: string): Promise<User> {
  const user = await ctx.admin.stores.users.findById(ctx.tenant.id, id)
  if (user === null) throw notFound('user')
  return user
}

export async function listUsers (ctx: AccessContext): Promise<UserView[]> {
  return await withLimits(ctx, await ctx.admin.stores.users.list(ctx.tenant.id))
}

export async function getUser (ctx: AccessContext, id: string): Promise<UserView> {
  return (await withLimits(ctx, [await userOf(ctx, id)]))[0]
}

// A tenant admin may make any role of their own tenant, admin included: that is the top of the
// tenant, and no input names another tenant (the tenant is the caller's own).
export async function createUser (ctx: AccessContext, input: CreateUserInput): Promise<UserView> {
  const { customers: keys, ...valid } = validateInput(CreateUserSchema, input, 'input')
  const customers = keys === null ? null : await customerIdsOf(ctx, keys, 'input.customers')
  let user = await ctx.admin.stores.users.create({ tenantId: ctx.tenant.id, ...valid })
    .catch(err => conflictOnDuplicate(err, `user "${valid.email.toLowerCase()}"`))
  if (customers !== null) {
    await ctx.admin.stores.customers.setLimit(ctx.tenant.id, user.id, customers)
    user = { ...user, customerLimited: true }
  }
  audit(ctx, 'user.create', { targetUserId: user.id, email: user.email, role: user.role, customers: customers?.join(',') ?? null })
  return userView(user, customers)
}

export async function updateUser (ctx: AccessContext, id: string, input: UpdateUserInput): Promise<UserView> {
  const valid = validateInput(UpdateUserSchema, input, 'input')
  if (valid.role === undefined && valid.name === undefined && valid.disabled === undefined && valid.customers === undefined) throw nothingToChange('input', 'role, name, disabled, customers')
  const user = await userOf(ctx, id)
  const customers = valid.customers === undefined || valid.customers === null ? valid.customers : await customerIdsOf(ctx, valid.customers, 'input.customers')
  // The user whose key signs for customer users acts for the whole tenant (./customers/key-user.ts).
  if (customers != null && ctx.tenant.customerKeyUserId === user.id) {
    throw gatewayError('BAD_USER_INPUT', 'this user\'s key signs for customer users: choose another key user first', { fields: [{ field: 'input.customers', message: 'cannot limit the customer key user' }] })
  }
  // An admin who demoted or disabled themselves could lock the tenant out of its own management.
  if (user.id === ctx.actor.userId && ((valid.role !== undefined && valid.role !== 'admin') || valid.disabled === true)) {
    throw gatewayError('BAD_USER_INPUT', 'you cannot demote or disable yourself: ask another admin', {
      fields: [{ field: valid.disabled === true ? 'input.disabled' : 'input.role', message: 'cannot be changed on your own user' }]
    })
  }
  const disabledAt = valid.disabled === undefined ? undefined : valid.disabled ? user.disabledAt ?? new Date() : null
  if (customers !== undefined) await ctx.admin.stores.customers.setLimit(ctx.tenant.id, user.id, customers)
  const updated = await ctx.admin.stores.users.update(ctx.tenant.id, user.id, { role: valid.role, name: valid.name, disabledAt })
  if (updated === null) throw notFound('user')
  // Cached keys carry their user: a disabled user's keys (and their tokens) stop at once, and a
  // new role applies from the next request.
  ctx.admin.stores.apiKeys.forgetUser(user.id)
  audit(ctx, 'user.update', {
    targetUserId: user.id,
    role: valid.role ?? null,
    name: valid.name === undefined ? null : valid.name,
    disabled: valid.disabled ?? null,
    ...(customers === undefined ? {} : { customers: customers === null ? 'unlimited' : customers.join(',') })
  })
  return (await withLimits(ctx, [updated]))[0]
}

export async function listApiKeys (ctx: AccessContext, userId: string): Promise<ApiKeyView[]> {
  const user = await userOf(ctx, userId)
  return (await ctx.admin.stores.apiKeys.list(ctx.tenant.id, user.id)).map(apiKeyView)
}

/** A new key for a user, answered once; its scopes must be within the user's role. */
export async function createApiKey (ctx: AccessContext, userId: string, input: CreateApiKeyInput | null | undefined, now = new Date()): Promise<ApiKeyView & { key: string }> {
  const valid = validateInput(CreateKeySchema, input ?? {}, 'input')
  const user = await userOf(ctx, userId)
  if (user.disabledAt !== null) throw gatewayError('CONFLICT', 'the user is disabled: enable them before giving them a key')
  const allowed = scopesOfRole(user.role)
  const scopes = valid.scopes ?? [...allowed]
  const beyond = scopes.filter(scope => !allowed.includes(scope))
  if (beyond.length > 0) {
    throw gatewayError('BAD_USER_INPUT', `the ${user.role} role does not allow ${beyond.join(', ')}`, {
      fields: [{ field: 'input.scopes', message: `a ${user.role} key may have ${allowed.join(', ')}` }]
    })
  }
  const created = await ctx.admin.stores.apiKeys.create({ tenantId: ctx.tenant.id, userId: user.id, name: valid.name, scopes, expiresAt: expiryOf(valid.expiresIn, now) })
  audit(ctx, 'apikey.create', { targetUserId: user.id, prefix: created.record.prefix, scopes: scopes.join(','), expiresAt: created.record.expiresAt?.toISOString() ?? null })
  return { key: created.apiKey, ...apiKeyView(created.record) }
}

export async function revokeApiKey (ctx: AccessContext, id: string): Promise<ApiKeyView> {
  const key = await ctx.admin.stores.apiKeys.findById(ctx.tenant.id, id)
  if (key === null) throw notFound('API key')
  const revoked = await ctx.admin.stores.apiKeys.revoke(ctx.tenant.id, key.id)
  if (revoked === null) throw notFound('API key')
  if (key.revokedAt === null) audit(ctx, 'apikey.revoke', { targetUserId: key.userId, prefix: key.prefix })
  return apiKeyView(revoked)
}
