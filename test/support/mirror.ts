// The mirror's test setup: a tenant with a validated sync key on the sandbox's demo account, and
// the sandbox calls that key made.
import type { TestApp } from '../helper.js'
import { seedUser } from './fixtures.js'
import type { SeededUser } from './fixtures.js'
import { requestSyncKeyFor } from '../../src/mirror/sync-key.js'
import { checkCredential } from '../../src/admin/credentials.js'
import type { OvhCredential } from '../../src/generated/prisma/client.js'
import type { CallRecord } from '../../src/sandbox/admin/call-log.js'

export interface SyncSetup extends SeededUser {
  syncKey: OvhCredential
  syncConsumerKey: string
}

export async function seedSyncKey (ctx: TestApp, options: { account?: string, expiresInSeconds?: number } = {}): Promise<SyncSetup> {
  const seeded = await seedUser(ctx, { role: 'admin', account: options.account })
  let syncKey = await requestSyncKeyFor(ctx.admin, seeded.tenant, seeded.user)
  const syncConsumerKey = ctx.admin.stores.credentials.consumerKey(syncKey)
  await ctx.sandbox.admin.validateCredential({ consumerKey: syncConsumerKey, account: options.account, expiresInSeconds: options.expiresInSeconds ?? null })
  syncKey = await checkCredential(ctx.admin, syncKey, seeded.tenant)
  return { ...seeded, syncKey, syncConsumerKey }
}

/** The calls the sync key made since `since` (a call id). */
export function syncCalls (ctx: TestApp, setup: SyncSetup, since = 0): CallRecord[] {
  const id = Number(setup.syncKey.ovhCredentialId)
  return ctx.sandbox.admin.calls({ since }).filter(call => call.credentialId === id)
}

export const byRoute = (calls: CallRecord[], route: string): CallRecord[] => calls.filter(call => call.route === route)
