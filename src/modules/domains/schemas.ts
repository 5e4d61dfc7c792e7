// OVH's domain shapes (domain.DomainService, services.Service) as zod schemas: the REST responses
// and the TypeScript types of the domains service both come from here.
import { z } from 'zod'

export const DomainStateEnum = z.enum(['deleted', 'dispute', 'expired', 'ok', 'outgoing_transfer', 'pending_create', 'pending_delete',
  'pending_incoming_transfer', 'pending_installation', 'registry_suspended', 'restorable', 'technical_suspended'])

export const NameServerType = z.enum(['anycast', 'dedicated', 'empty', 'external', 'hold', 'hosted', 'hosting', 'mixed', 'parking'])

export const RenewalStateEnum = z.enum(['automatic_renew', 'cancellation_complete', 'cancellation_requested', 'manual_renew', 'unpaid'])
export const LockStatusEnum = z.enum(['locked', 'locking', 'unavailable', 'unlocked', 'unlocking'])

export const OvhDomainSchema = z.object({
  domain: z.string(),
  serviceId: z.number(),
  offer: z.enum(['diamond', 'gold', 'platinum']),
  whoisOwner: z.string(),
  state: DomainStateEnum,
  suspensionState: z.enum(['not_suspended', 'suspended']),
  renewalState: RenewalStateEnum,
  renewalDate: z.string(),
  expirationDate: z.string(),
  lastUpdate: z.string(),
  transferLockStatus: LockStatusEnum,
  nameServerType: NameServerType,
  nameServers: z.array(z.object({
    id: z.number(),
    nameServer: z.string(),
    ipv4: z.string().nullable(),
    ipv6: z.string().nullable(),
    nameServerType: NameServerType
  })),
  dnssecSupported: z.boolean(),
  dnssecState: z.enum(['disabled', 'enabled', 'not_supported']),
  hostSupported: z.boolean(),
  glueRecordIpv6Supported: z.boolean(),
  glueRecordMultiIpSupported: z.boolean(),
  owoSupported: z.boolean(),
  contactOwner: z.object({ id: z.string() }),
  contactAdmin: z.object({ id: z.string() }),
  contactTech: z.object({ id: z.string() }),
  contactBilling: z.object({ id: z.string() }),
  parentService: z.object({ name: z.string(), type: z.string() }).nullable(),
  iam: z.object({ id: z.string(), urn: z.string(), displayName: z.string().nullable(), tags: z.record(z.string(), z.string()).nullable() }).nullable().optional()
})
export type OvhDomain = z.infer<typeof OvhDomainSchema>

// Where an answer comes from and when OVH said it (src/mirror/freshness.ts).
export const DataSourceEnum = z.enum(['MIRROR', 'LIVE'])
export const AnsweredDomainSchema = OvhDomainSchema.extend({
  syncedAt: z.string().describe('When this object was read from OVH'),
  source: DataSourceEnum.describe('MIRROR: the gateway\'s copy; LIVE: read from OVH for this request')
})

export const ServiceInfosSchema = z.object({
  serviceId: z.number(),
  domain: z.string(),
  creation: z.string(),
  expiration: z.string(),
  engagedUpTo: z.string().nullable(),
  status: z.enum(['expired', 'inCreation', 'ok', 'pendingDebt', 'unPaid']),
  renewalType: z.enum(['automaticForcedProduct', 'automaticV2012', 'automaticV2014', 'automaticV2016', 'manual', 'oneShot', 'option']),
  renew: z.object({
    automatic: z.boolean(),
    deleteAtExpiration: z.boolean(),
    forced: z.boolean(),
    manualPayment: z.boolean().nullable(),
    period: z.number().nullable()
  }).nullable(),
  possibleRenewPeriod: z.array(z.number()).nullable(),
  canDeleteAtExpiration: z.boolean(),
  contactAdmin: z.string(),
  contactTech: z.string(),
  contactBilling: z.string()
})
export type ServiceInfos = z.infer<typeof ServiceInfosSchema>

export interface DomainFilter {
  nameContains?: string | null
  state?: string[] | null
  // Extensions such as 'com' or 'co.uk' (a leading dot is allowed).
  tld?: string[] | null
  // ISO date or date-time: expirationDate strictly before / strictly after it (a date is midnight UTC).
  expiringBefore?: string | null
  expiringAfter?: string | null
  renewalState?: string[] | null
  transferLockStatus?: string[] | null
  nameServerType?: string[] | null
}

export const DomainOrderFieldEnum = z.enum(['name', 'expirationDate', 'creationDate'])
export const OrderDirectionEnum = z.enum(['ASC', 'DESC'])
export interface DomainOrder {
  field?: z.infer<typeof DomainOrderFieldEnum> | null
  direction?: z.infer<typeof OrderDirectionEnum> | null
}

export const DomainOptionEnum = z.enum(['dnsAnycast'])
export const DomainOptionSchema = z.object({
  option: DomainOptionEnum,
  state: z.enum(['released', 'subscribed']),
  expirationDate: z.string()
})
export type DomainOption = z.infer<typeof DomainOptionSchema>

const ServiceOption = z.object({ serviceName: z.string() }).nullable()
export const ServiceOptionsSchema = z.object({ hosting: ServiceOption, offer: ServiceOption, zone: ServiceOption })
export type ServiceOptions = z.infer<typeof ServiceOptionsSchema>

export const RenewInputSchema = z.object({
  automatic: z.boolean().optional().describe('Renew automatically (true) or manually (false)'),
  deleteAtExpiration: z.boolean().optional().describe('Delete the domain when it expires; needs canDeleteAtExpiration'),
  period: z.number().int().optional().describe('Renewal period in months, one of possibleRenewPeriod')
}).strict()
export type RenewInput = z.infer<typeof RenewInputSchema>
