// DNS zone state of the sandbox (plain JSON): records, SOA, DNSSEC, deployment and zone tasks.
// @see docs/OVH-API.md 9.5

export const RECORD_TYPES = ['A', 'AAAA', 'CAA', 'CNAME', 'DKIM', 'DMARC', 'DNAME', 'LOC', 'MX', 'NAPTR', 'NS', 'PTR', 'SPF', 'SRV', 'SSHFP', 'TLSA', 'TXT'] as const
export type RecordType = typeof RECORD_TYPES[number]

export interface RecordState {
  id: number
  fieldType: RecordType
  // '' is the apex, as OVH returns it.
  subDomain: string
  target: string
  // 0: the zone's default TTL (SOA ttl).
  ttl: number
}

export interface SoaState {
  server: string
  email: string
  serial: number
  refresh: number
  expire: number
  nxDomainTtl: number
  ttl: number
}

export type ZoneTaskFunction = 'DnsAnycastActivate' | 'DnsAnycastDeactivate' | 'DnssecDisable' | 'DnssecEnable' | 'DnssecResigning' |
  'DnssecRollKsk' | 'DnssecRollZsk' | 'ZoneCreate' | 'ZoneCut' | 'ZoneDelete' | 'ZoneImport' | 'ZoneRestore'

export type ZoneTaskStatus = 'cancelled' | 'doing' | 'done' | 'error' | 'problem' | 'todo'

export interface ZoneTaskState {
  id: number
  function: ZoneTaskFunction
  status: ZoneTaskStatus
  comment: string | null
  creation: number
  todoDate: number
  lastUpdate: number
  doneDate: number | null
  // What the task needs when it runs (ZoneImport: {zoneFile}).
  payload: Record<string, unknown>
  // The scheduled event that moves the task next, so cancel/accelerate can replace it.
  eventId: number | null
}

export type ZoneDnssecStatus = 'disableInProgress' | 'disabled' | 'enableInProgress' | 'enabled'

export interface ZoneState {
  name: string
  // A termination asked for (POST /domain/zone/{zoneName}/terminate) and not confirmed yet: the
  // token OVH emails, which POST .../confirmTermination takes.
  termination?: { token: string, requested: number }
  iamId: string
  nameServers: string[]
  dnssecSupported: boolean
  hasDnsAnycast: boolean
  lastUpdate: number
  // Keyed by record id. What is configured: deployed to the name servers at the next refresh.
  records: Record<string, RecordState>
  soa: SoaState
  // false from a change of records or SOA until POST .../refresh.
  deployed: boolean
  dnssec: ZoneDnssecStatus
  tasks: Record<string, ZoneTaskState>
  // Absent in snapshots from before these existed: read them through model/zone-features.ts.
  // Web redirections by id, each with the zone records it put in the zone.
  redirections?: Record<string, RedirectionState>
  // DynHost logins by login, and DynHost records by id.
  dynHostLogins?: Record<string, DynHostLoginState>
  dynHostRecords?: Record<string, DynHostRecordState>
  // Restore points, oldest first: the zone as deployed at each deployment.
  history?: ZoneRestorePointState[]
  // The zone as a billed service, and its options' services (dnsAnycast): made on first use
  // through model/zone-services.ts (absent in older snapshots).
  service?: ZoneServiceState
  optionServices?: Record<string, ZoneServiceState>
}

// What a zone (or a zone option) is as a billing service: services.Service's stored part.
export interface ZoneServiceState {
  serviceId: number
  creation: number
  expiration: number
  renew: { automatic: boolean, deleteAtExpiration: boolean, forced: boolean, period: number | null }
}

export const REDIRECTION_TYPES = ['invisible', 'visible', 'visiblePermanent'] as const
export type RedirectionType = typeof REDIRECTION_TYPES[number]

export interface RedirectionState {
  id: number
  // '' is the apex.
  subDomain: string
  target: string
  type: RedirectionType
  title: string | null
  keywords: string | null
  description: string | null
  // The zone records OVH adds for the redirection (its web forwarder's address and a TXT marker).
  recordIds: number[]
}

export interface DynHostLoginState {
  login: string
  subDomain: string
  // scrypt of the password with a random salt: the sandbox never keeps nor answers it.
  passwordHash: string
}

export interface DynHostRecordState {
  id: number
  subDomain: string
  ip: string
  ttl: number
}

export interface ZoneRestorePointState {
  // Epoch ms, whole seconds (OVH's datetime has no fraction).
  creation: number
  // The zone's records and SOA then; its zone file is written from them when it is read.
  records: RecordState[]
  soa: SoaState
  // What the URL of its zone file carries (GET <mount>/files/zone-history/<token>).
  token: string
}
