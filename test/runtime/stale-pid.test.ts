// A leftover postmaster.pid (and postgres.owner) naming an unrelated live process, as after a
// reboot: the embedded PostgreSQL starts anyway and that process is left alone. And the settings of
// a durable cluster (a gateway's) and of a disposable one (a test run's).
import t from 'tap'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { isPostgresOf, startEmbeddedPostgres } from '../../src/runtime/embedded-postgres.js'
import pg from 'pg'

async function setting (adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    return (await client.query<Record<string, string>>(`SHOW ${name}`)).rows[0][name]
  } finally {
    await client.end()
  }
}

t.setTimeout(120_000)

t.test('a pid file naming another process neither blocks the start nor gets it signalled', async t => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ogw-stale-pid-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const clusterDir = path.join(dir, 'postgres')

  const first = await startEmbeddedPostgres({ dir })
  t.equal(await setting(first.adminUrl, 'fsync'), 'on', 'a gateway\'s cluster is durable')
  const postmaster = Number.parseInt((await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0], 10)
  t.ok(await isPostgresOf(postmaster, clusterDir), 'the running server is recognised as this cluster\'s PostgreSQL')
  t.notOk(await isPostgresOf(postmaster, path.join(dir, 'elsewhere')), 'but not as another cluster\'s')
  const pidFile = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')
  await first.stop()

  // An unrelated process that happens to have the pid the files name.
  const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' })
  t.teardown(() => { sleeper.kill('SIGKILL') })
  const sleeperExit = new Promise<NodeJS.Signals | null>(resolve => sleeper.on('exit', (_code, signal) => resolve(signal)))
  await writeFile(path.join(clusterDir, 'postmaster.pid'), pidFile.replace(/^\d+/, String(sleeper.pid)))
  await writeFile(path.join(dir, 'postgres.owner'), `${sleeper.pid}\n`)
  t.notOk(await isPostgresOf(sleeper.pid!, clusterDir))

  // Started the way the test runner starts its own (scripts/run-tests.ts).
  const second = await startEmbeddedPostgres({ dir, disposable: true })
  t.teardown(() => second.stop())
  t.equal(await setting(second.adminUrl, 'fsync'), 'off', 'the database started and answers; a disposable cluster skips fsync')
  t.equal(await setting(second.adminUrl, 'full_page_writes'), 'off')
  t.equal(sleeper.exitCode, null, 'the unrelated process was not signalled')
  t.equal(sleeper.signalCode, null)
  await second.stop()
  t.notOk(existsSync(path.join(clusterDir, 'postmaster.pid')))
  sleeper.kill('SIGTERM')
  t.equal(await sleeperExit, 'SIGTERM', 'it was still running until now')
})
