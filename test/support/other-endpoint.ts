// A tenant on another OVH endpoint: a standalone sandbox of its own (its own port and state), made
// with the same admin operations as seedUser. Two fresh sandboxes hand out the same order ids, as
// two OVH endpoints (or accounts) may: what the gateway records must keep them apart.
import type { TestApp } from '../helper.js'
import { createTenant } from '../../src/admin/tenants.js'
import { createUser } from '../../src/admin/users.js'
import { createApiKey } from '../../src/admin/api-keys.js'
import { checkCredential, requestCredentialFor } from '../../src/admin/credentials.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import type { Role } from '../../src/tenancy/roles.js'
import type { SeededUser } from './fixtures.js'

let counter = 0

export async function seedUserOn (ctx: TestApp, endpoint: { sandbox: Sandbox, baseUrl: string }, options: { role?: Role } = {}): Promise<SeededUser> {
  const slug = `other-endpoint-${++counter}-${Date.now().toString(36)}`
  const tenant = await createTenant(ctx.admin, {
    slug,
    name: `Tenant ${slug}`,
    ovhEndpoint: endpoint.baseUrl,
    ovhApplicationKey: endpoint.sandbox.demo.applicationKey,
    ovhApplicationSecret: endpoint.sandbox.demo.applicationSecret
  })
  const email = `user@${slug}.example`
  const user = await createUser(ctx.admin, { tenant: slug, email, role: options.role ?? 'operator' })
  const { apiKey } = await createApiKey(ctx.admin, { tenant: slug, email })
  const pending = await requestCredentialFor(ctx.admin, tenant, user)
  const consumerKey = ctx.admin.stores.credentials.consumerKey(pending)
  endpoint.sandbox.admin.validateCredential({ consumerKey })
  const credential = await checkCredential(ctx.admin, pending, tenant)
  return { tenant, user, apiKey, credential, consumerKey }
}
