// The mirror's CLI against a gateway with the sandbox mounted: `sync key request` (words or
// colons), its validation, `sync run` until the account is mirrored, and `sync status`.
import t from 'tap'
import { build } from '../helper.js'
import { cliBeside, runCli } from '../support/cli.js'
import { addDomains } from '../support/sandbox.js'
import { progressBar } from '../../src/cli/sync-commands.js'

t.test('sync key request, sync run and sync status', async t => {
  const ctx = await build(t)
  addDomains(ctx.sandbox, 'demo-ovh', 60)
  const { env, cli } = cliBeside(ctx, { sandbox: true })
  t.equal((await cli('tenant:create', '--slug', 'shop', '--name', 'Shop', '--ovh-endpoint', 'sandbox',
    '--ovh-application-key', ctx.sandbox.demo.applicationKey, '--ovh-application-secret', ctx.sandbox.demo.applicationSecret)).code, 0)
  t.equal((await cli('user:create', '--tenant', 'shop', '--email', 'ops@shop.example', '--role', 'operator')).code, 0)
  const refused = await cli('sync', 'key', 'request', '--tenant', 'shop', '--email', 'ops@shop.example')
  t.equal(refused.code, 1, 'an operator may not own the sync key')
  t.equal(refused.json.error.code, 'BAD_USER_INPUT')
  t.equal((await cli('user:create', '--tenant', 'shop', '--email', 'admin@shop.example', '--role', 'admin')).code, 0)

  const requested = await cli('sync', 'key', 'request', '--tenant', 'shop')
  t.equal(requested.code, 0, requested.stderr)
  t.match(requested.json, { state: 'pendingValidation', owner: 'admin@shop.example', validationUrl: /credentialToken=/ })
  const rules = ctx.sandbox.admin.calls().findLast(call => call.route === '/auth/credential')
  t.ok(rules, 'requested from OVH')
  const stored = await ctx.db.ovhCredential.findUniqueOrThrow({ where: { id: requested.json.id } })
  t.equal(stored.purpose, 'sync')
  t.ok((stored.accessRules as Array<{ method: string }>).every(rule => rule.method === 'GET' || rule.method === 'POST'), 'reads only (and its own logout)')
  await ctx.sandbox.admin.validateCredential({ consumerKey: ctx.admin.stores.credentials.consumerKey(stored) })
  const shown = await cli('sync:key:show', '--tenant', 'shop', '--check')
  t.match(shown.json, { state: 'validated', ovhAccount: 'demo-ovh' })
  // The admin's own consumer key is still none: the sync key is not a user's key.
  const admin = await ctx.db.user.findFirstOrThrow({ where: { email: 'admin@shop.example' } })
  t.equal(await ctx.admin.stores.credentials.current(admin.id), null)

  const run = await runCli(['sync', 'run', '--tenant', 'shop', '--timeout', '120', '--json'], env, '', { tty: true })
  t.equal(run.code, 0, JSON.stringify(run.stderr))
  // Drawn over itself (\r, then erase to the end of the line) and ended with a newline.
  t.ok(run.stderr.includes('\r') && run.stderr.includes('\u001b[K\n'), 'on a terminal, the progress bar is drawn on stderr')
  t.equal(run.json.complete, true)
  t.match(run.json.accounts, [{ ovhAccount: 'demo-ovh', state: 'ready' }])
  t.equal(run.json.accounts[0].domainsSynced, run.json.accounts[0].domainsKnown)

  const status = await cli('sync', 'status')
  t.match(status.json, [{ tenant: 'shop', ovhAccount: 'demo-ovh', state: 'ready', lastError: null }])
  t.equal((await cli('sync', 'run', '--timeout', 'soon')).json.error.code, 'BAD_USER_INPUT')
})

t.test('the progress bar', async t => {
  t.equal(progressBar({ ovhAccount: 'nic', domainsKnown: 10_000, domainsSynced: 5_000, callsUsed: 101 }, 10), 'nic [#####.....] 5,000/10,000 domains, 101 calls')
  t.equal(progressBar({ ovhAccount: 'nic', domainsKnown: 0, domainsSynced: 0, callsUsed: 0 }, 4), 'nic [....] 0/0 domains, 0 calls')
})
