// The portfolio mirror for tests: an account's mirror filled as the sync fills it. Rows are read
// from the sandbox over real HTTP (a signed batch read of GET /domain/{serviceName}, OVH's
// domain.DomainService as the sandbox returns it) and stored with the columns schema.prisma
// gives them, without the reads' own code.
import type { TestApp } from '../helper.js'
import type { MirrorSyncState } from '../../src/generated/prisma/client.js'
import type { OvhDomain } from '../../src/modules/domains/schemas.js'

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

export interface RefreshRequest { scope: { tenantId: string, ovhEndpoint: string, ovhAccount: string }, targets: { domains?: string[] }, reason: string }

/**
 * Records what the reads ask of the sync. The sync (another part of the app, absent from this
 * branch) decorates `mirrorRefresh`; the reads look it up at each request, so a test stands in.
 */
export function recordRefreshes (ctx: TestApp): RefreshRequest[] {
  const requests: RefreshRequest[] = []
  ;(ctx.app as { mirrorRefresh?: unknown }).mirrorRefresh = {
    request: async (scope: RefreshRequest['scope'], targets: RefreshRequest['targets'], reason: string) => { requests.push({ scope, targets, reason }) }
  }
  return requests
}
