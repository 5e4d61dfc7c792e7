// The Prisma client, on the Rust-free `prisma-client` generator with the node-postgres adapter. The
// pool is ours (the adapter accepts one) so that its connections can be counted (/metrics).
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.js'

export type { PrismaClient }
export type Db = PrismaClient

const pools = new WeakMap<PrismaClient, pg.Pool>()

export function createPrismaClient (databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: options.maxConnections ?? 10 })
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) })
  pools.set(client, pool)
  return client
}

/**
 * The node-postgres pool under the Prisma client, for the few hot reads where Prisma's own work
 * costs more than the query (src/mirror/domain-reads.ts): same connections, same transactions
 * rules (none: a pool query is its own statement).
 */
export function poolOf (db: Db): pg.Pool | undefined {
  return pools.get(db)
}

/** The client's pool right now: connections open, idle, and queries waiting for one. */
export function poolStats (db: Db): { total: number, idle: number, waiting: number } | undefined {
  const pool = pools.get(db)
  return pool === undefined ? undefined : { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }
}
