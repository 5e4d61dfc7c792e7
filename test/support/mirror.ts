// The portfolio mirror for tests: a tenant with a validated sync key on the sandbox's demo account
// and the calls that key made (the sync's tests), and an account's mirror filled as the sync fills
// it, from the sandbox over real HTTP without the sync's own code (the reads' tests).
import type { TestApp } from '../helper.js'
import type { MirrorSyncState } from '../../src/generated/prisma/client.js'
import type { OvhDomain } from '../../src/modules/domains/schemas.js'
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

export interface MirrorFill {
  tenantId: string
  // The sandbox account (NIC) and a consumer key validated for it.
  nic: string
  consumerKey: string
  state?: MirrorSyncState
  // When the rows were "synced"; default now.
  syncedAt?: Date
  // Only these names (default: every domain of the account).
  names?: string[]
  // Service creation dates per name (the sync's second pass); others stay null.
  creation?: Record<string, Date>
}

export async function fillMirror (ctx: TestApp, fill: MirrorFill): Promise<{ accountId: string, details: OvhDomain[] }> {
  const names = fill.names ?? Object.keys(ctx.sandbox.state.accounts[fill.nic].domains).sort()
  const client = ctx.app.ovh.userClient(
    { endpoint: 'sandbox', applicationKey: ctx.sandbox.demo.applicationKey, applicationSecret: ctx.sandbox.demo.applicationSecret },
    { id: `test-sync-${fill.nic}`, consumerKey: fill.consumerKey }
  )
  const results = await client.getBatch<OvhDomain>('/domain/{serviceName}', names)
  const details = names.map(name => {
    const item = results.get(name)
    if (!item?.ok) throw new Error(`the sandbox did not answer ${name}`)
    return item.value
  })
  const scope = { tenantId: fill.tenantId, ovhEndpoint: 'sandbox', ovhAccount: fill.nic.toLowerCase() }
  const state = fill.state ?? 'ready'
  const account = await ctx.db.mirrorAccount.upsert({
    where: { tenantId_ovhEndpoint_ovhAccount: scope },
    create: { ...scope, state, domainsKnown: names.length, domainsSynced: names.length, lastListAt: new Date(), lastFullSyncAt: state === 'ready' ? new Date() : null },
    update: { state }
  })
  const syncedAt = fill.syncedAt ?? new Date()
  await ctx.db.mirrorDomain.createMany({
    data: details.map(detail => ({
      accountId: account.id,
      tenantId: fill.tenantId,
      name: detail.domain,
      tld: detail.domain.slice(detail.domain.indexOf('.') + 1),
      serviceId: BigInt(detail.serviceId),
      state: detail.state,
      expiresAt: new Date(detail.expirationDate),
      creationDate: fill.creation?.[detail.domain] ?? null,
      renewalState: detail.renewalState,
      transferLock: detail.transferLockStatus,
      nameServerType: detail.nameServerType,
      nameServers: detail.nameServers.map(server => server.nameServer),
      ownerContactId: detail.whoisOwner,
      detail: detail as object,
      syncedAt
    }))
  })
  return { accountId: account.id, details }
}

export interface RefreshRequest { scope: { tenantId: string, ovhEndpoint: string, ovhAccount: string }, targets: { domains?: string[], tasks?: string[], orders?: string[] }, reason: string }

/**
 * Records what the reads ask of the sync, in place of the sync's own `mirrorRefresh` (the reads
 * look it up at each request): the reads' tests check the requests, the sync's tests their effect.
 */
export function recordRefreshes (ctx: TestApp): RefreshRequest[] {
  const requests: RefreshRequest[] = []
  ;(ctx.app as { mirrorRefresh?: unknown }).mirrorRefresh = {
    request: async (scope: RefreshRequest['scope'], targets: RefreshRequest['targets'], reason: string) => { requests.push({ scope, targets, reason }) }
  }
  return requests
}
