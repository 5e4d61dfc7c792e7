// A process that runs the gateway's job engine (src/jobs/plugin.ts) and nothing else, with one task
// that starts and never ends: test/jobs/dead-workers.test.ts kills it with SIGKILL mid-job. It
// prints `started <job id>` when the task starts.
import Fastify from 'fastify'
import jobsPlugin from '../../src/jobs/plugin.js'

const connectionString = process.env.DATABASE_URL!
const app = Fastify({ logger: false })
await app.register(jobsPlugin, { connectionString, mode: 'inline', concurrency: 1, startOn: 'ready', pollIntervalMs: 200 })
app.jobs.define('test.never-ends', async (_payload, helpers) => {
  process.stdout.write(`started ${helpers.job.id}\n`)
  await new Promise(() => {})
})
await app.ready()
process.stdout.write('ready\n')
