// Decorates the app with the database and the tenancy stores built over it.
import fp from 'fastify-plugin'
import type { Db } from '../db/client.js'
import type { SecretBox } from '../crypto/secret-box.js'
import { createStores } from '../tenancy/index.js'
import { createSessionLocks } from '../db/session-locks.js'
import type { Stores } from '../tenancy/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
    secrets: SecretBox
    stores: Stores
  }
}

export default fp<{ db: Db, secrets: SecretBox, databaseUrl: string, identityCacheTtlMs?: number }>(async function storesPlugin (app, opts) {
  app.decorate('db', opts.db)
  app.decorate('secrets', opts.secrets)
  // Connects at the first order, not at start: most requests never need it.
  const sessionLocks = createSessionLocks(opts.databaseUrl)
  const stores = createStores(opts.db, opts.secrets, { identityCacheTtlMs: opts.identityCacheTtlMs, sessionLocks })
  app.decorate('stores', stores)
  // Audit entries recorded beside the last requests are written before the database closes.
  app.addHook('onClose', async () => {
    await stores.audit.settle()
    await sessionLocks.close()
  })
  // The first Prisma query loads its query compiler (about a second on a busy machine): pay for it
  // at start, not on the first request; an unreachable database also fails the start right away.
  app.addHook('onReady', async () => { await opts.db.$queryRaw`SELECT 1` })
}, { name: 'stores' })
