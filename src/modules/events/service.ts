// The event feed for callers (GraphQL `events`, REST GET /v1/events): the tenant's events, oldest
// first, after a cursor that never skips one (feed.ts), filtered by type and subject, and only those
// about what the caller's consumer key may read (access.ts).
import { z } from 'zod'
import type { Caller } from '../../upstream/caller.js'
import { validateInput } from '../shared/validate.js'
import { checkPageSize } from '../shared/pagination.js'
import type { NodePage } from '../shared/pagination.js'
import { decodeFeedCursor, encodeFeedCursor } from './feed.js'
import { EVENT_TYPES, SUBJECT_TYPES } from './types.js'
import type { EventView } from './types.js'
import { asksOnlyCredentialEvents, eventAccessOf } from './access.js'

const FilterSchema = z.object({
  types: z.array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` })).max(EVENT_TYPES.length).nullish().transform(value => value ?? undefined),
  subject: z.object({
    type: z.enum(SUBJECT_TYPES, { error: `must be one of ${SUBJECT_TYPES.join(', ')}` }),
    id: z.string().min(1).max(300)
  }).nullish().transform(value => value ?? undefined)
})

export type EventFilter = z.input<typeof FilterSchema>

// Events the caller may not see are skipped, not counted: a page reads at most this many rows.
const SCAN_LIMIT = 1000

export interface EventPage extends NodePage<EventView> {
  // Where the next read starts: past every event this one read, shown or not (an event the caller
  // may not see is never read again).
  endCursor: string | null
}

export async function listEvents (caller: Caller, args: { first?: number | null, after?: string | null } & EventFilter): Promise<EventPage> {
  caller.require('read')
  const first = checkPageSize(args.first)
  const start = decodeFeedCursor(args.after)
  let position = start
  const filter = validateInput(FilterSchema, { types: args.types, subject: args.subject }, 'filter')
  const visible = await eventAccessOf(caller, asksOnlyCredentialEvents(filter))
  const nodes: EventView[] = []
  const cursors: string[] = []
  let scanned = 0
  let more = true
  while (nodes.length < first && more && scanned < SCAN_LIMIT) {
    const batch = await caller.stores.events.read(position, {
      tenantId: caller.tenant.id,
      types: filter.types,
      subjectType: filter.subject?.type,
      subject: filter.subject?.id
    }, Math.min(SCAN_LIMIT - scanned, first + 1))
    scanned += batch.length
    more = batch.length > 0
    for (const event of batch) {
      if (nodes.length === first && visible(event)) break
      position = event.position
      if (!visible(event)) continue
      nodes.push(event)
      cursors.push(encodeFeedCursor(event.position))
    }
  }
  return {
    nodes,
    cursors,
    endCursor: position === start ? (args.after ?? null) : encodeFeedCursor(position),
    // More may be there now (a full page, or a scan that stopped at its bound); either way a reader
    // goes on from endCursor, and a page with nothing means nothing new for now.
    hasNextPage: nodes.length === first || scanned >= SCAN_LIMIT,
    hasPreviousPage: args.after != null,
    totalCount: nodes.length
  }
}

/**
 * One event by its id (Event.id, the webhook-id), as the feed would show it to the caller: null
 * when the tenant has no such event or the caller's consumer key may not read what it is about.
 */
export async function getEvent (caller: Caller, id: string): Promise<EventView | null> {
  caller.require('read')
  const event = await caller.stores.events.get(caller.tenant.id, id)
  if (event === null) return null
  const visible = await eventAccessOf(caller, event.subjectType === 'credential')
  return visible(event) ? event : null
}
