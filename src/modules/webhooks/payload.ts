// What a receiver gets: Standard Webhooks' body `{type, timestamp, data}`, data being the event as
// the feed shows it (GraphQL `events`, REST /v1/events), so one parser serves both.
import type { EventView } from '../events/types.js'

export interface WebhookBody {
  type: string
  timestamp: string
  data: {
    id: string
    subject: { type: string, id: string }
    domain: string | null
    occurredAt: string
    cause: unknown
    [key: string]: unknown
  }
}

export function webhookBody (event: EventView): WebhookBody {
  return {
    type: event.type,
    timestamp: event.occurredAt.toISOString(),
    data: {
      ...event.data,
      id: event.id,
      subject: { type: event.subjectType, id: event.subject },
      // A contact change carries its domain in its data only (events/mirror-events.ts): kept, not
      // overwritten by the envelope's empty one.
      domain: event.domain ?? (typeof event.data.domain === 'string' ? event.data.domain : null),
      occurredAt: event.occurredAt.toISOString(),
      cause: event.cause
    }
  }
}

/** The test ping an admin sends to check an endpoint: not an event, never in the feed. */
export function pingBody (endpointId: string, now = new Date()): WebhookBody {
  return {
    type: 'webhook.ping',
    timestamp: now.toISOString(),
    data: { id: endpointId, subject: { type: 'webhook', id: endpointId }, domain: null, occurredAt: now.toISOString(), cause: { kind: 'gateway' } }
  }
}
