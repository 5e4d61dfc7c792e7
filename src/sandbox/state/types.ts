// The sandbox state: plain JSON-serialisable data (persisted as is), times in epoch ms of sandbox time.
import type { OrdersState } from './order-types.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface AccessRule {
  method: HttpMethod
  path: string
}

export interface ApplicationState {
  applicationId: number
  applicationKey: string
  applicationSecret: string
  name: string
  description: string
  status: 'active' | 'blocked' | 'inactive' | 'trusted'
}

export type CredentialStatus = 'pendingValidation' | 'validated' | 'expired' | 'refused'

export interface CredentialState {
  credentialId: number
  consumerKey: string
  applicationKey: string
  // NIC handle of the account that validated it; null while pending.
  account: string | null
  rules: AccessRule[]
  status: CredentialStatus
  creation: number
  expiration: number | null
  lastUse: number | null
  allowedIPs: string[] | null
  redirection: string | null
  // The token in the validation URL; distinct from the consumer key, which stays secret.
  validationToken: string
}

export interface ContactState {
  id: number
  firstName: string
  lastName: string
  organisationName: string | null
  legalForm: 'association' | 'corporation' | 'individual' | 'other'
  email: string
  phone: string
  language: string
  address: { line1: string, city: string, zip: string, country: string }
}

export type NameServerType = 'hosted' | 'external'

export interface NameServerState {
  id: number
  nameServer: string
  ipv4: string | null
  ipv6: string | null
  nameServerType: NameServerType
}

export type DomainStatus = 'deleted' | 'dispute' | 'expired' | 'ok' | 'outgoing_transfer' | 'pending_create' |
  'pending_delete' | 'pending_incoming_transfer' | 'pending_installation' | 'registry_suspended' | 'restorable' |
  'technical_suspended'

export type LockStatus = 'locked' | 'locking' | 'unavailable' | 'unlocked' | 'unlocking'

export interface DomainState {
  domain: string
  serviceId: number
  // UUID of the IAM resource (domain.DomainServiceWithIAM iam.id).
  iamId: string
  offer: 'diamond' | 'gold' | 'platinum'
  state: DomainStatus
  suspensionState: 'not_suspended' | 'suspended'
  creation: number
  expiration: number
  lastUpdate: number
  renew: { automatic: boolean, deleteAtExpiration: boolean, forced: boolean, period: number | null }
  transferLockStatus: LockStatus
  nameServerType: NameServerType
  nameServers: NameServerState[]
  dnssecSupported: boolean
  dnssecState: 'disabled' | 'enabled' | 'not_supported'
  hostSupported: boolean
  glueRecordIpv6Supported: boolean
  glueRecordMultiIpSupported: boolean
  owoSupported: boolean
  // Owner: a contact id (as a string, like OVH's contactOwner.id); others: NIC handles.
  contacts: { owner: string, admin: string, tech: string, billing: string }
  parentService: { name: string, type: '/allDom' } | null
}

export interface AccountState {
  nic: string
  currency: string
  ovhSubsidiary: string
  contacts: Record<string, ContactState>
  domains: Record<string, DomainState>
}

export interface ScheduledEvent {
  id: number
  at: number
  kind: string
  payload: unknown
}

export interface SandboxState {
  version: 1
  // Sandbox time = base time + this offset (advanced by the admin clock control).
  clockOffsetMs: number
  // Named counters for numeric ids; later areas add their own (taskId, orderId...).
  sequences: Record<string, number>
  applications: Record<string, ApplicationState>
  credentials: Record<string, CredentialState>
  accounts: Record<string, AccountState>
  events: ScheduledEvent[]
  // Carts, orders, payment means (model/order-state.ts creates it on first use).
  orders?: OrdersState
}

export const STATE_VERSION = 1

export function nextId (state: SandboxState, sequence: string, first = 1): number {
  const next = (state.sequences[sequence] ?? first - 1) + 1
  state.sequences[sequence] = next
  return next
}
