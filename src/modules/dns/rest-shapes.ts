// Zod shapes shared by the DNS REST routes: path and query parameters, pages and the refresh flag.
import { z } from 'zod'
import { DomainNameSchema } from '../shared/domain-name.js'
import { RefreshOutcomeSchema } from './schemas.js'

export const ZoneParams = z.object({ zone: DomainNameSchema })
export const ZoneIdParams = ZoneParams.extend({ id: z.coerce.number().int().positive() })

export const PageQuery = z.object({
  first: z.coerce.number().int().min(1).max(100).default(50).describe('Page size, 1 to 100'),
  after: z.string().optional().describe('endCursor of the previous page')
})

// `?refresh=false` leaves the change waiting for POST .../refresh.
export const RefreshQuery = z.object({
  refresh: z.enum(['true', 'false']).default('true').describe('Refresh (deploy) the zone after the change; default true')
})

export const withRefresh = <T extends z.ZodRawShape>(shape: T) => z.object(shape).extend(RefreshOutcomeSchema.shape)
