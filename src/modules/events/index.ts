// The events module's REST routes and GraphQL resolvers. The tenant's event feed.
import eventsRoutes from './routes.js'
import { eventsResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const eventsModule: GatewayModule = {
  name: 'events',
  routes: [eventsRoutes],
  resolvers: [eventsResolvers]
}
