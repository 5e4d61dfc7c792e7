// The whois module's REST routes and GraphQL resolvers. What a domain's Whois discloses, and its obfuscated emails.
import whoisRoutes from './routes.js'
import { whoisResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const whoisModule: GatewayModule = {
  name: 'whois',
  routes: [whoisRoutes],
  resolvers: [whoisResolvers]
}
