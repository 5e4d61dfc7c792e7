// The event types (issue 13), what each is about, and the shape every event has. One list: the
// GraphQL enum, the REST schemas, webhook subscriptions and docs/events.md are checked against it.
import { z } from 'zod'

export const EVENT_TYPES = [
  'domain.created',
  'domain.removed',
  'domain.state_changed',
  'domain.renewed',
  'domain.renewal_changed',
  'domain.lock_changed',
  'domain.name_servers_changed',
  'domain.owner_changed',
  'domain.expiring',
  'task.created',
  'task.status_changed',
  'order.created',
  'order.status_changed',
  'contact_change.status_changed',
  'credential.expiring',
  'credential.expired'
] as const

export type EventType = typeof EVENT_TYPES[number]

/**
 * The fields of each type's `data` (mirror-events.ts and reminders.ts write them; docs/events.md
 * shows an example of each; test/modules/events/examples.test.ts holds the three together).
 */
export const EVENT_DATA_FIELDS: Record<EventType, readonly string[]> = {
  'domain.created': [],
  'domain.removed': [],
  'domain.state_changed': ['before', 'after'],
  'domain.renewed': ['before', 'after'],
  'domain.renewal_changed': ['before', 'after'],
  'domain.lock_changed': ['before', 'after'],
  'domain.name_servers_changed': ['before', 'after'],
  'domain.owner_changed': ['before', 'after'],
  'domain.expiring': ['expiresAt', 'daysLeft', 'threshold'],
  'task.created': ['after', 'function'],
  'task.status_changed': ['before', 'after', 'function'],
  'order.created': ['after'],
  'order.status_changed': ['before', 'after'],
  'contact_change.status_changed': ['before', 'after', 'domain'],
  'credential.expiring': ['userId', 'purpose', 'expiresAt', 'threshold'],
  'credential.expired': ['userId', 'purpose', 'expiresAt']
}

export const EventTypeSchema = z.enum(EVENT_TYPES)

export const SUBJECT_TYPES = ['domain', 'task', 'order', 'contact_change', 'credential'] as const
export type SubjectType = typeof SUBJECT_TYPES[number]

/** What an event type is about: the part of its name before the dot. */
export function subjectTypeOf (type: EventType): SubjectType {
  return type.slice(0, type.indexOf('.')) as SubjectType
}

/** Who caused a change: a request through the gateway, or a change the sync saw at OVH. */
export type EventCause =
  | { kind: 'gateway', requestId: string, userId: string }
  | { kind: 'ovh' }
  | { kind: 'schedule' }

export interface NewEvent {
  tenantId: string
  type: EventType
  subject: string
  // The domain it concerns, if any (access rules are checked against it)
  domain?: string | null
  data: { before?: unknown, after?: unknown, [key: string]: unknown }
  cause: EventCause
  occurredAt?: Date
  // For reminders: an event with a key already recorded is not recorded again
  dedupeKey?: string
}

export interface EventView {
  id: string
  type: EventType
  tenantId: string
  subjectType: SubjectType
  subject: string
  domain: string | null
  occurredAt: Date
  data: Record<string, unknown>
  cause: EventCause
}
