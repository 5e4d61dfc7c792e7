// Creating (shown once) and revoking API keys.
import { z } from 'zod'
import { notFound } from '../errors.js'
import { parseScopes } from '../tenancy/roles.js'
import type { Role } from '../tenancy/roles.js'
import type { AdminContext } from './context.js'
import { tenantBySlug, userByEmail } from './context.js'
import { parseInput } from './parse-input.js'
import { badUserInput } from '../errors.js'

export const DURATION = /^(\d{1,4})([hdw])$/
const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const

/** When a key given `expiresIn` (12h, 90d, 4w) from `now` expires; null without one. */
export function expiryOf (expiresIn: string | undefined, now: Date): Date | null {
  if (!expiresIn) return null
  const [, amount, unit] = DURATION.exec(expiresIn)!
  return new Date(now.getTime() + Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS])
}

const ApiKeyInput = z.object({
  tenant: z.string().min(1),
  email: z.email(),
  name: z.string().min(1).max(100).default('default'),
  scopes: z.string().optional(),
  expiresIn: z.string().regex(DURATION, 'a duration such as 12h, 90d or 4w').optional()
})

export async function createApiKey (ctx: AdminContext, raw: z.input<typeof ApiKeyInput>, now = new Date()) {
  const input = parseInput(ApiKeyInput, raw)
  const tenant = await tenantBySlug(ctx, input.tenant)
  const user = await userByEmail(ctx, tenant, input.email)
  let scopes
  try {
    scopes = parseScopes(input.scopes, user.role as Role)
  } catch (err) {
    throw badUserInput((err as Error).message, [{ field: 'scopes', message: (err as Error).message }])
  }
  const expiresAt = expiryOf(input.expiresIn, now)
  const created = await ctx.stores.apiKeys.create({ tenantId: tenant.id, userId: user.id, name: input.name, scopes, expiresAt })
  return { apiKey: created.apiKey, prefix: created.record.prefix, scopes, expiresAt, tenant: tenant.slug, user: user.email }
}

export async function revokeApiKey (ctx: AdminContext, raw: { tenant: string, key: string }) {
  const tenant = await tenantBySlug(ctx, raw.tenant)
  // Accept the whole key too: revoking what leaked should not need any parsing by the operator.
  const prefix = raw.key.startsWith('ogw_') ? raw.key.split('_').slice(0, 2).join('_') : raw.key
  const key = await ctx.stores.apiKeys.revoke(tenant.id, prefix)
  if (!key) throw notFound(`API key "${prefix}" in tenant "${tenant.slug}"`)
  return { prefix: key.prefix, revokedAt: key.revokedAt }
}
