// Events end to end: changes made at OVH outside the gateway, found by the mirror's sync, become
// events in the feed and signed webhook deliveries (Standard Webhooks) to a real receiver; failed
// deliveries are retried with the same webhook-id; tenants and keys see only their own events.
import t from 'tap'
import { adminDatabaseUrl } from '../support/database.js'
import { createHmac } from 'node:crypto'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { seedSyncKey } from '../support/mirror.js'
import { startReceiver } from '../support/webhook-receiver.js'
import type { Receiver } from '../support/webhook-receiver.js'
import { writeEvents } from '../../src/modules/events/store.js'
import type { Teardown } from '../support/database.js'

const DAY = 86_400_000
const env = { WORKERS: 'off', WEBHOOK_ALLOW_PRIVATE: 'true' }

async function synced (t: Teardown, extraEnv: Record<string, string> = {}) {
  const ctx = await build(t, { env: { ...env, ...extraEnv } })
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const [status] = await ctx.app.mirror.status({ tenantId: setup.tenant.id })
  return { ctx, setup, accountId: status.accountId }
}

const domainsOf = (ctx: TestApp) => ctx.sandbox.state.accounts['demo-ovh'].domains

// A change in OVH's control panel, then the reconciliation that finds it.
async function changeAtOvh (ctx: TestApp, accountId: string, name: string, change: (domain: any) => void) {
  change(domainsOf(ctx)[name])
  await ctx.db.mirrorDomain.update({ where: { accountId_name: { accountId, name } }, data: { syncedAt: new Date(Date.now() - 2 * 3_600_000) } })
  await ctx.app.mirror.runDomains(accountId)
}

// The feed shows an event once no older transaction of the PostgreSQL server is still running;
// other test files' databases share that server, so a read may have to wait a moment.
async function feedUntil (ctx: TestApp, apiKey: string, url: string, count: number) {
  const deadline = Date.now() + 15_000
  for (;;) {
    const answer = await rest(ctx, apiKey, 'GET', url)
    if (answer.body?.items?.length >= count || Date.now() > deadline) return answer
    await new Promise(resolve => setTimeout(resolve, 100))
  }
}

// Runs the due jobs until the receiver has had `count` deliveries: the dispatcher takes an event
// only once no older transaction of the server runs (as the feed does), and else looks again a
// second later, which one run of the due jobs does not wait for.
async function dispatched (ctx: TestApp, receiver: Receiver, count: number) {
  const deadline = Date.now() + 15_000
  for (;;) {
    await ctx.app.jobs.runDue()
    if (receiver.received.length >= count || Date.now() > deadline) return
    await new Promise(resolve => setTimeout(resolve, 200))
  }
}

function verify (secret: string, headers: Record<string, unknown>, body: string): boolean {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = createHmac('sha256', key).update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`).digest('base64')
  return headers['webhook-signature'] === `v1,${expected}`
}

t.test('a renewal turned off at OVH: one event in the feed, one signed delivery', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const receiver = await startReceiver(t)
  const created = await rest(ctx, setup.apiKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['domain.renewal_changed', 'domain.renewed'] })
  t.equal(created.statusCode, 201)
  t.match(created.body, { id: String, secret: /^whsec_[A-Za-z0-9+/]+=*$/, events: ['domain.renewal_changed', 'domain.renewed'], enabled: true })
  const listed = await rest(ctx, setup.apiKey, 'GET', '/v1/webhooks')
  t.notOk(JSON.stringify(listed.body).includes(created.body.secret), 'the secret is shown once')

  await changeAtOvh(ctx, accountId, 'demo-shop.com', domain => {
    domain.renew.automatic = !domain.renew.automatic
    domain.expiration += 365 * DAY
  })
  const feed = await feedUntil(ctx, setup.apiKey, '/v1/events?subjectType=domain&subject=demo-shop.com', 2)
  t.equal(feed.statusCode, 200)
  const types = feed.body.items.map((event: any) => event.type).sort()
  t.same(types, ['domain.renewal_changed', 'domain.renewed'])
  const renewal = feed.body.items.find((event: any) => event.type === 'domain.renewal_changed')
  t.match(renewal, { subject: { type: 'domain', id: 'demo-shop.com' }, domain: 'demo-shop.com', cause: { kind: 'ovh' }, data: { before: String, after: String } })
  t.not(renewal.data.before, renewal.data.after)

  await dispatched(ctx, receiver, 2)
  t.equal(receiver.received.length, 2, 'one delivery per event subscribed')
  for (const delivery of receiver.received) {
    t.ok(verify(created.body.secret, delivery.headers, delivery.body), 'signed with the endpoint\'s secret')
    t.ok(Math.abs(Number(delivery.headers['webhook-timestamp']) - Date.now() / 1000) < 60)
    t.match(delivery.json, { type: /^domain\./, timestamp: String, data: { subject: { type: 'domain', id: 'demo-shop.com' } } })
  }
  t.same(receiver.received.map(delivery => delivery.headers['webhook-id']).sort(), feed.body.items.map((event: any) => event.id).sort(), 'webhook-id is the event id')
  const log = await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}/deliveries`)
  t.match(log.body, { totalCount: 2, items: [{ status: 'delivered', responseCode: 200, attempts: 1 }, { status: 'delivered' }] })

  // The same events in GraphQL, from the feed's start.
  const query = await graphql(ctx, setup.apiKey, 'query { events(types: ["domain.renewed"]) { edges { node { id type domain data cause { kind } } } pageInfo { endCursor hasNextPage } } }')
  t.equal(query.body.data.events.edges.length, 1)
  t.match(JSON.parse(query.body.data.events.edges[0].node.data), { before: String, after: String })
})

t.test('a receiver that fails is retried with the same webhook-id; a ping and a redelivery', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const receiver = await startReceiver(t)
  receiver.answer = 500
  const created = await rest(ctx, setup.apiKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] })
  await changeAtOvh(ctx, accountId, 'demo-shop.com', domain => { domain.transferLockStatus = domain.transferLockStatus === 'locked' ? 'unlocked' : 'locked' })
  await feedUntil(ctx, setup.apiKey, '/v1/events', 1)
  await dispatched(ctx, receiver, 1)
  t.equal(receiver.received.length, 1)
  let log = await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}/deliveries`)
  t.match(log.body.items, [{ status: 'pending', responseCode: 500, attempts: 1, error: 'the receiver answered 500' }])
  const endpoint = await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}`)
  t.ok(endpoint.body.failingSince, 'the endpoint is failing')

  // The backoff's wait, skipped: the receiver is back.
  receiver.answer = 204
  await ctx.db.$executeRawUnsafe('UPDATE graphile_worker._private_jobs SET run_at = now()')
  await dispatched(ctx, receiver, 2)
  t.equal(receiver.received.length, 2)
  t.equal(receiver.received[1].headers['webhook-id'], receiver.received[0].headers['webhook-id'], 'the retry carries the same webhook-id')
  log = await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}/deliveries`)
  t.match(log.body.items, [{ status: 'delivered', responseCode: 204, attempts: 2, error: null }])
  t.equal((await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}`)).body.failingSince, null, 'a success ends the failures')

  const redelivery = await rest(ctx, setup.apiKey, 'POST', `/v1/webhooks/deliveries/${log.body.items[0].id}/redeliver`)
  t.equal(redelivery.statusCode, 202)
  const ping = await rest(ctx, setup.apiKey, 'POST', `/v1/webhooks/${created.body.id}/ping`)
  t.equal(ping.statusCode, 202)
  await dispatched(ctx, receiver, 4)
  t.equal(receiver.received.length, 4)
  t.equal(receiver.received[2].headers['webhook-id'], receiver.received[0].headers['webhook-id'], 'a redelivery is the same event')
  t.equal(receiver.received[3].json.type, 'webhook.ping')
})

t.test('a receiver that never answers: the attempt ends at WEBHOOK_TIMEOUT_MS and is retried', async t => {
  const { ctx, setup, accountId } = await synced(t, { WEBHOOK_TIMEOUT_MS: '300' })
  const receiver = await startReceiver(t)
  receiver.answer = 'hang'
  const created = await rest(ctx, setup.apiKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] })
  await changeAtOvh(ctx, accountId, 'demo-shop.com', domain => { domain.transferLockStatus = domain.transferLockStatus === 'locked' ? 'unlocked' : 'locked' })
  await feedUntil(ctx, setup.apiKey, '/v1/events', 1)
  const started = Date.now()
  await dispatched(ctx, receiver, 1)
  t.ok(Date.now() - started < 5_000, 'the hanging receiver did not hold the worker')
  t.equal(receiver.received.length, 1)
  const log = await rest(ctx, setup.apiKey, 'GET', `/v1/webhooks/${created.body.id}/deliveries`)
  t.match(log.body.items, [{ status: 'pending', responseCode: null, attempts: 1, error: 'no answer within 300 ms' }])
  t.ok(log.body.items[0].latencyMs >= 290, `the attempt lasted its timeout (${log.body.items[0].latencyMs} ms)`)
  t.ok((await ctx.app.jobs.queue.pendingJobs('webhooks:')).length > 0, 'a retry is scheduled')
})

t.test('an endpoint failing for too long is disabled, with a reason and a log line', async t => {
  const lines: string[] = []
  const { Writable } = await import('node:stream')
  const pino = (await import('pino')).default
  const { loggerOptions } = await import('../../src/logger.js')
  const ctx = await build(t, { env, logger: pino(loggerOptions('warn', false), new Writable({ write (chunk, _e, done) { lines.push(String(chunk)); done() } })) })
  const admin = await seedUser(ctx, { role: 'admin' })
  const receiver = await startReceiver(t)
  receiver.answer = 503
  const created = await rest(ctx, admin.apiKey, 'POST', '/v1/webhooks', { url: receiver.url, events: ['*'] })
  await ctx.db.webhookEndpoint.update({ where: { id: created.body.id }, data: { failingSince: new Date(Date.now() - 4 * DAY) } })
  // The job engine's schema, as a worker's start makes it: events written from now on wake the dispatcher.
  await ctx.app.jobs.runDue()
  await writeEvents(ctx.db, [{ tenantId: admin.tenant.id, type: 'order.created', subject: '42', data: { after: 'checking' }, cause: { kind: 'ovh' } }])
  await feedUntil(ctx, admin.apiKey, '/v1/events', 1)
  await dispatched(ctx, receiver, 1)
  const endpoint = await rest(ctx, admin.apiKey, 'GET', `/v1/webhooks/${created.body.id}`)
  t.match(endpoint.body, { enabled: false, disabledReason: /failing since .*the receiver answered 503/ })
  t.ok(lines.some(line => line.includes('webhook endpoint disabled') && line.includes(created.body.id)))
  t.notOk(lines.some(line => line.includes(created.body.secret)), 'no secret in the log')
  const enabled = await rest(ctx, admin.apiKey, 'PATCH', `/v1/webhooks/${created.body.id}`, { enabled: true })
  t.match(enabled.body, { enabled: true, failingSince: null, disabledReason: null })
})

t.test('webhook input is checked before anything is stored', async t => {
  const ctx = await build(t, { env: { WORKERS: 'off' } })
  const admin = await seedUser(ctx, { role: 'admin' })
  const operator = await seedUser(ctx, { role: 'operator', slug: admin.tenant.slug })
  t.equal((await rest(ctx, operator.apiKey, 'POST', '/v1/webhooks', { url: 'https://example.net/h', events: ['*'] })).statusCode, 403, 'admins only')
  for (const [body, field] of [
    [{ url: 'ftp://example.net/h', events: ['*'] }, 'url'],
    [{ url: 'not a url', events: ['*'] }, 'url'],
    [{ url: 'https://user:pw@example.net/h', events: ['*'] }, 'url'],
    [{ url: 'http://127.0.0.1:9/h', events: ['*'] }, 'url'],
    [{ url: 'http://[::1]/h', events: ['*'] }, 'url'],
    [{ url: 'http://10.1.2.3/h', events: ['*'] }, 'url'],
    [{ url: 'http://169.254.169.254/latest', events: ['*'] }, 'url'],
    [{ url: 'https://example.net/h', events: ['domain.exploded'] }, 'events'],
    [{ url: 'https://example.net/h', events: [] }, 'events']
  ] as const) {
    const answer = await rest(ctx, admin.apiKey, 'POST', '/v1/webhooks', body)
    t.equal(answer.statusCode, 400, JSON.stringify(body))
    t.match(answer.body, { code: 'BAD_USER_INPUT', fields: [{ field: new RegExp(field) }] })
  }
  t.equal(await ctx.db.webhookEndpoint.count(), 0)
  t.equal((await rest(ctx, admin.apiKey, 'GET', '/v1/webhooks/00000000-0000-0000-0000-000000000000')).statusCode, 404)
})

t.test('the feed: one tenant\'s events, only what the key may read, nothing skipped', async t => {
  const ctx = await build(t, { env: { WORKERS: 'off' } })
  const user = await seedUser(ctx)
  const other = await seedUser(ctx)
  const limited = await seedUser(ctx, { slug: user.tenant.slug })
  await ctx.db.ovhCredential.update({ where: { id: limited.credential!.id }, data: { accessRules: [{ method: 'GET', path: '/domain/demo-shop.com/*' }] } })
  const domainEvent = (tenantId: string, domain: string) => ({ tenantId, type: 'domain.lock_changed' as const, subject: domain, domain, data: { before: 'locked', after: 'unlocked' }, cause: { kind: 'ovh' as const } })
  await writeEvents(ctx.db, [domainEvent(user.tenant.id, 'demo-shop.com'), domainEvent(user.tenant.id, 'demo-blog.net'), domainEvent(other.tenant.id, 'elsewhere.com')])

  const mine = await feedUntil(ctx, user.apiKey, '/v1/events', 2)
  t.same(mine.body.items.map((event: any) => event.domain), ['demo-shop.com', 'demo-blog.net'])
  t.same((await rest(ctx, other.apiKey, 'GET', '/v1/events')).body.items.map((event: any) => event.domain), ['elsewhere.com'], 'another tenant\'s feed')
  t.same((await rest(ctx, limited.apiKey, 'GET', '/v1/events')).body.items.map((event: any) => event.domain), ['demo-shop.com'], 'a key limited to one domain')

  // A transaction that began first commits last: a reader between the two commits must not pass it.
  const cursor = mine.body.pageInfo.endCursor
  const pg = (await import('pg')).default
  const slow = new pg.Client({ connectionString: ctx.config.databaseUrl })
  await slow.connect()
  t.teardown(() => slow.end())
  await slow.query('BEGIN')
  await slow.query('INSERT INTO "Event" (id, "tenantId", type, "subjectType", subject, domain, data, cause) VALUES (gen_random_uuid(), $1, \'domain.lock_changed\', \'domain\', \'late.com\', \'late.com\', \'{}\', \'{"kind":"ovh"}\')', [user.tenant.id])
  await writeEvents(ctx.db, [domainEvent(user.tenant.id, 'early.com')])
  const between = await rest(ctx, user.apiKey, 'GET', `/v1/events?after=${cursor}`)
  t.same(between.body.items, [], 'the committed event waits behind the open transaction')
  await slow.query('COMMIT')
  const after = await feedUntil(ctx, user.apiKey, `/v1/events?after=${between.body.pageInfo.endCursor ?? cursor}`, 2)
  t.same(after.body.items.map((event: any) => event.domain), ['late.com', 'early.com'], 'both, in transaction order')
  const empty = await rest(ctx, user.apiKey, 'GET', `/v1/events?after=${after.body.pageInfo.endCursor}`)
  t.same(empty.body.items, [], 'nothing twice')

  // A transaction of another database (another application on the same server) holds a
  // transaction id too, but cannot write this database's events: it does not hold the feed back.
  const elsewhere = new pg.Client({ connectionString: adminDatabaseUrl() })
  await elsewhere.connect()
  t.teardown(() => elsewhere.end())
  await elsewhere.query('BEGIN')
  await elsewhere.query('SELECT pg_current_xact_id()')
  await writeEvents(ctx.db, [domainEvent(user.tenant.id, 'meanwhile.com')])
  const meanwhile = await rest(ctx, user.apiKey, 'GET', `/v1/events?after=${after.body.pageInfo.endCursor}`)
  t.same(meanwhile.body.items.map((event: any) => event.domain), ['meanwhile.com'], 'read at once, with another database\'s transaction open')
  await elsewhere.query('ROLLBACK')

  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/events?after=bogus')).statusCode, 400)
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/events?types=domain.exploded')).statusCode, 400)
})

t.test('a consumer key that cannot sign is a coded refusal, not an empty feed; its own events still show', async t => {
  const ctx = await build(t, { env: { WORKERS: 'off' } })
  const user = await seedUser(ctx)
  await writeEvents(ctx.db, [
    { tenantId: user.tenant.id, type: 'domain.lock_changed', subject: 'demo-shop.com', domain: 'demo-shop.com', data: {}, cause: { kind: 'ovh' } },
    { tenantId: user.tenant.id, type: 'credential.expired', subject: user.credential!.id, domain: null, data: { userId: user.user.id }, cause: { kind: 'ovh' } }
  ])
  await feedUntil(ctx, user.apiKey, '/v1/events', 2)
  await ctx.db.ovhCredential.update({ where: { id: user.credential!.id }, data: { expiresAt: new Date(Date.now() - 1000) } })

  const refused = await rest(ctx, user.apiKey, 'GET', '/v1/events')
  t.equal(refused.statusCode, 403)
  t.match(refused.body, { code: 'CREDENTIAL_EXPIRED' })
  const gql = await graphql(ctx, user.apiKey, '{ events { edges { node { type } } } }')
  t.match(gql.body.errors, [{ extensions: { code: 'CREDENTIAL_EXPIRED' } }])
  const own = await rest(ctx, user.apiKey, 'GET', '/v1/events?types=credential.expired')
  t.equal(own.statusCode, 200, 'a user learns that the key expired')
  t.same(own.body.items.map((event: any) => event.type), ['credential.expired'])
})

t.test('a change made through the gateway is an event caused by that request and its user', async t => {
  const ctx = await build(t, { env: { ...env, MIRROR_READS: 'on' } })
  const setup = await seedSyncKey(ctx)
  await ctx.app.mirror.discover()
  await ctx.app.jobs.runDue()
  const automatic = domainsOf(ctx)['demo-shop.com'].renew.automatic
  const write = await ctx.app.inject({
    method: 'PUT',
    url: '/v1/domains/demo-shop.com/serviceInfos',
    headers: { authorization: `Bearer ${setup.apiKey}`, 'x-request-id': 'billing-run-7' },
    payload: { renew: { automatic: !automatic } }
  })
  t.equal(write.statusCode, 200, write.body)
  // The write-through refresh finds the change and records it with the request as its cause.
  await ctx.app.jobs.runDue()
  const feed = await feedUntil(ctx, setup.apiKey, '/v1/events?types=domain.renewal_changed', 1)
  t.match(feed.body.items, [{ type: 'domain.renewal_changed', domain: 'demo-shop.com', cause: { kind: 'gateway', requestId: 'billing-run-7', userId: setup.user.id } }])
})

t.test('a contact change accepted through the gateway is a contact_change.status_changed event it caused', async t => {
  const { ctx, setup, accountId } = await synced(t)
  const other = ctx.sandbox.admin.createAccount({ seed: 'empty' })
  const opened = await graphql(ctx, setup.apiKey, `mutation { changeDomainContacts(domain: "demo-shop.com", admin: "${other.nic}") { id state } }`)
  t.equal(opened.statusCode, 200, JSON.stringify(opened.body.errors))
  const [request] = opened.body.data.changeDomainContacts
  await ctx.app.mirror.runActivity(accountId)
  t.match(await ctx.db.mirrorContactChange.findMany({ where: { accountId } }), [{ id: BigInt(request.id), domain: 'demo-shop.com', state: 'todo' }], 'mirrored, no event for its first sight')

  // Its NIC accepts with the emailed token, through the gateway: the write-through refresh reads
  // the request again and records the move with that request as its cause.
  ctx.sandbox.admin.advanceClock({ seconds: 61 })
  const token = ctx.sandbox.admin.contactChangeTokens(Number(request.id))['demo-ovh']
  const accepted = await ctx.app.inject({
    method: 'POST',
    url: `/v1/contact-changes/${request.id}/accept`,
    headers: { authorization: `Bearer ${setup.apiKey}`, 'x-request-id': 'accept-run-3' },
    payload: { token }
  })
  t.equal(accepted.statusCode, 200, accepted.body)
  await ctx.app.jobs.runDue()
  const feed = await feedUntil(ctx, setup.apiKey, '/v1/events?types=contact_change.status_changed', 1)
  t.match(feed.body.items, [{ type: 'contact_change.status_changed', subject: { type: 'contact_change', id: request.id }, domain: null, data: { before: 'todo', after: 'validatingByCustomers', domain: 'demo-shop.com' }, cause: { kind: 'gateway', requestId: 'accept-run-3', userId: setup.user.id } }])
  await ctx.app.mirror.runActivity(accountId)
  t.equal((await rest(ctx, setup.apiKey, 'GET', '/v1/events?types=contact_change.status_changed')).body.items.length, 1, 'an unchanged state is no new event')
})
