// The customers module's REST routes and GraphQL resolvers. End customers, their domains and the users limited to them.
import customerRoutes from './routes.js'
import { customerResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const customersModule: GatewayModule = {
  name: 'customers',
  routes: [customerRoutes],
  resolvers: [customerResolvers]
}
