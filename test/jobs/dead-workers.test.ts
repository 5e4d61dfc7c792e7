// A job engine killed with SIGKILL mid-job leaves the job (and its named queue) locked under its
// worker's id; graphile-worker would take the lock back after 4 hours. src/jobs/liveness.ts tells
// a dead worker from a busy one by its advisory lock: the dead one's jobs are unlocked, the busy
// one's are left alone. Real processes, on a real PostgreSQL.
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import pg from 'pg'
import { createTestDatabase, type Teardown } from '../support/database.js'
import { packageRoot } from '../../src/paths.js'
import { unlockDeadWorkers } from '../../src/jobs/liveness.js'
import { programArgs } from '../support/program.js'

interface Worker { child: ChildProcess, lines: string[], waitFor (prefix: string): Promise<string> }

function startWorker (t: Teardown, databaseUrl: string): Worker {
  const child = spawn(process.execPath, programArgs('test/support/job-worker-process.ts'), {
    cwd: packageRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: databaseUrl, _TAPJS_PROCESSINFO_COVERAGE_: '0' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const lines: string[] = []
  const waiters: Array<() => void> = []
  child.stdout!.on('data', chunk => {
    lines.push(...String(chunk).split('\n').filter(Boolean))
    for (const wake of waiters.splice(0)) wake()
  })
  t.teardown(() => { child.kill('SIGKILL') })
  return {
    child,
    lines,
    async waitFor (prefix) {
      const deadline = Date.now() + 30_000
      for (;;) {
        const line = lines.find(candidate => candidate.startsWith(prefix))
        if (line) return line
        if (Date.now() > deadline) throw new Error(`no "${prefix}" from the worker process: ${lines.join(' | ')}`)
        await new Promise<void>(resolve => { waiters.push(resolve); setTimeout(resolve, 500) })
      }
    }
  }
}

async function lockedJobs (db: pg.Client): Promise<Array<{ id: string, locked_by: string | null, queue_locked_by: string | null }>> {
  const { rows } = await db.query(`SELECT j.id::text, j.locked_by, q.locked_by AS queue_locked_by
    FROM graphile_worker._private_jobs j LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id
    ORDER BY j.id`)
  return rows
}

t.test('the jobs of a SIGKILLed worker are unlocked; a busy worker keeps its own', async t => {
  const databaseUrl = await createTestDatabase(t)
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  t.teardown(() => db.end())

  const doomed = startWorker(t, databaseUrl)
  const busy = startWorker(t, databaseUrl)
  await doomed.waitFor('ready')
  await busy.waitFor('ready')
  // Two jobs on two named queues: each process takes one (a worker runs one job at a time).
  await db.query("SELECT graphile_worker.add_job('test.never-ends', '{}'::json, queue_name => 'q1')")
  await db.query("SELECT graphile_worker.add_job('test.never-ends', '{}'::json, queue_name => 'q2')")
  const doomedJob = (await doomed.waitFor('started')).split(' ')[1]
  const busyJob = (await busy.waitFor('started')).split(' ')[1]
  t.not(doomedJob, busyJob)

  const before = await lockedJobs(db)
  t.equal(before.filter(job => job.locked_by !== null).length, 2, 'both jobs are locked')
  t.same(await unlockDeadWorkers(db, 0), [], 'nobody is dead yet')

  const exited = new Promise(resolve => doomed.child.once('exit', resolve))
  doomed.child.kill('SIGKILL')
  await exited
  const doomedWorker = before.find(job => job.id === doomedJob)!.locked_by!
  // PostgreSQL notices the closed connection at once on loopback; give it a moment all the same.
  let dead: string[] = []
  for (let attempt = 0; attempt < 20 && dead.length === 0; attempt++) {
    dead = await unlockDeadWorkers(db, 0)
    if (dead.length === 0) await new Promise(resolve => setTimeout(resolve, 100))
  }
  t.same(dead, [doomedWorker], 'the killed worker is found dead')

  const after = await lockedJobs(db)
  t.match(after.find(job => job.id === doomedJob), { locked_by: null, queue_locked_by: null }, 'its job and queue are free again')
  t.match(after.find(job => job.id === busyJob), { locked_by: String, queue_locked_by: String }, 'the busy worker keeps its job')
  // The freed job runs again on the live process once its own job ends; here the live one is busy
  // for ever, so a third process takes it.
  const heir = startWorker(t, databaseUrl)
  t.equal((await heir.waitFor('started')).split(' ')[1], doomedJob, 'another process runs the freed job')
})

t.test('a lock younger than the grace delay is left alone', async t => {
  const databaseUrl = await createTestDatabase(t)
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  t.teardown(() => db.end())
  const worker = startWorker(t, databaseUrl)
  await worker.waitFor('ready')
  await db.query("SELECT graphile_worker.add_job('test.never-ends', '{}'::json)")
  await worker.waitFor('started')
  const exited = new Promise(resolve => worker.child.once('exit', resolve))
  worker.child.kill('SIGKILL')
  await exited
  t.same(await unlockDeadWorkers(db), [], 'within 30 s of its lock, a dead worker\'s job waits')
})
