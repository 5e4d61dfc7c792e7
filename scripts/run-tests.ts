// Runs the test suite against a real PostgreSQL: the one DATABASE_URL names (CI, developers with a
// local server), or else an embedded PostgreSQL started for this run only, so `npm test` passes on a
// machine that has nothing but Node and npm. The migrations run once, into a template database;
// each test's database is a copy of it (test/support/database.ts), dropped when the test ends.
//
// The tests run from JavaScript compiled once per run (test-build.ts): tap starts one process per
// test file, and a TypeScript loader in each of them transpiled the whole app again, file by file,
// at every start (docs/development.md, "Test time", has the figures).
//
//   npx tsx scripts/run-tests.ts                       every test/**/*.test.ts
//   npx tsx scripts/run-tests.ts test/app/dns.test.ts  some files or folders; other arguments go to tap
//
// A run of more than one file runs them in groups, several files to a process (test-groups.ts);
// TEST_GROUPS=off runs each file in a process of its own, as tap does.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startEmbeddedPostgres } from '../src/runtime/embedded-postgres.js'
import { createTemplateDatabase, TEMPLATE_ENV } from '../test/support/database.js'
import { compileTests, compiledTestFile, testSelection } from './test-build.js'
import { groupTestFiles, largestGroup, writeGroupEntries } from './test-groups.js'

async function withDatabaseServer (run: (adminUrl: string) => Promise<number>): Promise<number> {
  const given = process.env.DATABASE_URL
  if (given) {
    process.stdout.write('# tests use the PostgreSQL of DATABASE_URL\n')
    return await run(given)
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-test-pg-'))
  const embedded = await startEmbeddedPostgres({ dir, persistent: false, disposable: true, database: 'postgres' })
  process.stdout.write('# tests use an embedded PostgreSQL (set DATABASE_URL to use another one)\n')
  try {
    return await run(embedded.adminUrl)
  } finally {
    await embedded.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

// .taprc's per-file timeout, in seconds: a group of n files gets n times as long.
function fileTimeout (): number {
  const match = /^timeout:\s*(\d+)/m.exec(readFileSync('.taprc', 'utf8'))
  return match === null ? 30 : Number(match[1])
}

function tapArguments (argv: string[]): string[] {
  const { options, sources } = testSelection(argv)
  if (sources.length <= 1 || process.env.TEST_GROUPS === 'off') return [...options, ...sources.map(compiledTestFile)]
  const groups = groupTestFiles(sources)
  const timeout = options.some(option => option.startsWith('--timeout')) ? [] : [`--timeout=${fileTimeout() * largestGroup(groups)}`]
  return [...timeout, ...options, ...writeGroupEntries(groups)]
}

async function main (): Promise<number> {
  const compiled = await compileTests()
  if (compiled !== 0) return compiled
  const args = tapArguments(process.argv.slice(2))
  return await withDatabaseServer(async adminUrl => {
    const template = await createTemplateDatabase(adminUrl)
    try {
      const tap = path.join(process.cwd(), 'node_modules', '.bin', 'tap')
      const child = spawn(tap, args, {
        stdio: 'inherit',
        env: { ...process.env, TEST_DATABASE_URL: adminUrl, [TEMPLATE_ENV]: template.name }
      })
      return await new Promise<number>(resolve => child.on('exit', code => resolve(code ?? 1)))
    } finally {
      await template.drop()
    }
  })
}

// Exit explicitly: embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls
// process.exit(0) and would turn a failure into success.
process.exit(await main())
