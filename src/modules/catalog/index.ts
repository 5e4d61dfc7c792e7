// The catalog module's REST routes and GraphQL resolvers. Availability, extensions, prices and the tenant's resale price rules.
import catalogRoutes from './routes.js'
import { catalogResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const catalogModule: GatewayModule = {
  name: 'catalog',
  routes: [catalogRoutes],
  resolvers: [catalogResolvers]
}
