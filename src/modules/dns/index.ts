// The dns module's REST routes and GraphQL resolvers. DNS: zones, records, redirections, history, DynHost, zones as services, and the registry's name servers and keys.
import dnsRoutes from './routes.js'
import { dnsResolvers } from './resolvers.js'
import { registryResolvers } from './registry-resolvers.js'
import { dnsFeatureResolvers } from './feature-resolvers.js'
import { zoneServiceResolvers } from './zone-service-resolvers.js'
import type { GatewayModule } from '../module.js'

export const dnsModule: GatewayModule = {
  name: 'dns',
  routes: [dnsRoutes],
  resolvers: [dnsResolvers, registryResolvers, dnsFeatureResolvers, zoneServiceResolvers]
}
