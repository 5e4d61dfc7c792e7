// The events of the changes the mirror's sync sees (mirror/diff.ts), written in the transaction
// that applies them (mirror/context.ts recordChanges): each change exists as an event exactly when
// the mirror holds it.
import type { MirrorChange } from '../../mirror/diff.js'
import type { RecordChanges } from '../../mirror/context.js'
import { writeEvents } from './store.js'
import type { EventCause, NewEvent } from './types.js'

const iso = (date: Date | null): string | null => date?.toISOString() ?? null

/** One change as an event of `tenantId`, or null for a change no event type describes. */
export function eventOfChange (tenantId: string, change: MirrorChange, cause: EventCause): NewEvent | null {
  const base = { tenantId, cause }
  switch (change.kind) {
    case 'created':
      return { ...base, type: 'domain.created', subject: change.domain, domain: change.domain, data: {} }
    case 'removed':
      return { ...base, type: 'domain.removed', subject: change.domain, domain: change.domain, data: {} }
    case 'state':
      return { ...base, type: 'domain.state_changed', subject: change.domain, domain: change.domain, data: { before: change.from, after: change.to } }
    case 'expiry':
      // Renewed: the expiry moved forward. A date moved back (a correction at OVH) is no renewal.
      if (change.from === null || change.to === null || change.to <= change.from) return null
      return { ...base, type: 'domain.renewed', subject: change.domain, domain: change.domain, data: { before: iso(change.from), after: iso(change.to) } }
    case 'renewal':
      return { ...base, type: 'domain.renewal_changed', subject: change.domain, domain: change.domain, data: { before: change.from, after: change.to } }
    case 'lock':
      return { ...base, type: 'domain.lock_changed', subject: change.domain, domain: change.domain, data: { before: change.from, after: change.to } }
    case 'nameServers':
      return { ...base, type: 'domain.name_servers_changed', subject: change.domain, domain: change.domain, data: { before: change.from, after: change.to } }
    case 'owner':
      return { ...base, type: 'domain.owner_changed', subject: change.domain, domain: change.domain, data: { before: change.from, after: change.to } }
    case 'taskCreated':
      return { ...base, type: 'task.created', subject: change.id, domain: change.domain, data: { after: change.status, function: change.function } }
    case 'taskStatus':
      return { ...base, type: 'task.status_changed', subject: change.id, domain: change.domain, data: { before: change.from, after: change.to, function: change.function } }
    case 'orderCreated':
      return { ...base, type: 'order.created', subject: change.id, data: { after: change.status } }
    case 'orderStatus':
      return { ...base, type: 'order.status_changed', subject: change.id, data: { before: change.from, after: change.to } }
    case 'contactChangeStatus':
      // No `domain`: reading it at OVH takes GET /me/task/contactChange, not the domain's rules.
      return { ...base, type: 'contact_change.status_changed', subject: change.id, data: { before: change.from, after: change.to, domain: change.domain } }
  }
}

export function eventsOfChanges (tenantId: string, changes: readonly MirrorChange[], cause: EventCause): NewEvent[] {
  return changes.map(change => eventOfChange(tenantId, change, cause)).filter((event): event is NewEvent => event !== null)
}

/** The object a change is about, as refresh origins name it (mirror/refresh-requests.ts). */
function objectKey (change: MirrorChange): string {
  if ('domain' in change && !('id' in change)) return `domain:${change.domain}`
  if (change.kind === 'taskCreated' || change.kind === 'taskStatus') return `task:${change.id}`
  if (change.kind === 'contactChangeStatus') return `contact_change:${change.id}`
  return `order:${(change as { id: string }).id}`
}

/**
 * The sync's recordChanges: its changes as events of the account's tenant, caused by the gateway
 * request that asked for the refresh which found them (a write), or else seen at OVH. A task's
 * change found after a write on its domain is that write's too.
 */
export const recordMirrorEvents: RecordChanges = async (tx, account, changes, origins) => {
  const events = changes.map(change => {
    const origin = origins?.get(objectKey(change)) ?? ('domain' in change ? origins?.get(`domain:${change.domain}`) : undefined)
    const cause: EventCause = origin === undefined ? { kind: 'ovh' } : { kind: 'gateway', requestId: origin.requestId, userId: origin.userId }
    return eventOfChange(account.tenantId, change, cause)
  }).filter((event): event is NewEvent => event !== null)
  await writeEvents(tx, events)
}
