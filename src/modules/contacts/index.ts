// The contacts module's REST routes and GraphQL resolvers. Owner and account contacts, and contact changes.
import contactsRoutes from './routes.js'
import { contactsResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const contactsModule: GatewayModule = {
  name: 'contacts',
  routes: [contactsRoutes],
  resolvers: [contactsResolvers]
}
