// GraphQL subscriptions over a real WebSocket (graphql-transport-ws): the API key in
// connection_init, events as the dispatcher takes them, one tenant's events only and only what the
// key may read; across two gateway instances through Redis.
import t from 'tap'
import { Redis } from 'ioredis'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { seedUser } from '../support/fixtures.js'
import { connect } from '../support/subscription-client.js'
import type { SubscriptionClient } from '../support/subscription-client.js'
import { writeEvents } from '../../src/modules/events/store.js'
import { liveTopic } from '../../src/modules/subscriptions/live-events.js'
import type { NewEvent } from '../../src/modules/events/types.js'
import type { Teardown } from '../support/database.js'

const env = { WORKERS: 'off' }
const EVENT_FIELDS = '{ id type domain subject { type id } occurredAt data cause { kind } }'
const REDIS_URL = 'redis://127.0.0.1:6379'

const domainEvent = (tenantId: string, domain: string): NewEvent =>
  ({ tenantId, type: 'domain.lock_changed', subject: domain, domain, data: { before: 'locked', after: 'unlocked' }, cause: { kind: 'ovh' } })

// Events committed, then taken by the dispatcher (the events:dispatch job), which publishes them.
// The feed answers an event only once every transaction older than it has ended, in any database
// of the server (events/feed.ts): test files running beside this one can hold it back a moment.
async function dispatch (ctx: TestApp, events: NewEvent[]) {
  await writeEvents(ctx.db, events)
  const deadline = Date.now() + 10_000
  for (;;) {
    await ctx.app.jobs.runDue()
    const [{ pending }] = await ctx.db.$queryRawUnsafe<Array<{ pending: boolean }>>(
      `SELECT EXISTS (SELECT 1 FROM "Event" e, "EventCursor" c
         WHERE c.name = 'webhooks' AND (e.txid, e.seq) > (c.txid::xid8, c.seq)) AS pending`)
    if (!pending) return
    if (Date.now() > deadline) throw new Error('the dispatcher did not take the events')
    await ctx.app.jobs.queue.addJob('events:dispatch', {}, { queueName: 'events:dispatch', jobKey: 'events:dispatch' })
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

// Until `count` subscriptions listen to the tenant's topic on this instance: subscribing has no
// acknowledgement in the protocol. Through Redis, until its SUBSCRIBE is in place too.
async function listening (ctx: TestApp, tenantId: string, count: number, redis?: Redis) {
  const emitter = ctx.app.liveEvents.emitter as unknown as { _matcher: { match: (topic: string) => unknown[] } }
  const deadline = Date.now() + 5_000
  for (;;) {
    const local = emitter._matcher.match(liveTopic(tenantId)).length >= count
    const remote = redis === undefined || Number((await redis.pubsub('NUMSUB', liveTopic(tenantId)))[1]) > 0
    if (local && remote) return
    if (Date.now() > deadline) throw new Error(`no ${count} subscriptions on ${tenantId} (${emitter._matcher.match(liveTopic(tenantId)).length})`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}

async function stopped (ctx: TestApp, tenantId: string, count: number) {
  const emitter = ctx.app.liveEvents.emitter as unknown as { _matcher: { match: (topic: string) => unknown[] } }
  const deadline = Date.now() + 5_000
  while (emitter._matcher.match(liveTopic(tenantId)).length > count) {
    if (Date.now() > deadline) throw new Error(`more than ${count} subscriptions on ${tenantId}`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}

async function accepted (t: Teardown, ctx: TestApp, apiKey: string): Promise<SubscriptionClient> {
  const client = await connect(t, ctx.baseUrl, { authorization: `Bearer ${apiKey}` })
  if (!client.accepted) throw new Error(`connection refused: ${JSON.stringify(client.messages)}`)
  return client
}

t.test('a connection without a valid API key is refused', async t => {
  const ctx = await build(t, { env })
  const user = await seedUser(ctx)
  for (const [payload, why] of [
    [undefined, 'no payload'],
    [{}, 'no authorization'],
    [{ authorization: 'Bearer ogw_notakey' }, 'an unknown key'],
    [{ authorization: user.apiKey }, 'no Bearer'],
    [{ authorization: ['Bearer', user.apiKey] }, 'not a string']
  ] as const) {
    const client = await connect(t, ctx.baseUrl, payload)
    t.notOk(client.accepted, why)
    t.same(client.messages[0], { type: 'connection_error', payload: { message: 'Forbidden' } }, why)
    await client.closed
  }
  const revoked = await seedUser(ctx)
  await ctx.db.apiKey.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } })
  t.notOk((await connect(t, ctx.baseUrl, { authorization: `Bearer ${revoked.apiKey}` })).accepted, 'a revoked key')

  const client = await connect(t, ctx.baseUrl, { authorization: `Bearer ${user.apiKey}` })
  t.ok(client.accepted, 'a valid key')
  t.equal(client.messages[0].type, 'connection_ack')
})

t.test('events as the dispatcher takes them: the tenant\'s, only what the key may read', async t => {
  const ctx = await build(t, { env })
  const user = await seedUser(ctx)
  const other = await seedUser(ctx)
  const limited = await seedUser(ctx, { slug: user.tenant.slug })
  await ctx.db.ovhCredential.update({ where: { id: limited.credential!.id }, data: { accessRules: [{ method: 'GET', path: '/domain/demo-shop.com/*' }] } })
  // The job engine's schema, as a worker's start makes it: events written from now on wake the dispatcher.
  await ctx.app.jobs.runDue()

  const mine = await accepted(t, ctx, user.apiKey)
  const theirs = await accepted(t, ctx, other.apiKey)
  const narrow = await accepted(t, ctx, limited.apiKey)
  mine.subscribe('all', `subscription { events ${EVENT_FIELDS} }`)
  mine.subscribe('locks', 'subscription ($types: [String!]) { events(types: $types) { id type domain } }', { types: ['domain.lock_changed'] })
  mine.subscribe('renewals', 'subscription { events(types: ["domain.renewed"]) { id } }')
  mine.subscribe('blog', 'subscription { domainChanged(name: "DEMO-BLOG.net") { id type domain } }')
  mine.subscribe('order', 'subscription { orderChanged(id: "42") { id type subject { id } } }')
  theirs.subscribe('all', 'subscription { events { id domain } }')
  narrow.subscribe('all', 'subscription { events { id domain } }')
  await listening(ctx, user.tenant.id, 6)
  await listening(ctx, other.tenant.id, 1)

  await dispatch(ctx, [domainEvent(user.tenant.id, 'demo-shop.com'), domainEvent(user.tenant.id, 'demo-blog.net'), domainEvent(other.tenant.id, 'elsewhere.com')])
  const feed = await ctx.db.event.findMany({ orderBy: { seq: 'asc' } })

  const all = await mine.next('all', 2)
  t.same(all.map(message => message.type), ['next', 'next'])
  t.match(all[0].payload.data.events, { id: feed[0].id, type: 'domain.lock_changed', domain: 'demo-shop.com', subject: { type: 'domain', id: 'demo-shop.com' }, cause: { kind: 'ovh' }, occurredAt: feed[0].occurredAt.toISOString() })
  t.same(JSON.parse(all[0].payload.data.events.data), { before: 'locked', after: 'unlocked' })
  t.same(all.map(message => message.payload.data.events.domain), ['demo-shop.com', 'demo-blog.net'])
  t.same((await mine.next('locks', 2)).map(message => message.payload.data.events.domain), ['demo-shop.com', 'demo-blog.net'], 'by type')
  t.same((await mine.next('blog')).map(message => message.payload.data.domainChanged.domain), ['demo-blog.net'], 'domainChanged: that domain only')
  t.same((await theirs.next('all')).map(message => message.payload.data.events.domain), ['elsewhere.com'], 'another tenant\'s events only')
  t.same((await narrow.next('all')).map(message => message.payload.data.events.domain), ['demo-shop.com'], 'a key limited to one domain')

  await dispatch(ctx, [{ tenantId: user.tenant.id, type: 'order.created', subject: '42', data: { after: 'checking' }, cause: { kind: 'ovh' } }, { tenantId: user.tenant.id, type: 'order.created', subject: '43', data: { after: 'checking' }, cause: { kind: 'ovh' } }])
  t.same((await mine.next('order')).map(message => message.payload.data.orderChanged.subject.id), ['42'], 'orderChanged: that order only')
  t.same((await mine.next('all', 2)).map(message => message.payload.data.events.type), ['order.created', 'order.created'])
  t.same(await mine.quiet('blog', 100), [], 'no order event for a domain')
  t.same(await mine.quiet('renewals', 0), [], 'no event of another type')
  t.same(await narrow.quiet('all', 0), [], 'orders are not in a key limited to a domain')
  t.same(await theirs.quiet('all', 0), [], 'nor in another tenant\'s')

  // Completed: it receives no more.
  mine.complete('locks')
  await stopped(ctx, user.tenant.id, 5)
  await dispatch(ctx, [domainEvent(user.tenant.id, 'demo-shop.com')])
  await mine.next('all')
  t.same((await mine.quiet('locks', 100)).filter(message => message.type === 'next'), [], 'a completed subscription')
})

t.test('arguments and documents are checked before anything is subscribed', async t => {
  const ctx = await build(t, { env })
  const user = await seedUser(ctx)
  const client = await accepted(t, ctx, user.apiKey)
  client.subscribe('type', 'subscription { events(types: ["domain.exploded"]) { id } }')
  client.subscribe('name', 'subscription { domainChanged(name: "not a domain") { id } }')
  client.subscribe('task', 'subscription { taskChanged(id: "x1") { id } }')
  client.subscribe('field', 'subscription { events { id nope } }')
  client.subscribe('large', `subscription { events { ${'id '.repeat(600)} } }`)
  const [type] = await client.next('type')
  t.match(type, { type: 'error', payload: [{ message: /must be one of/, extensions: { code: 'BAD_USER_INPUT' } }] })
  t.match((await client.next('name'))[0], { type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT' } }] })
  t.match((await client.next('task'))[0], { type: 'error', payload: [{ extensions: { code: 'BAD_USER_INPUT' } }] })
  t.match((await client.next('field'))[0], { type: 'error', payload: [{ message: /nope/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  t.match((await client.next('large'))[0], { type: 'error', payload: [{ message: /fields/, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] })
  t.equal(ctx.app.liveEvents.transport, 'process')
})

const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null })
probe.on('error', () => {})
const redisReachable = await probe.connect().then(() => true, () => false)
t.teardown(() => { probe.disconnect() })
if (!redisReachable && process.env.CI) throw new Error(`Redis is needed at ${REDIS_URL} in CI`)
const noRedis = redisReachable ? false : `Redis is not reachable at ${REDIS_URL}: start one to run this test`

t.test('through Redis: an event dispatched by one instance reaches a subscriber of another', { skip: noRedis }, async t => {
  const first = await build(t, { env: { ...env, REDIS_URL } })
  const second = await build(t, { env: { ...env, REDIS_URL }, databaseUrl: first.config.databaseUrl })
  t.equal(second.app.liveEvents.transport, 'redis')
  const user = await seedUser(first)
  const other = await seedUser(first)
  await first.app.jobs.runDue()

  const client = await accepted(t, second, user.apiKey)
  client.subscribe('shop', 'subscription { domainChanged(name: "demo-shop.com") { id domain } }')
  await listening(second, user.tenant.id, 1, probe)
  await dispatch(first, [domainEvent(other.tenant.id, 'demo-shop.com'), domainEvent(user.tenant.id, 'demo-shop.com')])
  const [event] = await first.db.event.findMany({ where: { tenantId: user.tenant.id } })
  t.same((await client.next('shop')).map(message => message.payload.data.domainChanged), [{ id: event.id, domain: 'demo-shop.com' }])
  t.same(await client.quiet('shop', 200), [], 'once, and not another tenant\'s')
})

t.test('with Redis unreachable the dispatcher goes on and the gateway closes', async t => {
  // Nothing listens on port 1: every connection attempt is refused.
  const ctx = await build(t, { env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } })
  t.equal(ctx.app.liveEvents.transport, 'redis')
  const user = await seedUser(ctx)
  await ctx.app.jobs.runDue()
  const started = Date.now()
  await dispatch(ctx, [domainEvent(user.tenant.id, 'demo-shop.com')])
  t.ok(Date.now() - started < 5_000, 'publishing does not wait for Redis')
  const feed = await ctx.db.event.count({ where: { tenantId: user.tenant.id } })
  t.equal(feed, 1, 'the event stays in the feed')
  const closing = Date.now()
  await ctx.app.close()
  t.ok(Date.now() - closing < 5_000, 'closing does not wait for Redis')
})
