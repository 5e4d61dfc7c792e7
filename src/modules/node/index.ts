// The node module's REST routes and GraphQL resolvers. Global ids: Query.node and Query.nodes refetch any Node.
import { nodeResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const nodeModule: GatewayModule = {
  name: 'node',
  resolvers: [nodeResolvers]
}
