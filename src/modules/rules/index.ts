// The rules module's REST routes and GraphQL resolvers. OVH's eligibility rules and the check of order data against them.
import rulesRoutes from './routes.js'
import { rulesResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const rulesModule: GatewayModule = {
  name: 'rules',
  routes: [rulesRoutes],
  resolvers: [rulesResolvers]
}
