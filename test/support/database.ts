// A fresh, migrated PostgreSQL database per test file, on the server the test runner provides
// (scripts/run-tests.ts sets TEST_DATABASE_URL).
import { randomBytes } from 'node:crypto'
import { applyMigrations } from '../../src/db/migrator.js'
import { quoteIdentifier, runAdminStatement, withDatabase } from '../../src/db/database-url.js'

export interface Teardown { teardown (fn: () => unknown): void }

export const adminDatabaseUrl = (): string =>
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'

/** A new database, migrated unless asked otherwise, dropped when the test ends. */
export async function createTestDatabase (t: Teardown, options: { migrated?: boolean } = {}): Promise<string> {
  const admin = adminDatabaseUrl()
  const name = `ogw_test_${randomBytes(6).toString('hex')}`
  await runAdminStatement(admin, `CREATE DATABASE ${quoteIdentifier(name)}`)
  t.teardown(() => runAdminStatement(admin, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`))
  const url = withDatabase(admin, name)
  if (options.migrated !== false) await applyMigrations({ databaseUrl: url })
  return url
}
