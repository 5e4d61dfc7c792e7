// The deployed server's start-up check of applied migrations (read from `_prisma_migrations`, without
// Prisma's schema engine) gives the schema engine's answer in every state a database can be in, and
// a server started on a database that is behind refuses to serve.
import t from 'tap'
import { createHash, randomBytes } from 'node:crypto'
import { appendFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { runAdminStatement } from '../../src/db/database-url.js'
import { checkAppliedMigrations } from '../../src/db/migration-check.js'
import { readMigrationsFolder } from '../../src/db/migrations-folder.js'
import { migrationStatus, paths } from '../../src/db/migrator.js'
import { createTestDatabase } from '../support/database.js'
import type { Teardown } from '../support/database.js'
import { spawnServer } from '../support/server-process.js'

const NEXT_SQL = 'CREATE TABLE "Next" ("id" INTEGER);\n'

async function copyOfMigrations (t: Teardown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-migration-check-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await cp(paths.migrations, dir, { recursive: true })
  return dir
}

t.test('the start-up check agrees with the schema engine', async t => {
  const committed = (await readMigrationsFolder(paths.migrations)).migrationDirectories.map(directory => directory.path)
  const both = async (databaseUrl: string, migrationsDir: string): Promise<unknown> => {
    const ours = await checkAppliedMigrations(databaseUrl, migrationsDir)
    t.same(ours, await migrationStatus({ databaseUrl, migrationsDir }), 'same answer as the schema engine')
    return ours
  }

  const migrated = await createTestDatabase(t)
  t.same(await both(migrated, paths.migrations), { pending: [], failed: [], edited: [] }, 'up to date')

  const empty = await createTestDatabase(t, { migrated: false })
  t.same(await both(empty, paths.migrations), { pending: committed, failed: [], edited: [] }, 'a new database: everything pending')

  const withNext = await copyOfMigrations(t)
  await mkdir(path.join(withNext, '29991231000000_next'))
  await writeFile(path.join(withNext, '29991231000000_next', 'migration.sql'), NEXT_SQL)
  t.same(await both(migrated, withNext), { pending: ['29991231000000_next'], failed: [], edited: [] }, 'a newer release: its migration pending')

  const edited = await copyOfMigrations(t)
  await appendFile(path.join(edited, committed[0], 'migration.sql'), '\n-- edited after it ran\n')
  t.same(await both(migrated, edited), { pending: [], failed: [], edited: [committed[0]] }, 'an applied migration edited since')

  // What Prisma leaves behind when a migration's SQL fails half way: started, never finished.
  const failedDb = await createTestDatabase(t)
  await runAdminStatement(failedDb, `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
    VALUES ('${randomBytes(8).toString('hex')}', '${createHash('sha256').update(NEXT_SQL).digest('hex')}', '29991231000000_next', now(), 0)`)
  t.same(await both(failedDb, withNext), { pending: [], failed: ['29991231000000_next'], edited: [] }, 'a failed migration')
})

t.test('a deployed gateway refuses to start on a database that is behind', async t => {
  const empty = await createTestDatabase(t, { migrated: false })
  const server = spawnServer({ DATABASE_URL: empty, GATEWAY_MASTER_KEY: randomBytes(32).toString('base64'), SANDBOX: 'false', PORT: '0' })
  t.teardown(() => { server.child.kill('SIGKILL') })
  t.equal(await server.exited, 1, 'exits with an error')
  t.match(server.output(), /the database is not up to date \(pending: \d{14}_init.*\): run `npm run db:migrate`/)
})
