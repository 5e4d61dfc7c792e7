// Users' OVH consumer keys, for tenant admins: request one (answers the validationUrl where the
// user approves it at OVH), read its state (asking OVH with check), renew it before it expires (a
// new key waits for approval while the current one keeps signing; once approved it replaces it),
// and revoke it (logged out at OVH, then never used again). Built on the CLI's own operations
// (src/admin/credentials.ts).
import type { OvhCredential } from '../../generated/prisma/client.js'
import { gatewayError } from '../../errors.js'
import { checkCredential, requestCredentialFor } from '../../admin/credentials.js'
import type { AccessRule } from '../../tenancy/access-rules.js'
import { audit } from './context.js'
import type { AccessContext } from './context.js'
import { userOf } from './users.js'

export interface ConsumerKeyView {
  id: string
  state: OvhCredential['state']
  expiresAt: Date | null
  validationUrl: string | null
  validatedAt: Date | null
  lastCheckedAt: Date | null
  accessRules: AccessRule[]
}

export interface ConsumerKeyStatus {
  current: ConsumerKeyView | null
  renewal: ConsumerKeyView | null
}

export function consumerKeyView (credential: OvhCredential, now = new Date()): ConsumerKeyView {
  return {
    id: credential.id,
    // A validated key past its expiry is reported as what it is (as Query.me does).
    state: credential.state === 'validated' && credential.expiresAt !== null && credential.expiresAt <= now ? 'expired' : credential.state,
    expiresAt: credential.expiresAt,
    validationUrl: credential.state === 'pendingValidation' ? credential.validationUrl : null,
    validatedAt: credential.validatedAt,
    lastCheckedAt: credential.lastCheckedAt,
    accessRules: credential.accessRules as unknown as AccessRule[]
  }
}

const LIVE_STATES: ReadonlyArray<OvhCredential['state']> = ['validated', 'pendingValidation']

async function enabledUser (ctx: AccessContext, userId: string) {
  const user = await userOf(ctx, userId)
  if (user.disabledAt !== null) throw gatewayError('CONFLICT', 'the user is disabled: enable them before requesting a consumer key')
  return user
}

/**
 * The user's key and a renewal waiting for approval. With `check`, OVH is asked about both (with
 * each key's own signature): an approved renewal then replaces the current key.
 */
export async function getConsumerKey (ctx: AccessContext, userId: string, check = false): Promise<ConsumerKeyStatus> {
  const user = await userOf(ctx, userId)
  const { credentials } = ctx.admin.stores
  let current = await credentials.current(user.id)
  if (current === null) return { current: null, renewal: null }
  let renewal = await credentials.pendingRenewal(current)
  if (check) {
    if (renewal !== null) renewal = await checkCredential(ctx.admin, renewal, ctx.tenant)
    if (renewal?.state === 'validated') [current, renewal] = [renewal, null]
    // A key revoked here, refused or expired stays what it is: OVH would only say it is invalid.
    else if (LIVE_STATES.includes(current.state)) current = await checkCredential(ctx.admin, current, ctx.tenant)
  }
  return { current: consumerKeyView(current), renewal: renewal === null ? null : consumerKeyView(renewal) }
}

/** A new key for the user, with the access rules of their role; the answer has its validationUrl. */
export async function requestConsumerKey (ctx: AccessContext, userId: string): Promise<ConsumerKeyView> {
  const user = await enabledUser(ctx, userId)
  const credential = await requestCredentialFor(ctx.admin, ctx.tenant, user)
  audit(ctx, 'credential.request', { targetUserId: user.id, credentialId: credential.id })
  return consumerKeyView(credential)
}

/**
 * Renewal before expiry: a new key is requested while the current validated one keeps signing the
 * user's calls; once the user approves it (the callback, or getConsumerKey with check) it replaces
 * the old one, which is logged out at OVH. A renewal already waiting is answered again.
 */
export async function renewConsumerKey (ctx: AccessContext, userId: string): Promise<ConsumerKeyView> {
  const user = await enabledUser(ctx, userId)
  const current = await ctx.admin.stores.credentials.current(user.id)
  if (current === null || current.state !== 'validated') {
    throw gatewayError('CONFLICT', 'the user has no validated consumer key to renew: request a new one instead')
  }
  const waiting = await ctx.admin.stores.credentials.pendingRenewal(current)
  if (waiting !== null) return consumerKeyView(waiting)
  const credential = await requestCredentialFor(ctx.admin, ctx.tenant, user)
  audit(ctx, 'credential.renew', { targetUserId: user.id, credentialId: credential.id, replaces: current.id })
  return consumerKeyView(credential)
}

/**
 * Ends the user's keys: a validated one is logged out at OVH (POST /auth/logout, signed with it,
 * best effort: OVH unreachable still revokes it here), and every active or waiting one is marked
 * revoked, so the gateway never signs with them again.
 */
export async function revokeConsumerKey (ctx: AccessContext, userId: string): Promise<ConsumerKeyStatus & { loggedOutAtOvh: boolean }> {
  const user = await userOf(ctx, userId)
  const { credentials } = ctx.admin.stores
  const current = await credentials.current(user.id)
  if (current === null) throw gatewayError('NOT_FOUND', 'the user has no consumer key')
  const renewal = await credentials.pendingRenewal(current)
  // Nothing live to end (revoked, refused or expired already): answered as it is, nothing audited.
  if (!LIVE_STATES.includes(current.state)) return { current: consumerKeyView(current), renewal: null, loggedOutAtOvh: false }
  let loggedOutAtOvh = false
  if (current.state === 'validated') {
    const application = ctx.admin.stores.tenants.application(ctx.tenant)
    try {
      await ctx.admin.registry.userClient(application, { id: current.id, consumerKey: credentials.consumerKey(current) }).request('POST', '/auth/logout')
      loggedOutAtOvh = true
    } catch (err) {
      const ovh = err as { errorCode?: string, kind?: string, status?: number }
      ctx.admin.log?.warn({ credentialId: current.id, error: ovh.errorCode ?? ovh.kind ?? ovh.status ?? 'failed' }, 'a revoked OVH consumer key could not be logged out at OVH')
    }
  }
  const revoked = await Promise.all([current, renewal].filter((c): c is OvhCredential => c !== null && LIVE_STATES.includes(c.state))
    .map(credential => credentials.setState(credential, 'revoked')))
  audit(ctx, 'credential.revoke', { targetUserId: user.id, credentialId: current.id, loggedOutAtOvh })
  const after = revoked.find(c => c.id === current.id) ?? current
  const renewalAfter = renewal === null ? null : revoked.find(c => c.id === renewal.id) ?? renewal
  return { current: consumerKeyView(after), renewal: renewalAfter === null ? null : consumerKeyView(renewalAfter), loggedOutAtOvh }
}
