// The webhooks module's REST routes and GraphQL resolvers. Webhook endpoints and their deliveries.
import webhooksRoutes from './routes.js'
import { webhooksResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const webhooksModule: GatewayModule = {
  name: 'webhooks',
  routes: [webhooksRoutes],
  resolvers: [webhooksResolvers]
}
