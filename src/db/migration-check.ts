// The server's start-up check that the database holds every migration of prisma/migrations, read
// straight from Prisma's `_prisma_migrations` table. Written here rather than asking Prisma's schema
// engine (src/db/migrator.ts, as `npm run cli -- db:status` does) because that engine is a 5 MB
// WebAssembly module whose memory a process never gives back: about 40 MB of RSS for the server's
// whole life, for a check that is three comparisons (bench/memory.ts measured it).
import { createHash } from 'node:crypto'
import pg from 'pg'
import { readMigrationsFolder } from './migrations-folder.js'
import type { MigrationStatus } from './migrator.js'

interface AppliedRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

/** Same answer as the schema engine's migrationStatus for a deployed database (no shadow database). */
export async function checkAppliedMigrations (databaseUrl: string, migrationsDir: string): Promise<MigrationStatus> {
  const folder = await readMigrationsFolder(migrationsDir)
  const client = new pg.Client({ connectionString: databaseUrl })
  // A connection cut between two statements is an 'error' event, which would crash the process
  // unheard; the next statement fails with it anyway.
  client.on('error', () => {})
  await client.connect()
  let rows: AppliedRow[]
  try {
    const table = await client.query<{ found: string | null }>("SELECT to_regclass('_prisma_migrations') AS found")
    rows = table.rows[0]?.found == null
      ? []
      : (await client.query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations')).rows
  } finally {
    await client.end()
  }
  // A rolled-back attempt does not count; a later successful one does.
  const live = rows.filter(row => row.rolled_back_at === null)
  const applied = new Map(live.filter(row => row.finished_at !== null).map(row => [row.migration_name, row]))
  const failed = live.filter(row => row.finished_at === null && !applied.has(row.migration_name)).map(row => row.migration_name)
  const pending: string[] = []
  const edited: string[] = []
  for (const directory of folder.migrationDirectories) {
    const row = applied.get(directory.path)
    if (row === undefined) {
      if (!failed.includes(directory.path)) pending.push(directory.path)
    } else if (directory.migrationFile.content.tag === 'ok' && row.checksum !== sha256(directory.migrationFile.content.value)) {
      edited.push(directory.path)
    }
  }
  return { pending, failed, edited }
}
