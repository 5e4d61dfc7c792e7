// The renewals module's REST routes and GraphQL resolvers. Renewal on demand, restores and terminations.
import renewalRoutes from './routes.js'
import { renewalsResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const renewalsModule: GatewayModule = {
  name: 'renewals',
  routes: [renewalRoutes],
  resolvers: [renewalsResolvers]
}
