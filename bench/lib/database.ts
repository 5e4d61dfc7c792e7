// A throw-away, migrated PostgreSQL database for one benchmark run, dropped at the end.
// The server is DATABASE_URL's when set (used as the admin connection), else the local one.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { applyMigrations } from '../../src/db/migrator.js'
import { quoteIdentifier, runAdminStatement, withDatabase } from '../../src/db/database-url.js'
import { processCpuMs } from './processes.js'
import type { CpuSource } from './processes.js'

export interface BenchDatabase {
  url: string
  name: string
  drop (): Promise<void>
}

export const adminDatabaseUrl = (): string => process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/postgres'

export async function createBenchDatabase (): Promise<BenchDatabase> {
  const admin = adminDatabaseUrl()
  const name = `ogw_bench_${randomBytes(6).toString('hex')}`
  await runAdminStatement(admin, `CREATE DATABASE ${quoteIdentifier(name)}`)
  const url = withDatabase(admin, name)
  const drop = (): Promise<void> => runAdminStatement(admin, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
  try {
    await applyMigrations({ databaseUrl: url })
  } catch (err) {
    await drop()
    throw err
  }
  return { url, name, drop }
}

/**
 * CPU used by the PostgreSQL backends serving one database: the gateway's queries cost CPU there
 * too, on the same cores. Only meaningful when the server runs on this machine (else NaN).
 * Backends that appear during a run count from zero; one that ends during a run is lost.
 */
export function postgresCpu (database: string): CpuSource {
  let last = new Map<number, number>()
  let total = 0
  return {
    name: 'postgres',
    async cpuMs () {
      const client = new pg.Client({ connectionString: adminDatabaseUrl() })
      await client.connect()
      let pids: number[]
      try {
        const result = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database])
        pids = result.rows.map(row => row.pid)
      } finally {
        await client.end()
      }
      const now = new Map(pids.map(pid => [pid, processCpuMs(pid)]))
      for (const [pid, ms] of now) total += ms - (last.get(pid) ?? 0)
      last = now
      return total
    }
  }
}
