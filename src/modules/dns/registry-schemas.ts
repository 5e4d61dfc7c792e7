// OVH's shapes of a domain's DNS at the registry (domain.nameServer.FullNameServer, NameServerStatus,
// domain.glueRecord.GlueRecord, dnssec.Key) as zod schemas.
import { z } from 'zod'
import { checkedInService } from '../shared/checked-in-service.js'
import { HostNameSchema } from '../shared/domain-name.js'
import { DS_ALGORITHMS, DS_FLAGS } from './name-server-input.js'

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

// REST bodies. The services check each field (name-server-input.ts, every error at once, the same
// rules for GraphQL); the routes check the types and document the services' rules, made from the
// same constants, so that a value the document admits is one the service takes.
export const IpAddressSchema = z.union([z.ipv4(), z.ipv6()])
export const NameServerInputSchema = z.object({
  host: checkedInService(z.string(), HostNameSchema).describe('A host name such as ns1.example.net'),
  ip: checkedInService(z.string(), IpAddressSchema).nullable().optional().describe('Its address, only for a name server inside the domain (glue)')
}).strict()
export const DsKeyInputSchema = z.object({
  algorithm: checkedInService(z.number(), z.literal(DS_ALGORITHMS)).describe('OVH\'s dnssec.KeyAlgorithmEnum'),
  flags: checkedInService(z.number(), z.literal(DS_FLAGS)).describe('256 (ZSK) or 257 (KSK)'),
  publicKey: checkedInService(z.string(), z.string().max(4096).regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$/)).describe('The base64 public key of the DNSKEY record'),
  tag: checkedInService(z.number(), z.number().int().min(0).max(65_535))
}).strict()
