// The access area's dependencies, decorated once so that REST routes and GraphQL resolvers build
// the same AccessContext (./context.ts).
import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { AccessDeps } from './context.js'

declare module 'fastify' {
  interface FastifyInstance {
    access: AccessDeps
  }
}

export default fp<{ config: Config }>(async function accessPlugin (app, opts) {
  app.decorate('access', { config: opts.config, db: app.db, secrets: app.secrets, registry: app.ovh })
}, { name: 'access', dependencies: ['stores', 'ovh'] })
