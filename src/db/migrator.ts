// Applies, checks and creates database migrations with Prisma's WebAssembly schema engine.
// `applyMigrations` is `prisma migrate deploy`; `createMigration` is `prisma migrate dev --create-only`
// done as a diff from the existing migrations to schema.prisma, because the wasm build cannot run
// createMigration itself (it has no shadow database factory of its own).
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { PrismaPg } from '@prisma/adapter-pg'
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils'
import { openSchemaEngine } from './schema-engine.js'
import type { BoundEngine } from './schema-engine.js'
import { readMigrationsFolder, writeMigration } from './migrations-folder.js'
import { quoteIdentifier, runAdminStatement, withDatabase } from './database-url.js'
import { migrationsPath, prismaSchemaPath } from '../paths.js'

export const paths = {
  schema: prismaSchemaPath,
  migrations: migrationsPath
}

const noFilters = { externalTables: [], externalEnums: [] }

export interface MigratorOptions {
  databaseUrl: string
  schemaPath?: string
  migrationsDir?: string
}

type RawResult = { fields: Array<{ dataTypeID: number }> }
type PerformIO = (query: unknown) => Promise<RawResult>

// adapter-pg cannot decode PostgreSQL's internal "char" type (OID 18), which the engine reads from
// pg_catalog when it describes a schema that has enums (seen on PostgreSQL 15 and 17). node-postgres
// already returns those values as strings, so the column is declared as text (OID 25) before
// adapter-pg maps column types. Only the migration engine's connections are patched.
async function withInternalCharAsText<T extends object> (adapter: T): Promise<T> {
  const target = adapter as unknown as { performIO: PerformIO }
  const performIO = target.performIO.bind(adapter)
  target.performIO = async (query) => {
    const result = await performIO(query)
    for (const field of result.fields) if (field.dataTypeID === 18) field.dataTypeID = 25
    return result
  }
  return adapter
}

// PrismaPg's own shadow database support reconnects to the main database and drops the shadow
// database before closing its pool (7.10.1), so the shadow database is managed here instead.
// The engine does not dispose what it connects, so the connections are tracked and closed here.
function adapterFactory (databaseUrl: string): { factory: SqlMigrationAwareDriverAdapterFactory, close: () => Promise<void> } {
  const main = new PrismaPg({ connectionString: databaseUrl, max: 2 })
  const open = new Set<{ dispose: () => Promise<void> }>()
  const track = <T extends { dispose: () => Promise<void> }>(adapter: T): T => {
    const dispose = adapter.dispose.bind(adapter)
    adapter.dispose = async () => {
      if (!open.delete(adapter)) return
      await dispose()
    }
    open.add(adapter)
    return adapter
  }
  const close = async (): Promise<void> => { for (const adapter of [...open]) await adapter.dispose() }
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: main.adapterName,
    connect: async () => track(await withInternalCharAsText(await main.connect())),
    async connectToShadowDb () {
      const name = `prisma_shadow_${randomBytes(6).toString('hex')}`
      await runAdminStatement(databaseUrl, `CREATE DATABASE ${quoteIdentifier(name)}`)
      const shadow = new PrismaPg({ connectionString: withDatabase(databaseUrl, name), max: 2 })
      const adapter = await withInternalCharAsText(await shadow.connect())
      const dispose = adapter.dispose.bind(adapter)
      adapter.dispose = async () => {
        await dispose()
        await runAdminStatement(databaseUrl, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`)
      }
      return track(adapter)
    }
  }
  return { factory, close }
}

async function withEngine<T> (options: MigratorOptions, work: (bound: BoundEngine, schema: { path: string, content: string }) => Promise<T>): Promise<T> {
  const schemaPath = options.schemaPath ?? paths.schema
  const schema = { path: schemaPath, content: await readFile(schemaPath, 'utf8') }
  // The schema engine reports a database it cannot reach as a bare message, without the driver's
  // code: a first connection of our own fails with node-postgres's error (ECONNREFUSED, 3D000...),
  // which callers tell apart (db/unavailable.ts: the CLI's DATABASE_UNAVAILABLE, not INTERNAL).
  await runAdminStatement(options.databaseUrl, 'SELECT 1')
  const { factory, close } = adapterFactory(options.databaseUrl)
  try {
    const bound = await openSchemaEngine(factory, schema)
    try {
      return await work(bound, schema)
    } catch (err) {
      throw bound.explain(err)
    } finally {
      bound.engine.free()
    }
  } finally {
    await close()
  }
}

/** Applies every migration not yet applied; returns their names. */
export async function applyMigrations (options: MigratorOptions): Promise<string[]> {
  const migrationsList = await readMigrationsFolder(options.migrationsDir ?? paths.migrations)
  return withEngine(options, async ({ engine }) => {
    const result = await engine.applyMigrations({ migrationsList, filters: noFilters })
    return result.appliedMigrationNames
  })
}

/** The SQL that would bring the migrations up to schema.prisma, or null when they already match. */
export async function pendingSchemaChanges (options: MigratorOptions): Promise<string | null> {
  const migrationsList = await readMigrationsFolder(options.migrationsDir ?? paths.migrations)
  return withEngine(options, async ({ engine }, schema) => {
    const from = migrationsList.migrationDirectories.length > 0
      ? { tag: 'migrations' as const, ...migrationsList }
      : { tag: 'empty' as const }
    const result = await engine.diff({
      from,
      to: { tag: 'schemaDatamodel', files: [schema] },
      script: true,
      exitCode: true,
      filters: noFilters
    })
    return result.exitCode === 2 ? result.stdout ?? '' : null
  })
}

/** Writes the next migration from the difference between the migrations and schema.prisma. */
export async function createMigration (options: MigratorOptions & { name: string }): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(options.name)) throw new Error('a migration name is made of a-z, 0-9 and _')
  const sql = await pendingSchemaChanges(options)
  if (sql === null) return null
  return writeMigration(options.migrationsDir ?? paths.migrations, options.name, sql)
}

export interface MigrationStatus {
  pending: string[]
  failed: string[]
  edited: string[]
}

/** Like `prisma migrate status`. */
export async function migrationStatus (options: MigratorOptions): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsFolder(options.migrationsDir ?? paths.migrations)
  return withEngine(options, async ({ engine }) => {
    const result = await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters })
    const history = result.history
    return {
      pending: history && 'unappliedMigrationNames' in history ? history.unappliedMigrationNames : [],
      failed: result.failedMigrationNames,
      edited: result.editedMigrationNames
    }
  })
}
