// The audit module's REST routes and GraphQL resolvers. The tenant's audit trail.
import auditRoutes from './routes.js'
import { auditResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const auditModule: GatewayModule = {
  name: 'audit',
  routes: [auditRoutes],
  resolvers: [auditResolvers]
}
