// The user whose OVH consumer key signs the calls of customer-limited users who have no key of
// their own (docs/customers.md explains the choice). Tenant admins set it; it must be an enabled
// user of the tenant who is not limited to customers themselves.
import { gatewayError, notFound } from '../../errors.js'
import { audit } from '../access/context.js'
import type { AccessContext } from '../access/context.js'

export interface CustomerKeyUserView {
  userId: string | null
  email: string | null
  // The state of that user's current consumer key, null when there is none (or no user).
  credentialState: string | null
}

export async function getCustomerKeyUser (ctx: AccessContext): Promise<CustomerKeyUserView> {
  const tenant = await ctx.admin.stores.tenants.findBySlug(ctx.tenant.slug)
  const userId = tenant?.customerKeyUserId ?? null
  const user = userId === null ? null : await ctx.admin.stores.users.findById(ctx.tenant.id, userId)
  if (user === null) return { userId: null, email: null, credentialState: null }
  const credential = await ctx.admin.stores.credentials.current(user.id)
  return { userId: user.id, email: user.email, credentialState: credential?.state ?? null }
}

export async function setCustomerKeyUser (ctx: AccessContext, userId: string | null): Promise<CustomerKeyUserView> {
  if (userId !== null) {
    const user = await ctx.admin.stores.users.findById(ctx.tenant.id, userId)
    if (user === null) throw notFound('user')
    if (user.customerLimited || user.disabledAt !== null) {
      throw gatewayError('BAD_USER_INPUT', 'the key user must be an enabled user who is not limited to customers', { fields: [{ field: 'userId', message: user.disabledAt !== null ? 'the user is disabled' : 'the user is limited to customers' }] })
    }
  }
  await ctx.admin.stores.customers.setKeyUser(ctx.tenant.id, userId)
  // Cached keys carry their tenant: the new key user applies from the next request here.
  ctx.admin.stores.apiKeys.forgetTenant(ctx.tenant.id)
  audit(ctx, 'customer.keyuser.set', { targetUserId: userId })
  return await getCustomerKeyUser(ctx)
}
