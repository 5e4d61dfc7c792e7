// The mirror module's REST routes and GraphQL resolvers. The portfolio mirror's status; the mirror itself is src/mirror, where these routes and resolvers live beside it.
import mirrorStatusRoutes from '../../mirror/status-routes.js'
import { mirrorStatusResolvers } from '../../mirror/status-resolvers.js'
import type { GatewayModule } from '../module.js'

export const mirrorModule: GatewayModule = {
  name: 'mirror',
  routes: [mirrorStatusRoutes],
  resolvers: [mirrorStatusResolvers]
}
