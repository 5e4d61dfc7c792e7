// Who is calling: the user, role, tenant, scopes and the state of their OVH consumer key.
import type { Caller } from '../../upstream/caller.js'
import type { AccessRule } from '../../tenancy/access-rules.js'

export interface MeView {
  user: { id: string, email: string, name: string | null, role: string }
  role: string
  scopes: string[]
  tenant: { id: string, slug: string, name: string, ovhEndpoint: string, ovhSubsidiary: string }
  credential: {
    id: string
    state: string
    expiresAt: Date | null
    validationUrl: string | null
    validatedAt: Date | null
    lastCheckedAt: Date | null
    accessRules: AccessRule[]
  } | null
}

export async function getMe (caller: Caller): Promise<MeView> {
  const { user, tenant } = caller
  const credential = await caller.credential()
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role },
    role: user.role,
    scopes: [...caller.scopes],
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, ovhEndpoint: tenant.ovhEndpoint, ovhSubsidiary: tenant.ovhSubsidiary },
    credential: credential
      ? {
          id: credential.id,
          // A validated key past its expiry is reported as what it is.
          state: credential.state === 'validated' && credential.expiresAt && credential.expiresAt <= new Date() ? 'expired' : credential.state,
          expiresAt: credential.expiresAt,
          validationUrl: credential.state === 'pendingValidation' ? credential.validationUrl : null,
          validatedAt: credential.validatedAt,
          lastCheckedAt: credential.lastCheckedAt,
          accessRules: credential.accessRules as unknown as AccessRule[]
        }
      : null
  }
}
