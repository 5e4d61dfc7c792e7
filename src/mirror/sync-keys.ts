// The sync key an account is read with: its tenant's validated sync key for that OVH account
// (endpoint and NIC). Discovery makes an account for each such key.
import type { MirrorAccount, OvhCredential, Tenant } from '../generated/prisma/client.js'
import { endpointIdentity } from '../modules/orders/ovh-scope.js'
import type { MirrorDeps } from './deps.js'

export interface AccountKey {
  credential: OvhCredential
  tenant: Tenant
}

/** The newest validated sync key of the account, else its newest sync key of any state. */
export async function syncKeyOf (deps: Pick<MirrorDeps, 'db'>, account: MirrorAccount): Promise<AccountKey | null> {
  const tenant = await deps.db.tenant.findUnique({ where: { id: account.tenantId } })
  if (!tenant || endpointIdentity(tenant.ovhEndpoint) !== account.ovhEndpoint) return null
  const keys = await deps.db.ovhCredential.findMany({
    where: { tenantId: account.tenantId, purpose: 'sync', ovhAccount: account.ovhAccount },
    orderBy: { createdAt: 'desc' },
    take: 10
  })
  const credential = keys.find(key => key.state === 'validated') ?? keys[0]
  return credential ? { credential, tenant } : null
}

/** One account per validated sync key (tenant, endpoint, NIC), created when first seen. */
export async function discoverAccounts (deps: Pick<MirrorDeps, 'db'>): Promise<MirrorAccount[]> {
  const keys = await deps.db.ovhCredential.findMany({
    where: { purpose: 'sync', state: 'validated', ovhAccount: { not: null } },
    include: { tenant: true }
  })
  const accounts = new Map<string, MirrorAccount>()
  for (const key of keys) {
    const scope = { tenantId: key.tenantId, ovhEndpoint: endpointIdentity(key.tenant.ovhEndpoint), ovhAccount: key.ovhAccount! }
    const account = await deps.db.mirrorAccount.upsert({ where: { tenantId_ovhEndpoint_ovhAccount: scope }, create: scope, update: {} })
    accounts.set(account.id, account)
  }
  return [...accounts.values()]
}
