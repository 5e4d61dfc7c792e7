// OVH's shapes of a domain's DNS at the registry (domain.nameServer.FullNameServer, NameServerStatus,
// domain.glueRecord.GlueRecord, dnssec.Key) as zod schemas.
import { z } from 'zod'

export const NameServerTypeEnum = z.enum(['anycast', 'dedicated', 'empty', 'external', 'hold', 'hosted', 'hosting', 'mixed', 'parking'])
// domain.DomainNsTypeEnum: the only values that can be written (docs/OVH-API.md 15.9).
export const DomainNsTypeEnum = z.enum(['hosted', 'external'])
export type DomainNsType = z.infer<typeof DomainNsTypeEnum>

export const FullNameServerSchema = z.object({
  id: z.number(),
  host: z.string(),
  ip: z.string().nullable(),
  isUsed: z.boolean(),
  toDelete: z.boolean()
})
export type FullNameServer = z.infer<typeof FullNameServerSchema>

export const NameServerStatusSchema = z.object({
  state: z.enum(['ko', 'ok']),
  type: NameServerTypeEnum,
  usedSince: z.string().nullable()
})
export type NameServerStatus = z.infer<typeof NameServerStatusSchema>

export const GlueRecordSchema = z.object({ host: z.string(), ips: z.array(z.string()) })
export type GlueRecord = z.infer<typeof GlueRecordSchema>

export const DsKeyStatusEnum = z.enum(['active', 'generated', 'published', 'removed', 'retired', 'revoked'])
export const DsKeySchema = z.object({
  id: z.number(),
  algorithm: z.number(),
  flags: z.number(),
  publicKey: z.string(),
  tag: z.number(),
  status: DsKeyStatusEnum
})
export type DsKey = z.infer<typeof DsKeySchema>

export const NameServerInputSchema = z.object({ host: z.string().max(253), ip: z.string().max(45).nullable().optional() }).strict()
export const DsKeyInputSchema = z.object({ algorithm: z.number().int(), flags: z.number().int(), publicKey: z.string().max(4096), tag: z.number().int() }).strict()
