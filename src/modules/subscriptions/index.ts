// The subscriptions module's REST routes and GraphQL resolvers. GraphQL subscriptions: events, domains, tasks and orders as they change (WebSocket).
import { subscriptionResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const subscriptionsModule: GatewayModule = {
  name: 'subscriptions',
  resolvers: [subscriptionResolvers]
}
