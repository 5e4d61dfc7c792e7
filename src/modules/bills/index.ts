// The bills module's REST routes and GraphQL resolvers. The account's bills.
import billRoutes from './routes.js'
import { billsResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const billsModule: GatewayModule = {
  name: 'bills',
  routes: [billRoutes],
  resolvers: [billsResolvers]
}
