// The sandbox state: plain JSON-serialisable data (persisted as is), times in epoch ms of sandbox time.
import type { ZoneState } from './dns-types.js'
import type { BillState, OrdersState } from './order-types.js'

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

// domain.ContactAddress: every field nullable, as OVH sends it.
export interface ContactAddressState {
  line1: string | null
  line2: string | null
  line3: string | null
  city: string | null
  zip: string | null
  province: string | null
  country: string | null
  otherDetails: string | null
}

// An owner contact: the whole domain.Contact (id aside) as OVH sends it, every field nullable.
// /domain/contact/{id} and /me/contact/{id} read the same record (docs/OVH-API.md 6.1).
export interface ContactFields {
  accreditationCountry: string | null
  accreditationId: string | null
  accreditationOrganism: string | null
  accreditationYear: number | null
  address: ContactAddressState | null
  birthCity: string | null
  birthCountry: string | null
  birthDay: string | null
  birthZip: string | null
  cellPhone: string | null
  companyNationalIdentificationNumber: string | null
  email: string | null
  enterpriseId: string | null
  fax: string | null
  firstName: string | null
  gender: 'female' | 'male' | null
  insee: string | null
  language: string | null
  lastName: string | null
  legalForm: 'administration' | 'association' | 'corporation' | 'individual' | 'other' | 'personalcorporation' | null
  legalFormCategory: string | null
  nationalIdentificationNumber: string | null
  nationality: string | null
  organisationAccountable: string | null
  organisationFunding: string | null
  organisationFundingOther: string | null
  organisationName: string | null
  organisationRole: string | null
  organisationRoleOther: string | null
  organisationStaffStatus: string | null
  organisationStaffStatusOther: string | null
  organisationType: string | null
  organisationTypeOther: string | null
  phone: string | null
  registrantDocumentType: string | null
  registrantDocumentTypeOther: string | null
  roleInOrganisation: string | null
  trademarkId: string | null
  vat: string | null
  website: string | null
  // me.contact.Contact only.
  spareEmail: string | null
}

export interface ContactState extends ContactFields {
  id: number
}

// The account's own NIC handle data (nichandle.Nichandle, flat address): the default admin, tech
// and billing contact of its domains, read by the eligibility rules.
export interface NicProfile {
  email: string
  firstname: string | null
  name: string | null
  organisation: string | null
  legalform: 'administration' | 'association' | 'corporation' | 'individual' | 'other' | 'personalcorporation'
  address: string | null
  city: string | null
  zip: string | null
  country: string
  phone: string | null
  language: string | null
}

// domain.OperationStatusEnum
export type DomainTaskStatus = 'cancelled' | 'doing' | 'done' | 'error' | 'problem' | 'todo'

// One argument of a domain task (nichandle.DomainTaskArgument): what a task in error needs fixed.
export interface TaskArgumentSpec {
  key: string
  // OVH's own type names ('string', 'document', 'contact'...).
  type: string
  description?: string | null
  value?: string | null
  acceptedValues?: string[] | null
  acceptedFormats?: Array<'gif' | 'jpeg' | 'jpg' | 'pdf' | 'png'> | null
  // Contact fields the argument stands for (xander.ContactFieldEnum).
  fields?: string[] | null
  minimumSize?: number | null
  maximumSize?: number | null
  readOnly?: boolean
  template?: string | null
}

export interface DomainTaskState {
  id: number
  // NIC handle of the account the task belongs to.
  account: string
  domain: string
  // domain.OperationFunctionEnum value (a plain string in domain.Task).
  function: string
  status: DomainTaskStatus
  comment: string | null
  creation: number
  // Next planned run.
  todoDate: number
  lastUpdate: number
  doneDate: number | null
  // JSON the task's handler needs (e.g. the expected auth code).
  payload: unknown
  arguments: Record<string, TaskArgumentSpec>
  // How many times the task ran (first run and relaunches).
  runs: number
  // The scheduled event that moves it next (start or finish), for cancel and accelerate.
  eventId: number | null
}

// nichandle.changeContact.TaskStateEnum
export type ContactChangeStateName = 'aborted' | 'checkValidity' | 'doing' | 'done' | 'error' | 'expired' | 'refused' | 'todo' | 'validatingByCustomers'

export type ContactRole = 'contactAdmin' | 'contactBilling' | 'contactTech'

// A request to change the admin, tech or billing NIC of a domain (nichandle.contactChange.Task):
// both the current and the new NIC accept it with the token they were emailed.
export interface ContactChangeState {
  id: number
  askingAccount: string
  fromAccount: string
  toAccount: string
  contactTypes: ContactRole[]
  serviceDomain: string
  state: ContactChangeStateName
  dateRequest: number
  dateDone: number | null
  // NIC -> the token emailed to it (deterministic, readable by tests from the state).
  tokens: Record<string, string>
  // NICs that accepted so far.
  accepted: string[]
  emailsSent: number
}

// domain.configurations.ContactTypeEnum
export type WhoisContactType = 'admin' | 'all' | 'billing' | 'owner' | 'tech'

export interface ObfuscatedEmailState {
  type: WhoisContactType
  value: string
  status: 'done' | 'todo'
}

// Whois display settings of one domain (docs/OVH-API.md 8); created on first use.
export interface WhoisState {
  optin: Array<{ type: WhoisContactType, fields: string[] }>
  obfuscated: ObfuscatedEmailState[]
}

export type NameServerType = 'hosted' | 'external'

export interface NameServerState {
  id: number
  nameServer: string
  ipv4: string | null
  ipv6: string | null
  nameServerType: NameServerType
  // Declared by a DomainDnsUpdate task not yet done (FullNameServer isUsed false).
  pending?: boolean
  // Removed by a DomainDnsUpdate task not yet done (FullNameServer toDelete).
  toDelete?: boolean
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
  // Domain options (domain.DomainOptionEnum: only dnsAnycast), absent in older snapshots.
  options?: Record<string, DomainOptionState>
  // Hosts at the registry (glue records), by host name: their IP addresses.
  glueRecords?: Record<string, string[]>
  // DNSSEC keys published at the registry (dnssec.Key).
  dsRecords?: DsRecordState[]
}

export interface DsRecordState {
  id: number
  algorithm: number
  flags: number
  publicKey: string
  tag: number
  status: 'active' | 'generated' | 'published' | 'removed' | 'retired' | 'revoked'
}

export interface DomainOptionState {
  state: 'released' | 'subscribed'
  expiration: number
}

export interface AccountState {
  nic: string
  currency: string
  ovhSubsidiary: string
  contacts: Record<string, ContactState>
  domains: Record<string, DomainState>
  profile: NicProfile
  // Domain tasks by id (/domain/{sn}/task*, /me/task/domain*).
  domainTasks: Record<string, DomainTaskState>
  // Whois display settings by domain name.
  whois: Record<string, WhoisState>
  // DNS zones hosted at OVH, by zone name (absent in snapshots from before zones existed).
  zones?: Record<string, ZoneState>
  // The domains SANDBOX_EXTRA_DOMAINS generated (seed/portfolio.ts), if any.
  portfolio?: PortfolioState
  // Terminations asked for (POST /services/{serviceId}/terminate) and not confirmed yet, by service
  // id: the token OVH emails to the admin contact, which POST .../terminate/confirm takes.
  terminations?: Record<string, { token: string, requested: number }>
  // The NIC's automatic renewal settings (GET /me/autorenew); absent: none configured (404).
  autorenew?: { active: boolean, renewDay: number, lastRenew: number | null }
  // Bills by id (/me/bill*): one per paid order, and the demo account's seeded ones (absent in
  // snapshots from before bills existed).
  bills?: Record<string, BillState>
  // Trademark SMD files uploaded for sunrise registrations (/domain/data/smd*), by id; absent in
  // older snapshots.
  smdFiles?: Record<string, SmdFileState>
}

export interface SmdFileState {
  id: string
  // The file as uploaded (base64), and what the sandbox read from it.
  data: string
  smdId: string
  notBefore: number
  notAfter: number
  labels: Array<{ label: string, trademark: string }>
}

// What rebuilds a generated portfolio: domain `index` is a pure function of this and the index,
// so a snapshot stores only the generated domains that changed (seed/portfolio-snapshot.ts).
export interface PortfolioState {
  // Of the generator: a snapshot from another version is generated afresh.
  version: number
  seed: string
  count: number
  // Sandbox time the generated expiries, creations and updates are relative to.
  at: number
  // Owner contact ids, by what the registries' rules accept (seed/portfolio-owners.ts).
  owners: { all: number[], eu: number[], berlin: number[] }
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
  // Admin/tech/billing changes by id: they involve two accounts, so they live outside both.
  contactChanges: Record<string, ContactChangeState>
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
