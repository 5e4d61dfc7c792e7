// GraphQL: the Subscription type. Each field listens to its caller's tenant topic (live-events.ts)
// and passes on only the events that match its arguments and that the caller's consumer key may
// read (events/access.ts, the feed's rule). Arguments are checked before anything is subscribed.
import { z } from 'zod'
import { GraphQLError } from 'graphql'
import mercurius from 'mercurius'
import type { MercuriusContext } from 'mercurius'
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { validateInput } from '../shared/validate.js'
import { DomainNameSchema } from '../shared/domain-name.js'
import { EVENT_TYPES, SUBJECT_TYPES } from '../events/types.js'
import type { EventView } from '../events/types.js'
import { asksOnlyCredentialEvents, eventAccessOf } from '../events/access.js'
import { normalizeError } from '../../error-mapping.js'
import { redactSecretShapes } from '../../redaction/secret-shapes.js'
import { fromLiveEvent, liveTopic } from './live-events.js'
import type { LiveEvent } from './live-events.js'

const { withFilter } = mercurius

const EventsArgs = z.object({
  types: z.array(z.enum(EVENT_TYPES, { error: `must be one of ${EVENT_TYPES.join(', ')}` })).max(EVENT_TYPES.length).nullish(),
  subject: z.object({
    type: z.enum(SUBJECT_TYPES, { error: `must be one of ${SUBJECT_TYPES.join(', ')}` }),
    id: z.string().min(1).max(300)
  }).nullish()
})
// OVH's task and order ids are numbers.
const OvhId = z.string().regex(/^[0-9]{1,20}$/, 'must be an OVH id (digits)')

type Matcher = (event: EventView) => boolean

// What a subscription keeps between events: its matcher, built once its arguments are checked.
const matchers = new WeakMap<object, Matcher>()

// Mercurius sends a subscription's refusal as the thrown error's JSON, without our error formatter:
// the same code and details a query's refusal has, set here.
function codedError (err: unknown): GraphQLError {
  const normalized = normalizeError(err)
  return new GraphQLError(redactSecretShapes(normalized.message), { extensions: { code: normalized.code, ...(normalized.details ?? {}) } })
}

/**
 * A Subscription field: `match` checks the arguments (throwing a coded error) and answers the
 * event filter; the caller's access is read once, when the subscription starts.
 */
function liveField (match: (args: Record<string, unknown>) => Matcher) {
  return {
    subscribe: withFilter(
      async (_root: unknown, args: Record<string, unknown>, context: MercuriusContext) => {
        const caller = context.caller
        try {
          caller.require('read')
          const matches = match(args)
          const visible = await eventAccessOf(caller, asksOnlyCredentialEvents(args as { types?: string[] | null, subject?: { type: string } | null }))
          const tenantId = caller.tenant.id
          matchers.set(args, event => event.tenantId === tenantId && matches(event) && visible(event))
          return await context.pubsub.subscribe(liveTopic(tenantId))
        } catch (err) {
          throw codedError(err)
        }
      },
      (payload: LiveEvent, args: Record<string, unknown>) => matchers.get(args)?.(fromLiveEvent(payload)) ?? false
    ),
    resolve: (payload: LiveEvent) => fromLiveEvent(payload)
  }
}

export const subscriptionResolvers: Resolvers = {
  Subscription: {
    events: liveField(args => {
      const { types, subject } = validateInput(EventsArgs, { types: args.types, subject: args.subject })
      return event => (types == null || types.includes(event.type)) &&
        (subject == null || (event.subjectType === subject.type && event.subject === subject.id))
    }),
    domainChanged: liveField(args => {
      const name = validateInput(z.object({ name: DomainNameSchema }), { name: args.name }).name
      // The domain's own events and its tasks'.
      return event => event.domain === name
    }),
    taskChanged: liveField(args => {
      const id = validateInput(z.object({ id: OvhId }), { id: args.id }).id
      return event => event.subjectType === 'task' && event.subject === id
    }),
    orderChanged: liveField(args => {
      const id = validateInput(z.object({ id: OvhId }), { id: args.id }).id
      return event => event.subjectType === 'order' && event.subject === id
    })
  }
}
