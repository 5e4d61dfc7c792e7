// Tenants, users, API keys and consumer keys for tests, made with the same admin operations as the
// CLI, against the in-process sandbox.
import type { TestApp } from '../helper.js'
import { createTenant } from '../../src/admin/tenants.js'
import { createUser } from '../../src/admin/users.js'
import { createApiKey } from '../../src/admin/api-keys.js'
import { checkCredential, requestCredentialFor } from '../../src/admin/credentials.js'
import type { OvhCredential, Tenant, User } from '../../src/generated/prisma/client.js'
import type { Role } from '../../src/tenancy/roles.js'

export interface SeededUser {
  tenant: Tenant
  user: User
  apiKey: string
  credential: OvhCredential | null
  consumerKey: string | null
}

export interface SeedOptions {
  slug?: string
  email?: string
  role?: Role
  scopes?: string
  // The sandbox account (NIC) whose domains this user sees; default: the demo account.
  account?: string
  credential?: 'validated' | 'pending' | 'none'
}

let counter = 0

export async function seedUser (ctx: TestApp, options: SeedOptions = {}): Promise<SeededUser> {
  const slug = options.slug ?? `tenant-${++counter}-${Date.now().toString(36)}`
  const admin = ctx.admin
  const tenant = await admin.stores.tenants.findBySlug(slug) ?? await createTenant(admin, {
    slug,
    name: `Tenant ${slug}`,
    ovhEndpoint: 'sandbox',
    ovhApplicationKey: ctx.sandbox.demo.applicationKey,
    ovhApplicationSecret: ctx.sandbox.demo.applicationSecret
  })
  const email = options.email ?? `user-${++counter}@${slug}.example`
  const user = await createUser(admin, { tenant: slug, email, role: options.role ?? 'admin' })
  const { apiKey } = await createApiKey(admin, { tenant: slug, email, scopes: options.scopes })
  let credential: OvhCredential | null = null
  let consumerKey: string | null = null
  if (options.credential !== 'none') {
    credential = await requestCredentialFor(admin, tenant, user)
    consumerKey = admin.stores.credentials.consumerKey(credential)
    if (options.credential !== 'pending') {
      await ctx.sandbox.admin.validateCredential({ consumerKey, account: options.account })
      credential = await checkCredential(admin, credential, tenant)
    }
  }
  return { tenant, user, apiKey, credential, consumerKey }
}

export interface GraphQLAnswer {
  statusCode: number
  body: { data?: any, errors?: Array<{ message: string, path?: string[], extensions: { code: string, [key: string]: any } }> }
}

export async function graphql (ctx: TestApp, apiKey: string | null, query: string, variables?: Record<string, unknown>): Promise<GraphQLAnswer> {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/graphql',
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    payload: { query, variables }
  })
  return { statusCode: response.statusCode, body: response.json() }
}

export async function rest (ctx: TestApp, apiKey: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const response = await ctx.app.inject({
    method,
    url,
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
    ...(payload === undefined ? {} : { payload: payload as object })
  })
  return { statusCode: response.statusCode, headers: response.headers, body: response.body ? response.json() : null }
}
