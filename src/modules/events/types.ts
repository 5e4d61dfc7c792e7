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

/** When each type happens, for the OpenAPI document's enums (docs/events.md says the same at length). */
export const EVENT_TYPE_DESCRIPTIONS: Record<EventType | '*', string> = {
  '*': 'Every event type, including those added later.',
  'domain.created': 'A domain appears in the account (ordered, transferred in).',
  'domain.removed': 'OVH no longer lists the domain (deleted, transferred away).',
  'domain.state_changed': 'The domain\'s state changed (ok, expired, pending_delete...).',
  'domain.renewed': 'The domain\'s expiry moved forward.',
  'domain.renewal_changed': 'Automatic or manual renewal changed.',
  'domain.lock_changed': 'The transfer lock changed.',
  'domain.name_servers_changed': 'The domain\'s name servers changed.',
  'domain.owner_changed': 'The owner contact changed.',
  'domain.expiring': 'The expiry comes within one of the tenant\'s thresholds (30, 7, 1 days).',
  'task.created': 'A domain task appears.',
  'task.status_changed': 'A domain task moved.',
  'order.created': 'An order appears.',
  'order.status_changed': 'An order moved.',
  'contact_change.status_changed': 'A contact-change request moved.',
  'credential.expiring': 'A consumer key expires within 7 days, then 1 day.',
  'credential.expired': 'A consumer key expired.'
}

/** What each subject type is, for the OpenAPI document's enums. */
export const SUBJECT_TYPE_DESCRIPTIONS: Record<SubjectType, string> = {
  domain: 'A domain (the subject is its name).',
  task: 'A domain task (its OVH id).',
  order: 'An order (its OVH id).',
  contact_change: 'A contact-change request (its OVH id).',
  credential: 'A consumer key (the credential\'s id).'
}

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
