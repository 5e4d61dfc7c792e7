// The gateway's database stops taking connections while the gateway runs: REST and GraphQL answer
// a coded 503 DATABASE_UNAVAILABLE with Retry-After, readiness a short fixed reason (the details go
// to the log, not to an unauthenticated probe), and everything works again once it is back.
import t from 'tap'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { adminDatabaseUrl } from '../support/database.js'
import { databaseName, quoteIdentifier, runAdminStatement } from '../../src/db/database-url.js'
import { loggerOptions } from '../../src/logger.js'
import { spawnServer } from '../support/server-process.js'

t.test('a database that refuses connections answers DATABASE_UNAVAILABLE, then recovers', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { env: { OVH_ENDPOINT: 'sandbox' }, logger: pino(loggerOptions('info', false), sink) })
  const user = await seedUser(ctx)
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/me')).statusCode, 200)

  // What an operator sees during a database outage, made from an admin connection: no new
  // connection is accepted and the pool's open ones are cut.
  const name = databaseName(ctx.config.databaseUrl!)
  const allowConnections = (allow: boolean) => runAdminStatement(adminDatabaseUrl(), `ALTER DATABASE ${quoteIdentifier(name)} ALLOW_CONNECTIONS ${allow}`)
  t.teardown(() => allowConnections(true))
  await allowConnections(false)
  await runAdminStatement(adminDatabaseUrl(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`)

  const me = await rest(ctx, user.apiKey, 'GET', '/v1/me')
  t.equal(me.statusCode, 503)
  t.match(me.headers['content-type'], /application\/problem\+json/)
  t.match(me.body, { code: 'DATABASE_UNAVAILABLE', status: 503, detail: String, requestId: String })
  t.equal(me.headers['retry-after'], String(me.body.retryAfter))
  t.ok(me.body.retryAfter > 0)

  const answer = await graphql(ctx, user.apiKey, '{ me { email } }')
  t.equal(answer.statusCode, 503)
  t.match(answer.body.errors, [{ extensions: { code: 'DATABASE_UNAVAILABLE', retryAfter: Number } }])

  const ready = await ctx.app.inject('/health/ready')
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { status: 'unavailable', checks: { database: { ok: false, error: 'database unavailable' }, ovh: { ok: true } } })
  for (const body of [me.body, answer.body, ready.json()]) {
    t.notOk(JSON.stringify(body).includes(name), 'no answer names the database')
  }
  const logged = lines.join('').split('\n').filter(Boolean).map(line => JSON.parse(line))
  t.match(logged.filter(entry => entry.msg === 'readiness: the database check failed'), [{ level: 40, error: new RegExp(name) }], 'the details are logged')

  await allowConnections(true)
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/me')).statusCode, 200, 'works again once the database is back')
  t.equal((await ctx.app.inject('/health/ready')).statusCode, 200)
})

t.test('a production gateway whose database cannot be reached refuses to start, in one line without the password', async t => {
  const server = spawnServer({
    DATABASE_URL: 'postgresql://postgres:db-password-never-printed@127.0.0.1:1/gateway',
    GATEWAY_MASTER_KEY: randomBytes(32).toString('base64'),
    SANDBOX: 'false',
    PORT: '0'
  })
  t.teardown(() => { server.child.kill('SIGKILL') })
  t.equal(await server.exited, 1, 'exits instead of serving')
  const output = server.output()
  const fatal = output.trim().split('\n').map(line => JSON.parse(line) as { level: number, code?: string, msg: string }).find(line => line.level === 60)
  t.match(fatal, { code: 'DATABASE_UNAVAILABLE', msg: /the database cannot be reached \(connect ECONNREFUSED 127\.0\.0\.1:1\); check DATABASE_URL/ })
  t.notOk(output.includes('db-password-never-printed'), 'the password is not printed')
  t.notOk(output.includes('"stack"'), 'no stack trace: the line is the whole story')
})
