// What admin operations (CLI and zero-configuration bootstrap) work with.
import type { Config } from '../config.js'
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import type { Stores } from '../tenancy/index.js'
import type { OvhRegistry } from '../upstream/registry.js'
import { gatewayError, notFound } from '../errors.js'
import type { Tenant, User } from '../generated/prisma/client.js'

export interface AdminContext {
  config: Config
  db: Db
  secrets: SecretBox
  stores: Stores
  registry: OvhRegistry
  // Public base URL of the gateway, for OVH's redirect after a consumer key is validated.
  gatewayUrl?: string
  // For what an operation reports besides its result (e.g. a replaced key OVH would not log out).
  log?: { warn (obj: object, msg?: string): void }
}

export async function tenantBySlug (ctx: AdminContext, slug: string): Promise<Tenant> {
  const tenant = await ctx.stores.tenants.findBySlug(slug)
  if (!tenant) throw notFound(`tenant "${slug}"`)
  return tenant
}

export async function userByEmail (ctx: AdminContext, tenant: Tenant, email: string): Promise<User> {
  const user = await ctx.stores.users.findByEmail(tenant.id, email)
  if (!user) throw notFound(`user "${email}" in tenant "${tenant.slug}"`)
  return user
}

/** Prisma's unique-constraint violation, as a CONFLICT naming what already exists. */
export function conflictOnDuplicate (err: unknown, what: string): never {
  if ((err as { code?: string }).code === 'P2002') throw gatewayError('CONFLICT', `${what} already exists`)
  throw err
}
