// GET /metrics: request latencies by route template, GraphQL operations, OVH calls by route template
// and status, the consumer keys' budgets by credential id, the database pool; bounded labels and no
// secret in the text; on a port of its own with METRICS_PORT; off with METRICS=false.
import t from 'tap'
import { Writable } from 'node:stream'
import pino from 'pino'
import { build } from '../helper.js'
import { graphql, rest, seedUser } from '../support/fixtures.js'
import { loggerOptions } from '../../src/logger.js'

const series = (text: string, name: string) => text.split('\n').filter(line => line.startsWith(name + '{'))

t.test('what a scrape shows after REST, GraphQL and OVH traffic', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx)
  t.equal((await rest(ctx, user.apiKey, 'GET', '/v1/domains/demo-shop.com')).statusCode, 200)
  for (let i = 0; i < 40; i++) await ctx.app.inject(`/v1/nothing-${i}`)
  for (let i = 0; i < 20; i++) {
    const answer = await graphql(ctx, user.apiKey, `query Op${i} { me { role } }`)
    t.equal(answer.statusCode, 200)
  }
  await graphql(ctx, user.apiKey, '{ domain(name: "not a name") { name } }')

  const scrape = await ctx.app.inject('/metrics')
  t.equal(scrape.statusCode, 200)
  t.match(scrape.headers['content-type'], /^text\/plain/)
  const text = scrape.body

  const http = series(text, 'gateway_http_request_duration_seconds_count')
  t.ok(http.some(line => line.includes('route="/v1/domains/:name"') && line.includes('status="200"')), 'a REST route by its template')
  t.notOk(text.includes('demo-shop.com'), 'no concrete path (nor domain) in a label')
  t.equal(http.filter(line => line.includes('route="unmatched"')).length, 1, '40 unknown paths, one series')
  t.notOk(text.includes('nothing-1'))

  const operations = series(text, 'gateway_graphql_operation_duration_seconds_count')
  t.ok(operations.some(line => line.includes('type="query"') && line.includes('field="me"') && line.includes('outcome="ok"') && line.endsWith(' 20')), '20 operations of 20 names, one series')
  t.ok(operations.some(line => line.includes('field="domain"') && line.includes('outcome="error"')), 'a refused operation is an error')
  t.notOk(text.includes('Op1'), 'operation names are not labels')

  const calls = series(text, 'gateway_ovh_calls_total')
  t.ok(calls.some(line => line.includes('method="GET"') && line.includes('route="/domain/{serviceName}"') && line.includes('status="200"') && line.includes('attempt="first"')), 'OVH calls by route template')
  const remaining = series(text, 'gateway_ovh_budget_remaining')
  t.ok(remaining.some(line => line.includes(`credential="${user.credential!.id}"`)), 'the budget by credential id')
  const left = Number(remaining.find(line => line.includes(user.credential!.id))!.split(' ').pop())
  t.ok(left > 0 && left < 60, `some of the 60 spent (${left} left)`)
  t.match(text, /^gateway_db_pool_connections\{state="idle"\} \d+$/m)
  t.match(text, /^process_resident_memory_bytes \d+/m)

  for (const secret of [user.apiKey, user.consumerKey!, ctx.sandbox.demo.applicationSecret]) {
    t.notOk(text.includes(secret), 'no key or secret in the scrape')
  }
})

t.test('budget refusals are counted per credential', async t => {
  const ctx = await build(t, { env: { OVH_RATE_LIMIT_PER_MINUTE: '60' } })
  const user = await seedUser(ctx)
  const names = Array.from({ length: 80 }, (_, i) => `refused-${i}.com`)
  const answer = await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { status } }', { d: names })
  t.equal(answer.body.errors?.[0].extensions.code, 'BAD_USER_INPUT', 'more than the budget at once')
  for (let i = 0; i < 4; i++) await graphql(ctx, user.apiKey, 'query ($d: [String!]!) { availability(domains: $d) { status } }', { d: names.slice(i * 20, i * 20 + 20) })
  const text = (await ctx.app.inject('/metrics')).body
  t.match(text, new RegExp(`^gateway_ovh_budget_refusals_total\\{credential="${user.credential!.id}"\\} [1-9]`, 'm'))
})

t.test('METRICS_PORT serves them on their own port only; METRICS=false not at all', async t => {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  const ctx = await build(t, { env: { METRICS_PORT: '0' }, logger: pino(loggerOptions('info', false), sink) })
  t.equal((await ctx.app.inject('/metrics')).statusCode, 404, 'not on the gateway\'s port')
  const started = lines.map(line => JSON.parse(line)).find(entry => entry.msg === 'metrics served on their own port')
  t.ok(started, 'the port is logged')
  const scrape = await fetch(`http://127.0.0.1:${started.port}/metrics`)
  t.equal(scrape.status, 200)
  t.match(await scrape.text(), /gateway_http_request_duration_seconds/)

  const off = await build(t, { env: { METRICS: 'false' } })
  t.equal((await off.app.inject('/metrics')).statusCode, 404)
})
