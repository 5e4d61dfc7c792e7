// Which errors mean "the database cannot be reached": real errors from node-postgres and from Prisma
// over its driver adapter, made against a real server; a query that fails is not one.
import t from 'tap'
import pg from 'pg'
import { createPrismaClient } from '../../src/db/client.js'
import { databaseName, quoteIdentifier, runAdminStatement, withDatabase } from '../../src/db/database-url.js'
import { isDatabaseUnavailable } from '../../src/db/unavailable.js'
import { adminDatabaseUrl, createTestDatabase } from '../support/database.js'

async function failureOf (work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work()
  } catch (err) {
    return err
  }
  throw new Error('expected a failure')
}

t.test('nothing listening, no such database, login refused', async t => {
  const refused = new pg.Client({ connectionString: 'postgresql://postgres@127.0.0.1:1/x' })
  t.ok(isDatabaseUnavailable(await failureOf(() => refused.connect())), 'node-postgres: connection refused')

  const cases = {
    'connection refused': 'postgresql://postgres@127.0.0.1:1/x',
    'no such database': withDatabase(adminDatabaseUrl(), 'ogw_no_such_database'),
    'unknown role': Object.assign(new URL(adminDatabaseUrl()), { username: 'ogw_no_such_role' }).toString()
  }
  for (const [what, url] of Object.entries(cases)) {
    const db = createPrismaClient(url)
    t.teardown(() => db.$disconnect())
    t.ok(isDatabaseUnavailable(await failureOf(() => db.tenant.findMany())), `Prisma: ${what}`)
  }
})

t.test('a database that stops taking connections, under a query and after it', async t => {
  const url = await createTestDatabase(t)
  const name = databaseName(url)
  const db = createPrismaClient(url)
  t.teardown(() => db.$disconnect())
  const allowConnections = (allow: boolean) => runAdminStatement(adminDatabaseUrl(), `ALTER DATABASE ${quoteIdentifier(name)} ALLOW_CONNECTIONS ${allow}`)
  t.teardown(() => allowConnections(true))

  const inFlight = failureOf(() => db.$queryRaw`SELECT pg_sleep(5)`)
  await new Promise(resolve => setTimeout(resolve, 300))
  await allowConnections(false)
  await runAdminStatement(adminDatabaseUrl(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`)
  t.ok(isDatabaseUnavailable(await inFlight), 'a query whose connection is terminated (57P01)')
  t.ok(isDatabaseUnavailable(await failureOf(() => db.apiKey.findUnique({ where: { prefix: 'x' } }))), 'a new connection refused (55000, FATAL)')
})

t.test('a query that fails is not the database being unavailable', async t => {
  const url = await createTestDatabase(t)
  const db = createPrismaClient(url)
  t.teardown(() => db.$disconnect())
  const tenant = { slug: 'acme', name: 'ACME', ovhEndpoint: 'ovh-eu', ovhApplicationKey: 'k', ovhApplicationSecret: 'v1.x' }
  await db.tenant.create({ data: tenant })
  t.notOk(isDatabaseUnavailable(await failureOf(() => db.tenant.create({ data: tenant }))), 'a unique constraint')
  t.notOk(isDatabaseUnavailable(await failureOf(() => db.$queryRawUnsafe('SELEC 1'))), 'a syntax error')
  t.notOk(isDatabaseUnavailable(await failureOf(() => db.$queryRaw`SELECT 1 / 0`)), 'a division by zero')
  t.notOk(isDatabaseUnavailable(new Error('boom')))
  t.notOk(isDatabaseUnavailable(null))
  t.notOk(isDatabaseUnavailable('ECONNREFUSED'))
})
