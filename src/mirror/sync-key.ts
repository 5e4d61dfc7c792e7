// A tenant's sync key: the read-only OVH consumer key the mirror's sync reads with, so users'
// keys keep their budgets for writes and live reads. Requested and validated like a user's key
// (OVH's delegation flow), owned by the admin who asked for it, stored with purpose `sync`.
import { recursiveRules } from '../tenancy/access-rules.js'
import type { AccessRule } from '../tenancy/access-rules.js'
import type { AdminContext } from '../admin/context.js'
import { tenantBySlug, userByEmail } from '../admin/context.js'
import { callbackUrl, checkCredential, credentialView } from '../admin/credentials.js'
import { badUserInput, notFound } from '../errors.js'
import type { OvhCredential, Tenant, User } from '../generated/prisma/client.js'

// GET only, on what the sync reads: domains, the account's tasks, orders and contacts, services.
export const SYNC_KEY_RULES: AccessRule[] = [
  { method: 'GET', path: '/auth/currentCredential' },
  // A replaced sync key is logged out at OVH with its own signature.
  { method: 'POST', path: '/auth/logout' },
  ...recursiveRules(['GET'], '/domain'),
  ...recursiveRules(['GET'], '/me'),
  ...recursiveRules(['GET'], '/services')
]

async function owner (ctx: AdminContext, tenant: Tenant, email: string | undefined): Promise<User> {
  if (email !== undefined) {
    const user = await userByEmail(ctx, tenant, email)
    if (user.role !== 'admin') throw badUserInput('a sync key is requested by an admin of the tenant', [{ field: 'email', message: `is a ${user.role}` }])
    return user
  }
  const admin = (await ctx.stores.users.list(tenant.id)).find(user => user.role === 'admin' && user.disabledAt === null)
  if (!admin) throw notFound(`admin user in tenant "${tenant.slug}"`)
  return admin
}

export async function requestSyncKeyFor (ctx: AdminContext, tenant: Tenant, user: User): Promise<OvhCredential> {
  const application = ctx.stores.tenants.application(tenant)
  const { credential } = await ctx.stores.credentials.request({
    tenantId: tenant.id,
    userId: user.id,
    applicationClient: ctx.registry.applicationClient(application),
    accessRules: SYNC_KEY_RULES,
    redirection: id => callbackUrl(ctx.gatewayUrl, id),
    purpose: 'sync'
  })
  return credential
}

/** `sync key request`: the URL where the tenant's admin approves the sync key. */
export async function requestSyncKey (ctx: AdminContext, raw: { tenant: string, email?: string }) {
  const tenant = await tenantBySlug(ctx, raw.tenant)
  const user = await owner(ctx, tenant, raw.email)
  return { ...credentialView(await requestSyncKeyFor(ctx, tenant, user)), owner: user.email }
}

/** `sync key show`: the tenant's sync key, its state read from OVH with --check. */
export async function showSyncKey (ctx: AdminContext, raw: { tenant: string, check?: boolean }) {
  const tenant = await tenantBySlug(ctx, raw.tenant)
  let credential = await ctx.stores.credentials.syncKey(tenant.id)
  if (!credential) throw notFound(`sync key of tenant "${tenant.slug}"`)
  if (raw.check) credential = await checkCredential(ctx, credential, tenant)
  return { ...credentialView(credential), ovhAccount: credential.ovhAccount }
}
