// OVH's objects as the sync reads them (the parts it maps to columns), and that mapping.
// @see ovh-api/v1-eu/domain.json domain.DomainService, services.json services.expanded.Service
import type { DomainColumns } from './diff.js'

export interface OvhDomainService {
  domain: string
  state?: string | null
  expirationDate?: string | null
  renewalState?: string | null
  transferLockStatus?: string | null
  nameServerType?: string | null
  nameServers?: Array<{ nameServer: string }> | null
  whoisOwner?: string | null
  serviceId?: number | null
}

export interface OvhExpandedService {
  serviceId: number
  billing?: {
    lifecycle?: { current?: { creationDate?: string | null } | null } | null
    renew?: { current?: { period?: string | null } | null } | null
  } | null
}

export interface OvhDomainTask {
  id: number
  domain: string
  function: string
  status: string
  todoDate?: string | null
  lastUpdate?: string | null
  doneDate?: string | null
}

export interface OvhOrder {
  orderId: number
  date?: string | null
}

const dateOrNull = (value: string | null | undefined): Date | null => {
  if (!value) return null
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? null : date
}

export { dateOrNull }

/** The domain's columns from OVH's domain.DomainService. */
export function domainColumns (detail: OvhDomainService): DomainColumns & { nameServerType: string | null, serviceId: bigint | null } {
  return {
    state: detail.state ?? null,
    expiresAt: dateOrNull(detail.expirationDate),
    renewalState: detail.renewalState ?? null,
    transferLock: detail.transferLockStatus ?? null,
    nameServerType: detail.nameServerType ?? null,
    nameServers: (detail.nameServers ?? []).map(server => server.nameServer.toLowerCase()),
    ownerContactId: detail.whoisOwner ?? null,
    serviceId: typeof detail.serviceId === 'number' ? BigInt(detail.serviceId) : null
  }
}

/** Months of an ISO 8601 period (P1Y -> 12, P18M -> 18); null for anything else. */
export function periodMonths (period: string | null | undefined): number | null {
  const match = /^P(?:(\d+)Y)?(?:(\d+)M)?$/.exec(period ?? '')
  if (!match || (match[1] === undefined && match[2] === undefined)) return null
  return Number(match[1] ?? 0) * 12 + Number(match[2] ?? 0)
}

/** A domain's TLD as the mirror files it: everything after the first label (co.uk). */
export function tldOf (name: string): string {
  return name.slice(name.indexOf('.') + 1)
}
