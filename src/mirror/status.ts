// Per account: the sync's state, domains known and read, last full sync, lag, calls used and the
// last error. Lag is how old the oldest mirrored data is: the older of the last list and the
// oldest domain detail (null before either exists). The detail pass P bounds, with
// MIRROR_DETAIL_MAX_AGE, how soon a change made outside the gateway appears (docs/mirror.md).
import type { Db } from '../db/client.js'
import type { MirrorSyncState } from '../generated/prisma/client.js'

export interface MirrorAccountStatus {
  accountId: string
  tenant: string
  ovhEndpoint: string
  ovhAccount: string
  state: MirrorSyncState
  domainsKnown: number
  domainsSynced: number
  lastListAt: Date | null
  lastFullSyncAt: Date | null
  lagSeconds: number | null
  // P: one full pass over the details as the sync last computed it (null before reconciliation)
  detailPassSeconds: number | null
  callsUsed: number
  lastError: string | null
  lastErrorAt: Date | null
}

export async function mirrorStatus (db: Db, filter: { tenantId?: string, accountId?: string } = {}, now = new Date()): Promise<MirrorAccountStatus[]> {
  const accounts = await db.mirrorAccount.findMany({
    where: { ...(filter.tenantId ? { tenantId: filter.tenantId } : {}), ...(filter.accountId ? { id: filter.accountId } : {}) },
    include: { tenant: { select: { slug: true } } },
    orderBy: [{ tenantId: 'asc' }, { ovhAccount: 'asc' }]
  })
  if (accounts.length === 0) return []
  const oldest = await db.mirrorDomain.groupBy({
    by: ['accountId'],
    where: { accountId: { in: accounts.map(account => account.id) }, syncedAt: { gt: new Date(0) } },
    _min: { syncedAt: true }
  })
  const oldestOf = new Map(oldest.map(row => [row.accountId, row._min.syncedAt]))
  return accounts.map(account => {
    const times = [account.lastListAt, oldestOf.get(account.id) ?? null].filter((time): time is Date => time !== null)
    const since = times.length > 0 ? Math.min(...times.map(time => time.getTime())) : null
    return {
      accountId: account.id,
      tenant: account.tenant.slug,
      ovhEndpoint: account.ovhEndpoint,
      ovhAccount: account.ovhAccount,
      state: account.state,
      domainsKnown: account.domainsKnown,
      domainsSynced: account.domainsSynced,
      lastListAt: account.lastListAt,
      lastFullSyncAt: account.lastFullSyncAt,
      lagSeconds: since === null ? null : Math.max(0, Math.round((now.getTime() - since) / 1000)),
      detailPassSeconds: account.detailPassMs === null ? null : Math.ceil(account.detailPassMs / 1000),
      callsUsed: account.callsUsed,
      lastError: account.lastError,
      lastErrorAt: account.lastErrorAt
    }
  })
}
