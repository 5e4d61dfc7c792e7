// Decorates the app with the mirror's read side (reads-context.ts), which authenticate hands to
// every request's Caller. The sync decorates `mirrorRefresh` on its own, possibly later: it is
// looked up when a refresh is asked for, not when this plugin loads.
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { createMirrorReads } from './reads-context.js'
import type { MirrorReads } from './reads-context.js'

declare module 'fastify' {
  interface FastifyInstance {
    mirrorReads: MirrorReads
  }
}

export default fp<{ config: Config }>(async function mirrorReadsPlugin (app, opts) {
  app.decorate('mirrorReads', createMirrorReads({
    enabled: opts.config.mirror.reads,
    maxAgeSeconds: opts.config.mirror.maxAgeSeconds,
    db: app.db,
    refresher: () => app.mirrorRefresh,
    accountCacheTtlMs: opts.config.authCacheTtlMs
  }))
}, { name: 'mirror-reads', dependencies: ['stores'] })
