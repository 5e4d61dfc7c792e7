// OVH's DNS zone shapes (domain.ZoneWithIAM, domain.zone.Record, Soa, Status, Task, Dnssec) as zod
// schemas: REST responses and the TypeScript types of the DNS services.
import { z } from 'zod'

export const RecordTypeEnum = z.enum(['A', 'AAAA', 'CAA', 'CNAME', 'DKIM', 'DMARC', 'DNAME', 'LOC', 'MX', 'NAPTR', 'NS', 'PTR', 'SPF', 'SRV', 'SSHFP', 'TLSA', 'TXT'])
export type RecordType = z.infer<typeof RecordTypeEnum>

export const ZoneTaskFunctionEnum = z.enum(['DnsAnycastActivate', 'DnsAnycastDeactivate', 'DnssecDisable', 'DnssecEnable', 'DnssecResigning',
  'DnssecRollKsk', 'DnssecRollZsk', 'ZoneCreate', 'ZoneCut', 'ZoneDelete', 'ZoneImport', 'ZoneRestore'])
export const TaskStatusEnum = z.enum(['cancelled', 'doing', 'done', 'error', 'problem', 'todo'])

export const ZoneSchema = z.object({
  name: z.string(),
  nameServers: z.array(z.string()),
  dnssecSupported: z.boolean(),
  hasDnsAnycast: z.boolean(),
  lastUpdate: z.string().nullable()
})
export type OvhZone = z.infer<typeof ZoneSchema>

export const RecordSchema = z.object({
  id: z.number(),
  zone: z.string(),
  fieldType: RecordTypeEnum,
  subDomain: z.string().nullable(),
  target: z.string(),
  ttl: z.number().nullable()
})
export type OvhRecord = z.infer<typeof RecordSchema>

export const ZoneStatusSchema = z.object({
  isDeployed: z.boolean(),
  errors: z.array(z.string()).nullable(),
  warnings: z.array(z.string()).nullable()
})
export type ZoneStatus = z.infer<typeof ZoneStatusSchema>

export const SoaSchema = z.object({
  server: z.string(),
  email: z.string(),
  serial: z.number(),
  refresh: z.number(),
  expire: z.number(),
  nxDomainTtl: z.number(),
  ttl: z.number()
})
export type Soa = z.infer<typeof SoaSchema>

export const DnssecSchema = z.object({ status: z.enum(['disableInProgress', 'disabled', 'enableInProgress', 'enabled']) })
export type ZoneDnssec = z.infer<typeof DnssecSchema>

export const ZoneTaskSchema = z.object({
  id: z.number(),
  function: ZoneTaskFunctionEnum,
  status: TaskStatusEnum,
  comment: z.string().nullable(),
  creationDate: z.string(),
  todoDate: z.string(),
  lastUpdate: z.string().nullable(),
  doneDate: z.string().nullable(),
  canAccelerate: z.boolean(),
  canCancel: z.boolean(),
  canRelaunch: z.boolean()
})
export type OvhZoneTask = z.infer<typeof ZoneTaskSchema>

// me.dns.Task: a zone task as the account-wide routes (/me/task/dns*) answer it, with its zone.
export const AccountZoneTaskSchema = ZoneTaskSchema.extend({ zone: z.string() })
export type OvhAccountZoneTask = z.infer<typeof AccountZoneTaskSchema>

// What a record mutation says about the zone: whether it was refreshed (deployed) afterwards.
export const RefreshOutcomeSchema = z.object({
  refreshed: z.boolean().describe('true when the zone was refreshed after the change (the change is being deployed)'),
  refreshError: z.string().nullable().describe('why the refresh failed, when it was asked for and failed; the change itself was made')
})
export type RefreshOutcome = z.infer<typeof RefreshOutcomeSchema>

export interface RecordInput {
  fieldType: RecordType
  subDomain?: string | null
  target: string
  ttl?: number | null
}

export interface RecordUpdateInput {
  subDomain?: string | null
  target?: string | null
  ttl?: number | null
}

export interface SoaInput {
  email?: string | null
  refresh?: number | null
  expire?: number | null
  nxDomainTtl?: number | null
  ttl?: number | null
}
