// GraphQL: Query.events, the event feed.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { listEvents } from './service.js'
import type { EventFilter } from './service.js'
import type { EventView } from './types.js'

// The schema's filter (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const eventsResolvers: Resolvers = {
  Query: {
    events: async (_root, args, { caller }) => {
      const page = await listEvents(caller, args as typeof args & EventFilter)
      return {
        edges: page.nodes.map((node, index) => ({ cursor: page.cursors[index], node })),
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor }
      }
    }
  },
  Event: {
    subject: (event: EventView) => ({ type: event.subjectType, id: event.subject }),
    data: (event: EventView) => JSON.stringify(event.data)
  }
}
