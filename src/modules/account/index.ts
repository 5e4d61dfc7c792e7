// The account module's REST routes and GraphQL resolvers. The caller's own account: who is calling (me), and OVH's consumer-key callback.
import accountRoutes from './routes.js'
import callbackRoute from './callback-route.js'
import { accountResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const accountModule: GatewayModule = {
  name: 'account',
  routes: [accountRoutes],
  publicRoutes: [callbackRoute],
  resolvers: [accountResolvers]
}
