// The tenant's audit trail for its admins: every upstream call that changed something, every
// denied attempt and every change of the tenant's own settings, newest first, from the database
// (no OVH call). GraphQL and REST both read it through here.
import { z } from 'zod'
import type { Caller } from '../../upstream/caller.js'
import type { AuditRow } from '../../tenancy/audit.js'
import { checkCursor, checkPageSize, decodeCursor, encodeCursor } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { validateInput } from '../shared/validate.js'

const CURSOR_KIND = 'audit'
// Entry ids are PostgreSQL bigints: a forged cursor beyond them is refused, not sent to the database.
const isEntryId = (key: string): boolean => /^\d{1,19}$/.test(key) && BigInt(key) <= 9223372036854775807n

export const AuditOutcomeEnum = z.enum(['ok', 'error', 'denied'])

// GraphQL may send explicit nulls: they mean "no filter", as an absent field does.
const instant = z.coerce.date({ error: 'must be an ISO-8601 date-time' }).nullish().transform(value => value ?? undefined)
const FilterSchema = z.object({
  userId: z.uuid({ error: 'must be a user id' }).nullish().transform(value => value ?? undefined),
  outcome: AuditOutcomeEnum.nullish().transform(value => value ?? undefined),
  domain: z.string().nullish().transform(value => value ?? undefined),
  since: instant,
  until: instant
}).refine(filter => !filter.since || !filter.until || filter.since < filter.until, { path: ['until'], message: 'must be after since' })

export type AuditFilter = z.input<typeof FilterSchema>

export interface AuditEntryView {
  id: string
  createdAt: Date
  user: { id: string, email: string, name: string | null, role: string } | null
  apiKeyPrefix: string | null
  requestId: string | null
  operation: string
  outcome: z.infer<typeof AuditOutcomeEnum>
  ovh: { method: string, route: string, path: string | null, status: number | null, queryId: string | null, durationMs: number | null } | null
  // Why an attempt was denied: the API key's state, or the permission it lacked.
  reason: string | null
  scope: string | null
  // The gateway request a refused API key made (method and path, no query string).
  request: string | null
}

export async function listAuditEntries (caller: Caller, args: { first?: number | null, after?: string | null, filter?: AuditFilter | null }): Promise<NodePage<AuditEntryView>> {
  caller.require('admin')
  const first = checkPageSize(args.first)
  checkCursor(args.after, CURSOR_KIND, isEntryId)
  const filter = validateInput(FilterSchema, args.filter ?? {}, 'filter')
  const domain = filter.domain === undefined ? undefined : normalizeDomainName(filter.domain, 'filter.domain')
  const beforeId = args.after ? BigInt(decodeCursor(args.after, 'after', CURSOR_KIND)) : undefined

  const { entries, hasNextPage, totalCount } = await caller.stores.audit.page(caller.tenant.id, { ...filter, domain, first, beforeId })
  return {
    nodes: entries.map(viewOf),
    cursors: entries.map(entry => encodeCursor(String(entry.id), CURSOR_KIND)),
    hasNextPage,
    hasPreviousPage: Boolean(args.after),
    totalCount
  }
}

function viewOf (entry: AuditRow): AuditEntryView {
  const detail = (entry.detail ?? {}) as { reason?: unknown, scope?: unknown, method?: unknown, url?: unknown }
  const text = (value: unknown): string | null => typeof value === 'string' ? value : null
  return {
    id: String(entry.id),
    createdAt: entry.createdAt,
    user: entry.user,
    apiKeyPrefix: entry.apiKeyPrefix,
    requestId: entry.requestId,
    operation: entry.operation,
    outcome: entry.outcome,
    ovh: entry.ovhMethod === null || entry.ovhRoute === null
      ? null
      : { method: entry.ovhMethod, route: entry.ovhRoute, path: entry.ovhPath, status: entry.ovhStatus, queryId: entry.ovhQueryId, durationMs: entry.durationMs },
    reason: text(detail.reason),
    scope: text(detail.scope),
    request: text(detail.method) && text(detail.url) ? `${text(detail.method)} ${text(detail.url)}` : null
  }
}
