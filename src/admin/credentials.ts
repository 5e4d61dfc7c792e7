// Requesting a user's OVH consumer key (OVH's delegation flow) and reading its state.
import { accessRulesForRole } from '../tenancy/access-rules.js'
import type { Role } from '../tenancy/roles.js'
import type { OvhCredential, Tenant } from '../generated/prisma/client.js'
import type { AdminContext } from './context.js'
import { tenantBySlug, userByEmail } from './context.js'
import { notFound } from '../errors.js'

export function credentialView (credential: OvhCredential) {
  return {
    id: credential.id,
    state: credential.state,
    validationUrl: credential.state === 'pendingValidation' ? credential.validationUrl : null,
    expiresAt: credential.expiresAt,
    validatedAt: credential.validatedAt,
    lastCheckedAt: credential.lastCheckedAt
  }
}

/** The URL OVH sends the user's browser back to once they approved the key. */
export function callbackUrl (gatewayUrl: string | undefined, credentialId: string): string | undefined {
  return gatewayUrl ? `${gatewayUrl}/v1/credentials/${credentialId}/callback` : undefined
}

export async function requestCredentialFor (ctx: AdminContext, tenant: Tenant, user: { id: string, role: string }) {
  const application = ctx.stores.tenants.application(tenant)
  const { credential } = await ctx.stores.credentials.request({
    tenantId: tenant.id,
    userId: user.id,
    applicationClient: ctx.registry.applicationClient(application),
    accessRules: accessRulesForRole(user.role as Role),
    redirection: id => callbackUrl(ctx.gatewayUrl, id)
  })
  return credential
}

export async function requestCredential (ctx: AdminContext, raw: { tenant: string, email: string }) {
  const tenant = await tenantBySlug(ctx, raw.tenant)
  const user = await userByEmail(ctx, tenant, raw.email)
  return credentialView(await requestCredentialFor(ctx, tenant, user))
}

/** Reads a credential's state from OVH with the key itself, and stores it. */
export async function checkCredential (ctx: AdminContext, credential: OvhCredential, tenant: Tenant): Promise<OvhCredential> {
  const application = ctx.stores.tenants.application(tenant)
  const client = ctx.registry.userClient(application, { id: credential.id, consumerKey: ctx.stores.credentials.consumerKey(credential) })
  // A validated key replaces the user's older ones, which are logged out at OVH with their own key.
  return ctx.stores.credentials.refresh(credential, client, { clientFor: (consumerKey, id) => ctx.registry.userClient(application, { id, consumerKey }), log: ctx.log })
}

/**
 * The user's active consumer key, and a newer one waiting for approval (a renewal) if there is one.
 * With `check`, OVH is asked about the renewal first: once approved it replaces the active key,
 * even when OVH's browser redirection never reached the gateway's callback.
 */
export async function showCredential (ctx: AdminContext, raw: { tenant: string, email: string, check?: boolean }) {
  const tenant = await tenantBySlug(ctx, raw.tenant)
  const user = await userByEmail(ctx, tenant, raw.email)
  let credential = await ctx.stores.credentials.current(user.id)
  if (!credential) throw notFound(`OVH consumer key of "${user.email}"`)
  let renewal = await ctx.stores.credentials.pendingRenewal(credential)
  if (raw.check && renewal) {
    renewal = await checkCredential(ctx, renewal, tenant)
    // Approved: it has just replaced the active key (which refresh revoked).
    if (renewal.state === 'validated') [credential, renewal] = [renewal, null]
    else credential = await checkCredential(ctx, credential, tenant)
  } else if (raw.check) {
    credential = await checkCredential(ctx, credential, tenant)
  }
  return { ...credentialView(credential), renewal: renewal ? credentialView(renewal) : null }
}
