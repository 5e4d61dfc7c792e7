// The migrations under prisma/migrations produce exactly what schema.prisma describes, and new
// migrations are created the way `npm run db:migration` does it.
import t from 'tap'
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { applyMigrations, createMigration, migrationStatus, paths, pendingSchemaChanges } from '../../src/db/migrator.js'
import { createTestDatabase } from '../support/database.js'

t.test('the committed migrations match schema.prisma (no drift)', async t => {
  const databaseUrl = await createTestDatabase(t)
  t.equal(await pendingSchemaChanges({ databaseUrl }), null, 'diff from migrations to the schema is empty')
  t.same(await migrationStatus({ databaseUrl }), { pending: [], failed: [], edited: [] })
  t.same(await applyMigrations({ databaseUrl }), [], 'applying twice does nothing')

  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  t.teardown(() => client.end())
  const { rows } = await client.query("select table_name from information_schema.tables where table_schema = 'public' order by 1")
  const tables = rows.map(r => r.table_name)
  for (const table of ['Tenant', 'User', 'ApiKey', 'OvhCredential', 'AuditEntry', '_prisma_migrations']) t.ok(tables.includes(table), table)
})

t.test('db:migration creates the next migration from a schema change', async t => {
  const databaseUrl = await createTestDatabase(t)
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-migrations-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const migrationsDir = path.join(dir, 'migrations')
  await cp(paths.migrations, migrationsDir, { recursive: true })
  const schemaPath = path.join(dir, 'schema.prisma')
  const schema = await readFile(paths.schema, 'utf8')
  await writeFile(schemaPath, schema + '\nmodel Widget {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n')

  const before = await readdir(migrationsDir)
  const created = await createMigration({ databaseUrl, name: 'add_widget', schemaPath, migrationsDir })
  t.match(created, /^\d{14}_add_widget$/)
  t.equal((await readdir(migrationsDir)).length, before.length + 1)
  const sql = await readFile(path.join(migrationsDir, created!, 'migration.sql'), 'utf8')
  t.match(sql, /CREATE TABLE "Widget"/)

  t.equal(await pendingSchemaChanges({ databaseUrl, schemaPath, migrationsDir }), null, 'nothing left to create')
  t.equal(await createMigration({ databaseUrl, name: 'again', schemaPath, migrationsDir }), null)
  t.same(await applyMigrations({ databaseUrl, migrationsDir, schemaPath }), [created], 'the new migration applies')
  await t.rejects(createMigration({ databaseUrl, name: 'Bad Name', schemaPath, migrationsDir }), /a-z, 0-9/)
})
