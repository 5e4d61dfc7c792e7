// OVH's shapes of what end customers use on a zone besides its records (domain.zone.Redirection,
// ZoneRestorePoint, dynHost.Login, dynHost.Record, domain.UkRegistrar) as zod schemas: REST
// responses and the TypeScript types of their services. @see ovh-api/v1-eu/domain.json
import { z } from 'zod'
import { RefreshOutcomeSchema } from './schemas.js'

// visible = HTTP 302, visiblePermanent = HTTP 301, invisible = the target in an HTML frame.
export const RedirectionTypeEnum = z.enum(['invisible', 'visible', 'visiblePermanent'])
export type RedirectionType = z.infer<typeof RedirectionTypeEnum>

export const RedirectionSchema = z.object({
  id: z.number(),
  zone: z.string(),
  subDomain: z.string().nullable().describe('Relative to the zone; "" (or null) is the apex'),
  target: z.string().describe('Where the name redirects to'),
  type: RedirectionTypeEnum.describe('visible: HTTP 302; visiblePermanent: HTTP 301; invisible: the target shown in a frame'),
  title: z.string().nullable().describe('Page title (invisible redirections)'),
  keywords: z.string().nullable().describe('Meta keywords (invisible redirections)'),
  description: z.string().nullable().describe('Meta description (invisible redirections)')
})
export type OvhRedirection = z.infer<typeof RedirectionSchema>

export const RedirectionChangeSchema = z.object({ redirection: RedirectionSchema }).extend(RefreshOutcomeSchema.shape)

export const RestorePointSchema = z.object({
  creationDate: z.string().describe('When the version was saved (a deployment of the zone); names it'),
  zoneFileUrl: z.string().describe('OVH\'s link to the zone file of that version')
})
export type OvhRestorePoint = z.infer<typeof RestorePointSchema>

export const DynHostLoginSchema = z.object({
  login: z.string().describe('The login: the zone name, "-", then the suffix given at creation'),
  subDomain: z.string().describe('The subdomain the login may update ("*": any)'),
  zone: z.string()
})
export type OvhDynHostLogin = z.infer<typeof DynHostLoginSchema>

export const DynHostRecordSchema = z.object({
  id: z.number(),
  zone: z.string(),
  subDomain: z.string().nullable().describe('Relative to the zone; "" (or null) is the apex'),
  ip: z.string().describe('The address the name resolves to, kept up to date by a DynHost client'),
  ttl: z.number().nullable().describe('Seconds, set by OVH')
})
export type OvhDynHostRecord = z.infer<typeof DynHostRecordSchema>

export const UkRegistrarSchema = z.object({
  name: z.string().describe('The registrar\'s name'),
  tag: z.string().describe('Its Nominet tag: what the domain is released to')
})
export type OvhUkRegistrar = z.infer<typeof UkRegistrarSchema>
