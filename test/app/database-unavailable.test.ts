// The gateway's database stops taking connections while the gateway runs: REST and GraphQL answer
// a coded 503 DATABASE_UNAVAILABLE with Retry-After, readiness a short fixed reason (the details go
// to the log, not to an unauthenticated probe), and everything works again once it is back.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { adminDatabaseUrl } from '../support/database.js'
import { databaseName, quoteIdentifier, runAdminStatement } from '../../src/db/database-url.js'
import { loggerOptions } from '../../src/logger.js'

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
