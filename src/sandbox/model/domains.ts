// Domain views: domain.DomainServiceWithIAM and services.Service, derived from the stored DomainState.
import { serviceNotFound } from '../errors.js'
import type { AccountState, DomainState } from '../state/types.js'
import { formatDate, formatDateTime } from '../time.js'

// Only the caller's account is searched: another account's domain "does not exist" (tenant isolation).
export function findDomain (account: AccountState, name: string): DomainState {
  const domain = account.domains[name.toLowerCase()]
  if (domain === undefined) throw serviceNotFound()
  return domain
}

export function renewalStateOf (domain: DomainState): 'automatic_renew' | 'cancellation_requested' | 'manual_renew' {
  if (domain.renew.deleteAtExpiration) return 'cancellation_requested'
  return domain.renew.automatic ? 'automatic_renew' : 'manual_renew'
}

// domain.DomainServiceWithIAM (GET /domain/{serviceName})
export function toDomainService (domain: DomainState) {
  return {
    contactAdmin: { id: domain.contacts.admin },
    contactBilling: { id: domain.contacts.billing },
    contactOwner: { id: domain.contacts.owner },
    contactTech: { id: domain.contacts.tech },
    dnssecState: domain.dnssecState,
    dnssecSupported: domain.dnssecSupported,
    domain: domain.domain,
    expirationDate: formatDateTime(domain.expiration),
    glueRecordIpv6Supported: domain.glueRecordIpv6Supported,
    glueRecordMultiIpSupported: domain.glueRecordMultiIpSupported,
    hostSupported: domain.hostSupported,
    iam: {
      displayName: domain.domain,
      id: domain.iamId,
      tags: null,
      urn: `urn:v1:eu:resource:domain:${domain.domain}`
    },
    lastUpdate: formatDateTime(domain.lastUpdate),
    nameServerType: domain.nameServerType,
    nameServers: domain.nameServers.map(ns => ({ id: ns.id, ipv4: ns.ipv4, ipv6: ns.ipv6, nameServer: ns.nameServer, nameServerType: ns.nameServerType })),
    offer: domain.offer,
    owoSupported: domain.owoSupported,
    parentService: domain.parentService,
    // OVH renews (or deletes) on the expiration day.
    renewalDate: formatDateTime(domain.expiration),
    renewalState: renewalStateOf(domain),
    serviceId: domain.serviceId,
    state: domain.state,
    suspensionState: domain.suspensionState,
    transferLockStatus: domain.transferLockStatus,
    whoisOwner: domain.contacts.owner
  }
}

function serviceStatus (domain: DomainState): 'expired' | 'inCreation' | 'ok' {
  if (domain.state === 'expired' || domain.state === 'pending_delete' || domain.state === 'restorable') return 'expired'
  if (domain.state === 'pending_create' || domain.state === 'pending_incoming_transfer') return 'inCreation'
  return 'ok'
}

// A domain on its way out (transfer, suspension, deletion) cannot also be set to delete at expiry.
export function canDeleteAtExpiration (domain: DomainState): boolean {
  return domain.state === 'ok' || domain.state === 'expired'
}

// services.Service (GET /domain/{serviceName}/serviceInfos), domain.json's variant of the model.
export function toServiceInfos (domain: DomainState) {
  return {
    canDeleteAtExpiration: canDeleteAtExpiration(domain),
    contactAdmin: domain.contacts.admin,
    contactBilling: domain.contacts.billing,
    contactTech: domain.contacts.tech,
    creation: formatDate(domain.creation),
    domain: domain.domain,
    engagedUpTo: null,
    expiration: formatDate(domain.expiration),
    possibleRenewPeriod: [12, 24, 36, 48, 60, 72, 84, 96, 108, 120],
    renew: {
      automatic: domain.renew.automatic,
      deleteAtExpiration: domain.renew.deleteAtExpiration,
      forced: domain.renew.forced,
      manualPayment: !domain.renew.automatic,
      period: domain.renew.period
    },
    renewalType: domain.renew.automatic ? 'automaticV2016' : 'manual',
    serviceId: domain.serviceId,
    status: serviceStatus(domain)
  }
}
