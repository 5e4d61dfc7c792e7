// GraphQL: Query.events, the event feed.
import type { IResolvers } from 'mercurius'
import { listEvents } from './service.js'
import type { EventView } from './types.js'

export const eventsResolvers: IResolvers = {
  Query: {
    events: async (_root, args, { caller }) => {
      const page = await listEvents(caller, args)
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
