// A tenant with two customers, each owning some of the demo account's domains, and users limited
// to one of them: what the customer and isolation tests start from.
import type { TestApp } from '../helper.js'
import { rest, seedUser } from './fixtures.js'
import type { SeededUser } from './fixtures.js'

export interface CustomerWorld {
  admin: SeededUser
  // Customer A's domains and B's; `unowned` belongs to no customer.
  aDomains: string[]
  bDomains: string[]
  unowned: string[]
  a: { id: string, reference: string }
  b: { id: string, reference: string }
  // A user limited to customer A (an admin: every scope, yet only A's domains), with no consumer key
  // of their own: they sign with the admin's key, which the tenant designates.
  aUser: { id: string, apiKey: string }
}

export async function customerWorld (ctx: TestApp): Promise<CustomerWorld> {
  const admin = await seedUser(ctx)
  const names = Object.keys(ctx.sandbox.state.accounts[ctx.sandbox.demo.account].domains).sort()
  const [aDomains, bDomains, unowned] = [names.slice(0, 2), names.slice(2, 4), names.slice(4)]
  const make = async (reference: string, domains: string[]) => {
    const created = await rest(ctx, admin.apiKey, 'POST', '/v1/customers', { reference, name: `Customer ${reference}`, email: `${reference}@example.com` })
    await rest(ctx, admin.apiKey, 'PUT', `/v1/customers/${created.body.id}/domains`, { domains })
    return { id: created.body.id as string, reference }
  }
  const a = await make('cust-a', aDomains)
  const b = await make('cust-b', bDomains)
  await rest(ctx, admin.apiKey, 'PUT', '/v1/customer-key-user', { userId: admin.user.id })
  const user = await rest(ctx, admin.apiKey, 'POST', '/v1/users', { email: `a-user@${admin.tenant.slug}.example`, role: 'admin', customers: ['cust-a'] })
  const key = await rest(ctx, admin.apiKey, 'POST', `/v1/users/${user.body.id}/api-keys`, {})
  return { admin, aDomains, bDomains, unowned, a, b, aUser: { id: user.body.id, apiKey: key.body.key } }
}
