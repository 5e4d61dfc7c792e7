// The Prisma client, on the Rust-free `prisma-client` generator with the node-postgres adapter.
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.js'

export type { PrismaClient }
export type Db = PrismaClient

export function createPrismaClient (databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 })
  return new PrismaClient({ adapter })
}
