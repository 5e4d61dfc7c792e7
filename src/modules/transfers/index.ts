// The transfers module's REST routes and GraphQL resolvers. Transfers: auth codes, transfer lock, incoming and outgoing transfers, the .uk release.
import transfersRoutes from './routes.js'
import { transfersResolvers } from './resolvers.js'
import { ukReleaseResolvers } from './uk-release-resolvers.js'
import type { GatewayModule } from '../module.js'

export const transfersModule: GatewayModule = {
  name: 'transfers',
  routes: [transfersRoutes],
  resolvers: [transfersResolvers, ukReleaseResolvers]
}
