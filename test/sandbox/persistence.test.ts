// The JSON snapshot: written after changes and on close, loaded back by a new sandbox.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { createSandbox } from '../../src/sandbox/index.js'
import { sleep } from '../../src/sandbox/time.js'
import { adminCall, ovhCall, serveSandbox } from './helpers.js'

function tempFile (t: { teardown (fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'ovh-sandbox-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  return join(dir, 'nested', 'state.json')
}

t.test('state saved on close and reloaded from persistPath', async t => {
  const persistPath = tempFile(t)
  const first = createSandbox({ persistPath })
  const served = await serveSandbox(t, { sandbox: first })
  const account = await adminCall(served, 'POST', '/accounts', { nic: 'kept-ovh' })
  const requested = await ovhCall(served, { method: 'POST', path: '/auth/credential', consumerKey: null, body: { accessRules: [{ method: 'GET', path: '/*' }] } })
  await adminCall(served, 'POST', '/credentials/validate', { consumerKey: requested.body.consumerKey, expiresInSeconds: 7200 })
  await adminCall(served, 'POST', '/clock/advance', { seconds: 3600 })
  await served.app.close()
  await first.close()
  t.ok(existsSync(persistPath), 'written on close')
  const saved = JSON.parse(readFileSync(persistPath, 'utf8'))
  t.equal(saved.clockOffsetMs, 3_600_000)
  t.ok(saved.accounts['kept-ovh'])

  const second = await serveSandbox(t, { persistPath, seed: 'empty' })
  t.same((await ovhCall(second, { path: '/domain', consumerKey: account.body.consumerKey })).body, account.body.domains, 'accounts and keys survive (the seed option is ignored)')
  t.equal((await ovhCall(second, { path: '/domain', consumerKey: requested.body.consumerKey })).status, 200)
  t.equal(second.sandbox.state.clockOffsetMs, 3_600_000, 'sandbox time survives')
  t.equal(second.sandbox.scheduler.pending().filter(event => event.kind === 'credential.expire').length, 1, 'scheduled work survives')
  second.sandbox.admin.advanceClock({ seconds: 3601 })
  t.equal((await ovhCall(second, { path: '/domain', consumerKey: requested.body.consumerKey })).body.errorCode, 'INVALID_CREDENTIAL', 'and still runs on time')
})

t.test('saved shortly after a change, without closing', async t => {
  const persistPath = tempFile(t)
  const served = await serveSandbox(t, { persistPath })
  await ovhCall(served, { method: 'POST', path: '/auth/logout' })
  // Debounced: poll for the file rather than assume a delay.
  for (let i = 0; i < 100 && !existsSync(persistPath); i++) await sleep(50)
  const saved = JSON.parse(readFileSync(persistPath, 'utf8'))
  t.equal(saved.credentials[served.sandbox.demo.consumerKey].status, 'expired')
})

t.test('a snapshot of another version is refused', async t => {
  const persistPath = tempFile(t)
  await createSandbox({ persistPath }).close()
  t.notOk(existsSync(persistPath), 'nothing changed, nothing written')
  const sandbox = createSandbox({ persistPath })
  sandbox.admin.advanceClock({ seconds: 1 })
  await sandbox.close()
  const saved = JSON.parse(readFileSync(persistPath, 'utf8'))
  writeFileSync(persistPath, JSON.stringify({ ...saved, version: 99 }))
  t.throws(() => createSandbox({ persistPath }), /version 99/)
})

t.test('a snapshot saved by an earlier build loads with defaults for newer state', async t => {
  const persistPath = tempFile(t)
  const sandbox = createSandbox({ persistPath })
  sandbox.admin.advanceClock({ seconds: 1 })
  await sandbox.close()
  const saved = JSON.parse(readFileSync(persistPath, 'utf8'))
  delete saved.contactChanges
  for (const account of Object.values(saved.accounts) as Array<Record<string, unknown>>) {
    delete account.domainTasks
    delete account.whois
    delete account.profile
  }
  writeFileSync(persistPath, JSON.stringify(saved))
  const served = await serveSandbox(t, { persistPath })
  t.same((await ovhCall(served, { path: '/me/task/domain' })).body, [])
  t.equal((await ovhCall(served, { path: '/domain/demo-shop.com' })).status, 200)
})
