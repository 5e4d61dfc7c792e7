// What a module gives the gateway: its REST routes and its GraphQL resolvers, registered from the one
// list in ./index.ts. Its part of the GraphQL schema is the schema.graphql beside its index.ts
// (printed into the root schema.graphql by `npm run schema:print`).
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { Resolvers } from '../graphql/generated/resolvers-types.js'

export interface GatewayModule {
  // The folder's name under src/modules.
  name: string
  // Registered in this order inside the authenticated /v1 scope (plugins/rest.ts).
  routes?: FastifyPluginAsyncZod[]
  // Registered under /v1 without authentication: only what a browser reaches without an API key.
  publicRoutes?: FastifyPluginAsyncZod[]
  // Merged into the gateway's resolvers (plugins/graphql.ts); no two answer the same field. Typed
  // from the schema (src/graphql/generated/resolvers-types.ts): arguments, context and parents.
  resolvers?: Resolvers[]
}
