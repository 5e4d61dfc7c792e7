// Runs the test suite against a real PostgreSQL: the one DATABASE_URL names (CI, developers with a
// local server), or else an embedded PostgreSQL started for this run only, so `npm test` passes on a
// machine that has nothing but Node and npm. The migrations run once, into a template database;
// each test's database is a copy of it (test/support/database.ts), dropped when the test ends.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from '../src/runtime/embedded-postgres.js'
import { createTemplateDatabase, TEMPLATE_ENV } from '../test/support/database.js'

async function main (): Promise<number> {
  let adminUrl = process.env.DATABASE_URL
  let stop = async (): Promise<void> => {}
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-test-pg-'))
    const embedded = await startEmbeddedPostgres({ dir, persistent: false, database: 'postgres' })
    adminUrl = embedded.adminUrl
    stop = async () => {
      await embedded.stop()
      await rm(dir, { recursive: true, force: true })
    }
    process.stdout.write('# tests use an embedded PostgreSQL (set DATABASE_URL to use another one)\n')
  } else {
    process.stdout.write('# tests use the PostgreSQL of DATABASE_URL\n')
  }
  try {
    const template = await createTemplateDatabase(adminUrl)
    try {
      const tap = path.join(process.cwd(), 'node_modules', '.bin', 'tap')
      const child = spawn(tap, process.argv.slice(2), {
        stdio: 'inherit',
        env: { ...process.env, TEST_DATABASE_URL: adminUrl, [TEMPLATE_ENV]: template.name }
      })
      return await new Promise<number>(resolve => child.on('exit', code => resolve(code ?? 1)))
    } finally {
      await template.drop()
    }
  } finally {
    await stop()
  }
}

// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and would turn a failure into success.
process.exit(await main())
