// A lane's jobs run on workers of their own: a job that waits (a webhook receiver that hangs) in one
// lane never holds up the main lane's (the mirror's sync), even with one worker in each.
import t from 'tap'
import Fastify from 'fastify'
import pg from 'pg'
import jobsPlugin from '../../src/jobs/plugin.js'
import { createTestDatabase } from '../support/database.js'

t.test('a job stuck in one lane leaves the main lane free', async t => {
  const connectionString = await createTestDatabase(t)
  const app = Fastify({ logger: false })
  await app.register(jobsPlugin, { connectionString, mode: 'inline', concurrency: 1, lanes: { slow: 1 }, startOn: 'ready', pollIntervalMs: 200 })
  let release = (): void => {}
  const slowStarted = new Promise<void>(resolve => {
    app.jobs.define('test.slow', async () => {
      resolve()
      await new Promise<void>(resolve => { release = resolve })
    }, { lane: 'slow' })
  })
  const quickRan: string[] = []
  let quickDone = (): void => {}
  const allQuick = new Promise<void>(resolve => { quickDone = resolve })
  app.jobs.define('test.quick', async payload => {
    quickRan.push((payload as { n: string }).n)
    if (quickRan.length === 3) quickDone()
  })
  t.throws(() => app.jobs.define('test.nowhere', async () => {}, { lane: 'unknown' }), /no lane unknown/)
  await app.ready()
  t.teardown(async () => { release(); await app.close() })

  const db = new pg.Client({ connectionString })
  await db.connect()
  t.teardown(() => db.end())
  await db.query("SELECT graphile_worker.add_job('test.slow', '{}'::json)")
  await slowStarted
  for (const n of ['1', '2', '3']) await db.query("SELECT graphile_worker.add_job('test.quick', json_build_object('n', $1::text))", [n])
  const timeout = new Promise<'timeout'>(resolve => setTimeout(() => resolve('timeout'), 15_000))
  t.equal(await Promise.race([allQuick.then(() => 'ran' as const), timeout]), 'ran', 'the main lane ran its jobs while the slow one waited')
  t.same(quickRan.sort(), ['1', '2', '3'])
})
