// The tasks module's REST routes and GraphQL resolvers. Domain tasks, per domain and for the whole account.
import tasksRoutes from './routes.js'
import { tasksResolvers } from './resolvers.js'
import type { GatewayModule } from '../module.js'

export const tasksModule: GatewayModule = {
  name: 'tasks',
  routes: [tasksRoutes],
  resolvers: [tasksResolvers]
}
