// Session advisory locks on a connection of their own: one holder at a time across processes (two
// instances here, two connections), never twice within one process, and gone with the connection
// that held them, so another instance can take over from a dead one.
import t from 'tap'
import pg from 'pg'
import { createSessionLocks } from '../../src/db/session-locks.js'
import { createTestDatabase } from '../support/database.js'

t.test('one holder at a time, released with its connection', async t => {
  const databaseUrl = await createTestDatabase(t, { migrated: false })
  const one = createSessionLocks(databaseUrl)
  const two = createSessionLocks(databaseUrl)
  t.teardown(async () => { await one.close(); await two.close() })

  const lease = await one.tryTake('key-a')
  t.ok(lease?.held(), 'taken')
  t.ok(one.heldHere('key-a'))
  t.equal(await one.tryTake('key-a'), null, 'not twice in one process (advisory locks are re-entrant per session)')
  t.equal(await two.tryTake('key-a'), null, 'not by another instance')
  const [first, second] = await Promise.all([two.tryTake('key-b'), two.tryTake('key-b')])
  t.ok((first === null) !== (second === null), 'of two requests at once, one gets it')

  await lease!.release()
  t.notOk(lease!.held())
  t.notOk(one.heldHere('key-a'))
  const taken = await two.tryTake('key-a')
  t.ok(taken?.held(), 'free once released')
  await taken!.release()

  // The holding connection dies (as with a killed process): the lock goes with it.
  const again = await one.tryTake('key-a')
  t.ok(again?.held())
  const admin = new pg.Client({ connectionString: databaseUrl })
  await admin.connect()
  t.teardown(() => admin.end())
  await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'ovh-reseller-gateway session locks' AND datname = current_database() AND pid <> pg_backend_pid()")
  const deadline = Date.now() + 10_000
  while (again!.held() && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
  t.notOk(again!.held(), 'the lease knows it is lost')
  const takeover = await two.tryTake('key-a')
  t.ok(takeover?.held(), 'another instance takes it over')
  t.ok((await one.tryTake('key-c'))?.held(), 'the first instance reconnects for new locks')
})
