// A fresh, migrated PostgreSQL database per test, on the server the test runner provides
// (scripts/run-tests.ts sets TEST_DATABASE_URL), cloned from the run's migrated template.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { Logger, runMigrations } from 'graphile-worker'
import { applyMigrations } from '../../src/db/migrator.js'
import { quoteIdentifier, runAdminStatement, withDatabase } from '../../src/db/database-url.js'

// graphile-worker logs its migrations at info level; a test run's output is tap's alone.
const quietJobLogger = new Logger(() => () => {})

export interface Teardown { teardown (fn: () => unknown): void }

export const adminDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

// Set by scripts/run-tests.ts: a database migrated once for the whole run, that no one connects to.
export const TEMPLATE_ENV = 'TEST_TEMPLATE_DATABASE'

/** Creates a migrated database for a test run to clone; it accepts no connections, so clones never wait. */
export async function createTemplateDatabase (admin: string): Promise<{ name: string, drop: () => Promise<void> }> {
  const name = `ogw_template_${randomBytes(6).toString('hex')}`
  const drop = () => runAdminStatement(admin, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
  await runAdminStatement(admin, `CREATE DATABASE ${quoteIdentifier(name)}`)
  try {
    // Both close their connections before they return: PostgreSQL refuses to copy a database
    // that has any open. The job engine's schema is there too, as it would be after a gateway's
    // first job: migrating it took about a second in each test that queues one.
    await applyMigrations({ databaseUrl: withDatabase(admin, name) })
    await runMigrations({ connectionString: withDatabase(admin, name), logger: quietJobLogger })
    await runAdminStatement(admin, `ALTER DATABASE ${quoteIdentifier(name)} WITH ALLOW_CONNECTIONS false`)
  } catch (err) {
    await drop()
    throw err
  }
  return { name, drop }
}

/**
 * A new database, dropped when the test ends: a copy of the run's template (CREATE DATABASE ...
 * TEMPLATE, concurrent copies are safe), or, for a file run without scripts/run-tests.ts,
 * migrated on the spot. `migrated: false` gives an empty one (the migration tests).
 */
export async function createTestDatabase (t: Teardown, options: { migrated?: boolean } = {}): Promise<string> {
  const admin = adminDatabaseUrl()
  const name = `ogw_test_${randomBytes(6).toString('hex')}`
  const migrated = options.migrated !== false
  const template = migrated ? process.env[TEMPLATE_ENV] : undefined
  await runAdminStatement(admin, `CREATE DATABASE ${quoteIdentifier(name)}${template ? ` TEMPLATE ${quoteIdentifier(template)}` : ''}`)
  t.teardown(() => dropTestDatabase(admin, name))
  const url = withDatabase(admin, name)
  if (migrated && !template) await applyMigrations({ databaseUrl: url })
  return url
}

/**
 * Drops a test's database once the connections its gateways closed are gone (a pool's end() does
 * not wait for the server to see each one go), then with FORCE for whatever is left: terminating a
 * connection that is closing anyway failed the test with an error it raised in its client.
 */
async function dropTestDatabase (admin: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin })
  client.on('error', () => {})
  await client.connect()
  try {
    for (let waited = 0; waited < 2_000; waited += 20) {
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM pg_stat_activity WHERE datname = $1', [name])
      if (rows[0].count === '0') break
      await sleep(20)
    }
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
  } finally {
    await client.end()
  }
}
