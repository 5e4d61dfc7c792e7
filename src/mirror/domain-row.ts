// A mirrored domain's columns from OVH's domain.DomainService (GET /domain/{serviceName}): what
// portfolio queries filter and sort on, beside the object kept whole in `detail`. The service's
// own columns (creationDate, renewalPeriod, service) come from GET /services/{id}: not here.
import { Prisma } from '../generated/prisma/client.js'
import type { Db } from '../db/client.js'
import type { OvhDomain } from '../modules/domains/schemas.js'

/** A registered name's extension: 'example.co.uk' -> 'co.uk' (everything after the first label). */
export function tldOf (name: string): string {
  const dot = name.indexOf('.')
  return dot === -1 ? name : name.slice(dot + 1)
}

export interface DomainColumns {
  name: string
  tld: string
  serviceId: bigint | null
  state: string | null
  expiresAt: Date | null
  renewalState: string | null
  transferLock: string | null
  nameServerType: string | null
  nameServers: string[]
  ownerContactId: string | null
}

export function domainColumnsOf (detail: OvhDomain): DomainColumns {
  const name = detail.domain.toLowerCase()
  const expires = Date.parse(detail.expirationDate)
  return {
    name,
    tld: tldOf(name),
    serviceId: Number.isSafeInteger(detail.serviceId) ? BigInt(detail.serviceId) : null,
    state: detail.state ?? null,
    expiresAt: Number.isNaN(expires) ? null : new Date(expires),
    renewalState: detail.renewalState ?? null,
    transferLock: detail.transferLockStatus ?? null,
    nameServerType: detail.nameServerType ?? null,
    nameServers: (detail.nameServers ?? []).map(server => server.nameServer),
    ownerContactId: detail.whoisOwner ?? null
  }
}

/**
 * Stores domains just read live (read once and kept), in one statement. A row the sync wrote
 * after this read began is newer and stays (the WHERE of the update); the service columns are
 * the sync's and are left alone.
 */
export async function keepDomains (db: Db, account: { id: string, tenantId: string }, details: readonly OvhDomain[], readAt: Date): Promise<void> {
  if (details.length === 0) return
  const at = readAt.toISOString()
  const rows = details.map(detail => {
    const c = domainColumnsOf(detail)
    return Prisma.sql`(${account.id}::uuid, ${c.name}, ${account.tenantId}::uuid, ${c.tld}, ${c.serviceId === null ? null : c.serviceId.toString()}::bigint,
      ${c.state}, ${c.expiresAt?.toISOString() ?? null}::timestamp, ${c.renewalState}, ${c.transferLock}, ${c.nameServerType},
      ${c.nameServers}::text[], ${c.ownerContactId}, ${JSON.stringify(detail)}::jsonb, ${at}::timestamp)`
  })
  await db.$executeRaw`
    INSERT INTO "MirrorDomain" ("accountId", "name", "tenantId", "tld", "serviceId", "state", "expiresAt", "renewalState",
      "transferLock", "nameServerType", "nameServers", "ownerContactId", "detail", "syncedAt")
    VALUES ${Prisma.join(rows)}
    ON CONFLICT ("accountId", "name") DO UPDATE SET
      "tld" = EXCLUDED."tld", "serviceId" = EXCLUDED."serviceId", "state" = EXCLUDED."state", "expiresAt" = EXCLUDED."expiresAt",
      "renewalState" = EXCLUDED."renewalState", "transferLock" = EXCLUDED."transferLock", "nameServerType" = EXCLUDED."nameServerType",
      "nameServers" = EXCLUDED."nameServers", "ownerContactId" = EXCLUDED."ownerContactId", "detail" = EXCLUDED."detail",
      "syncedAt" = EXCLUDED."syncedAt"
    WHERE "MirrorDomain"."syncedAt" <= EXCLUDED."syncedAt"`
}
