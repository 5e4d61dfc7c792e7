// Zero-configuration bootstrap: on first start, a demo tenant on the in-process sandbox, its admin
// user, an API key, a validated consumer key and a validated sync key (the mirror's); on later
// starts, the same ones, checked and repaired if needed. Uses the same admin operations as the CLI.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AdminContext } from '../admin/context.js'
import { createTenant } from '../admin/tenants.js'
import { createUser } from '../admin/users.js'
import { createApiKey } from '../admin/api-keys.js'
import { checkCredential, requestCredentialFor } from '../admin/credentials.js'
import type { Sandbox } from '../sandbox/index.js'
import { requestSyncKeyFor } from '../mirror/sync-key.js'
import type { OvhCredential, Tenant, User } from '../generated/prisma/client.js'

export const DEMO_TENANT = 'demo'
export const DEMO_EMAIL = 'admin@demo.example'
// The service user whose consumer key signs for the demo's customer users (docs/customers.md).
export const DEMO_CUSTOMER_KEY_EMAIL = 'customer-key@demo.example'

export interface DemoInfo {
  graphqlUrl: string
  graphiqlUrl: string
  restUrl: string
  docsUrl: string
  apiKey: string
  tenant: string
  user: string
  sandboxUrl: string
  sandboxAdminUrl: string
}

export const demoFile = (dataDir: string): string => path.join(dataDir, 'demo.json')

export async function readDemoFile (dataDir: string): Promise<Partial<DemoInfo> | null> {
  try {
    return JSON.parse(await readFile(demoFile(dataDir), 'utf8')) as Partial<DemoInfo>
  } catch {
    return null
  }
}

export async function ensureDemo (ctx: AdminContext & { gatewayUrl: string }, sandbox: Sandbox, dataDir: string): Promise<DemoInfo> {
  const previous = await readDemoFile(dataDir)
  const tenant = await ctx.stores.tenants.findBySlug(DEMO_TENANT) ?? await createTenant(ctx, {
    slug: DEMO_TENANT,
    name: 'Demo reseller',
    ovhEndpoint: 'sandbox',
    ovhApplicationKey: sandbox.demo.applicationKey,
    ovhApplicationSecret: sandbox.demo.applicationSecret
  })
  const user = await ctx.stores.users.findByEmail(tenant.id, DEMO_EMAIL) ??
    await createUser(ctx, { tenant: DEMO_TENANT, email: DEMO_EMAIL, name: 'Demo admin', role: 'admin' })

  // The key is stored hashed: demo.json keeps the one shown at first start, reused while valid.
  let apiKey = previous?.apiKey
  if (!apiKey || !(await ctx.stores.apiKeys.authenticate(apiKey)).ok) {
    apiKey = (await createApiKey(ctx, { tenant: DEMO_TENANT, email: DEMO_EMAIL, name: 'demo' })).apiKey
  }

  // The sandbox keeps its state in the data folder too; if it was reset, ask for a new key.
  await ensureValidatedKey(ctx, sandbox, tenant, user, 'the demo consumer key')

  await ensureCustomerKey(ctx, sandbox, tenant)

  // The mirror reads the demo account with a sync key of its own, validated the same way.
  let syncKey = await ctx.stores.credentials.syncKey(tenant.id)
  if (syncKey?.state === 'validated') syncKey = await checkCredential(ctx, syncKey, tenant)
  if (syncKey?.state !== 'validated') {
    syncKey = await requestSyncKeyFor(ctx, tenant, user)
    await sandbox.admin.validateCredential({ consumerKey: ctx.stores.credentials.consumerKey(syncKey) })
    syncKey = await checkCredential(ctx, syncKey, tenant)
    if (syncKey.state !== 'validated') throw new Error(`the demo sync key is ${syncKey.state} after validation`)
  }

  const info: DemoInfo = {
    graphqlUrl: `${ctx.gatewayUrl}/graphql`,
    graphiqlUrl: `${ctx.gatewayUrl}/graphiql`,
    restUrl: `${ctx.gatewayUrl}/v1`,
    docsUrl: `${ctx.gatewayUrl}/docs`,
    apiKey,
    tenant: DEMO_TENANT,
    user: DEMO_EMAIL,
    sandboxUrl: `${ctx.gatewayUrl}/sandbox/1.0`,
    sandboxAdminUrl: `${ctx.gatewayUrl}/sandbox/admin`
  }
  await writeFile(demoFile(dataDir), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 })
  return info
}

/**
 * The user's consumer key, validated at the sandbox: the one kept from an earlier start while OVH
 * still accepts it, else a new one requested and approved as the demo's user would.
 */
async function ensureValidatedKey (ctx: AdminContext, sandbox: Sandbox, tenant: Tenant, user: User, what: string): Promise<OvhCredential> {
  let credential = await ctx.stores.credentials.current(user.id)
  if (credential?.state === 'validated') credential = await checkCredential(ctx, credential, tenant)
  if (credential?.state !== 'validated') {
    credential = await requestCredentialFor(ctx, tenant, user)
    await sandbox.admin.validateCredential({ consumerKey: ctx.stores.credentials.consumerKey(credential) })
    credential = await checkCredential(ctx, credential, tenant)
    if (credential.state !== 'validated') throw new Error(`${what} is ${credential.state} after validation`)
  }
  return credential
}

// Customer users made through the API act at once: their calls are signed with this service user's
// key, an operator's (no user management, no account settings), validated like the admin's.
async function ensureCustomerKey (ctx: AdminContext, sandbox: Sandbox, tenant: Tenant): Promise<void> {
  const user = await ctx.stores.users.findByEmail(tenant.id, DEMO_CUSTOMER_KEY_EMAIL) ??
    await createUser(ctx, { tenant: DEMO_TENANT, email: DEMO_CUSTOMER_KEY_EMAIL, name: 'Signs for customer users', role: 'operator' })
  await ensureValidatedKey(ctx, sandbox, tenant, user, 'the demo customer key')
  // Chosen once: an admin who later picks another key user keeps their choice.
  if (tenant.customerKeyUserId === null) await ctx.stores.customers.setKeyUser(tenant.id, user.id)
}

export function banner (info: DemoInfo): string {
  const line = '─'.repeat(72)
  return [
    line,
    ' OVH Reseller Gateway: zero-configuration mode (embedded PostgreSQL + OVH sandbox)',
    line,
    ` GraphQL   ${info.graphqlUrl}`,
    ` GraphiQL  ${info.graphiqlUrl}   (Headers: {"Authorization": "Bearer <API key>"})`,
    ` REST      ${info.restUrl}   (OpenAPI UI: ${info.docsUrl})`,
    ` Sandbox   ${info.sandboxUrl}   (admin: ${info.sandboxAdminUrl})`,
    ` API key   ${info.apiKey}`,
    '',
    ` curl -s ${info.graphqlUrl} -H 'authorization: Bearer ${info.apiKey}' \\`,
    "   -H 'content-type: application/json' -d '{\"query\":\"{ me { user { email } } domains(first: 5) { edges { node { name state expirationDate } } } }\"}'",
    line
  ].join('\n')
}
