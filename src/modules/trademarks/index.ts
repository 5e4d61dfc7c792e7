// The trademarks module's REST routes and GraphQL resolvers. Trademark SMD files for sunrise registrations.
import { smdRoutes } from './smd-routes.js'
import { smdResolvers } from './smd-resolvers.js'
import type { GatewayModule } from '../module.js'

export const trademarksModule: GatewayModule = {
  name: 'trademarks',
  routes: [smdRoutes],
  resolvers: [smdResolvers]
}
