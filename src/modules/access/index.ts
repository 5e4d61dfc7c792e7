// The access module's REST routes and GraphQL resolvers. Users, API keys, OVH consumer keys, access tokens and browser origins (tenant admins).
import accessRoutes from './routes.js'
import { accessResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const accessModule: GatewayModule = {
  name: 'access',
  routes: [accessRoutes],
  resolvers: [accessResolvers]
}
