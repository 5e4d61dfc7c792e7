// The first sync against the sandbox over HTTP: one list, then one batch read per 50 domains,
// with the sync key; every domain mirrored with its details.
import t from 'tap'
import { build } from '../helper.js'
import { addDomains, lastCallId } from '../support/sandbox.js'
import { byRoute, seedSyncKey, syncCalls } from '../support/mirror.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'

t.test('a first sync costs 1 list + ceil(n/50) batch reads and mirrors every domain', async t => {
  const ctx = await build(t)
  addDomains(ctx.sandbox, 'demo-ovh', 120)
  const setup = await seedSyncKey(ctx)
  const listed = Object.values(ctx.sandbox.state.accounts['demo-ovh'].domains).filter(domain => domain.state !== 'deleted').length
  const since = lastCallId(ctx.sandbox)

  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()

  const calls = syncCalls(ctx, setup, since)
  t.equal(byRoute(calls, '/domain').length, 1, 'one list')
  t.equal(byRoute(calls, '/domain/{serviceName}').length, Math.ceil(listed / 50), 'one batch read per 50 domains')
  t.ok(byRoute(calls, '/domain/{serviceName}').every(call => call.batchSize <= 50))
  t.equal(ctx.sandbox.admin.calls({ since }).filter(call => call.credentialId !== Number(setup.syncKey.ovhCredentialId) && call.route !== '/auth/time').length, 0, 'no other key was used')

  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  t.equal(status.state, 'ready')
  t.equal(status.domainsKnown, listed)
  t.equal(status.domainsSynced, listed)
  t.ok(status.lastFullSyncAt)
  t.equal(status.callsUsed, calls.length, 'the account counts the calls its sync made')
  t.equal(status.lastError, null)

  const row = await ctx.db.mirrorDomain.findFirst({ where: { accountId: status.accountId, name: 'bulk-007.com' } })
  t.ok(row?.detail, 'details kept whole')
  t.equal(row?.tld, 'com')
  t.ok(row?.expiresAt instanceof Date)
  t.ok(row?.renewalPeriod, 'service read after the first pass: renewal period')
  t.ok(row?.creationDate, 'and creation date')
  t.ok(await ctx.db.mirrorContact.count({ where: { accountId: status.accountId } }) > 0, 'owner contacts')
  t.ok(await ctx.db.mirrorTask.count({ where: { accountId: status.accountId } }) > 0, 'tasks')

  // The status over both APIs, for the tenant's admins and operators; no OVH call.
  const before = lastCallId(ctx.sandbox)
  const answer = await rest(ctx, setup.apiKey, 'GET', '/v1/mirror/status')
  t.equal(answer.statusCode, 200)
  t.match(answer.body.accounts, [{ ovhEndpoint: 'sandbox', ovhAccount: 'demo-ovh', state: 'ready', domainsKnown: listed, domainsSynced: listed, detailPassSeconds: Number, callsUsed: calls.length, lastError: null }])
  const query = await graphql(ctx, setup.apiKey, '{ mirrorStatus { ovhAccount state domainsKnown domainsSynced lastFullSyncAt lagSeconds detailPassSeconds callsUsed lastError } }')
  t.match(query.body.data.mirrorStatus, [{ ovhAccount: 'demo-ovh', state: 'ready', domainsKnown: listed, domainsSynced: listed, detailPassSeconds: Number, callsUsed: calls.length, lastError: null }])
  t.equal(lastCallId(ctx.sandbox), before, 'the status costs no OVH call')
  const viewer = await seedUser(ctx, { slug: setup.tenant.slug, role: 'viewer' })
  t.equal((await rest(ctx, viewer.apiKey, 'GET', '/v1/mirror/status')).statusCode, 403, 'not for viewers')
  const other = await seedUser(ctx)
  t.same((await rest(ctx, other.apiKey, 'GET', '/v1/mirror/status')).body, { accounts: [] }, 'another tenant sees none of it')
})
