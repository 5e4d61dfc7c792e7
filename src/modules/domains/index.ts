// The domains module's REST routes and GraphQL resolvers. The portfolio's domains: lists, counts, one domain, its renewal and options.
import domainsRoutes from './routes.js'
import { domainsResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const domainsModule: GatewayModule = {
  name: 'domains',
  routes: [domainsRoutes],
  resolvers: [domainsResolvers]
}
