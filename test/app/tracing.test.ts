// OpenTelemetry traces, received by a local OTLP/HTTP receiver through the real exporter: a REST
// request joins the caller's trace (W3C traceparent) with a child span per OVH attempt and per
// database operation; a GraphQL request has operation and resolver spans; no secret in any span;
// log lines carry the trace id; with no OTLP endpoint nothing is registered.
import t from 'tap'
import { Writable } from 'node:stream'
import { ROOT_CONTEXT, context, createContextKey } from '@opentelemetry/api'
import pino from 'pino'
import { build } from '../helper.js'
import type { TestApp } from '../helper.js'
import { graphql, seedUser } from '../support/fixtures.js'
import { otlpReceiver } from '../support/otlp-receiver.js'
import type { ReceivedSpan } from '../support/otlp-receiver.js'
import { loggerOptions } from '../../src/logger.js'
import { parseApiKey } from '../../src/tenancy/api-keys.js'

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736'
const CALLER_SPAN_ID = '00f067aa0ba902b7'
const SERVER = 2
const CLIENT = 3

function capture () {
  const lines: string[] = []
  const sink = new Writable({ write (chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  return { lines, logger: pino(loggerOptions('info', false, { traceIds: true }), sink) }
}

async function spansOf (ctx: TestApp, receiver: { spans: ReceivedSpan[] }): Promise<ReceivedSpan[]> {
  await ctx.app.tracing!.flush()
  return receiver.spans
}

t.test('a REST request joins the caller\'s trace, with its OVH calls and database work', async t => {
  const receiver = await otlpReceiver(t)
  const { lines, logger } = capture()
  const ctx = await build(t, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_SERVICE_NAME: 'gateway-under-test' }, logger })
  const user = await seedUser(ctx)
  const answer = await ctx.app.inject({
    method: 'GET',
    url: '/v1/domains/demo-shop.com',
    headers: { authorization: `Bearer ${user.apiKey}`, traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01`, tracestate: 'caller=1' }
  })
  t.equal(answer.statusCode, 200)
  t.notOk(answer.headers.traceparent, 'the trace context is not echoed to the client')
  const spans = await spansOf(ctx, receiver)

  const server = spans.find(span => span.kind === SERVER && span.traceId === TRACE_ID)
  if (server === undefined) throw new Error(`no server span in the caller's trace: ${JSON.stringify(spans.map(span => span.name))}`)
  t.equal(server.name, 'GET /v1/domains/:name', 'named by the route template')
  t.equal(server.parentSpanId, CALLER_SPAN_ID, 'a child of the caller\'s span')
  t.equal(server.service, 'gateway-under-test')
  t.match(server.attributes, { 'http.request.method': 'GET', 'http.route': '/v1/domains/:name', 'http.response.status_code': 200, 'url.path': '/v1/domains/demo-shop.com' })
  t.equal(server.status, 0, 'a 200 is no error')

  const inTrace = spans.filter(span => span.traceId === TRACE_ID)
  const ovh = inTrace.filter(span => span.kind === CLIENT && span.attributes['url.template'] !== undefined)
  t.ok(ovh.length >= 1, `${ovh.length} OVH call spans`)
  for (const call of ovh) {
    t.equal(call.parentSpanId, server.spanId, `${call.name}: a child of the request`)
    t.match(call.attributes, { 'http.request.method': 'GET', 'http.response.status_code': Number, 'ovh.query_id': /^EU\./, 'ovh.attempt': 1 })
  }
  t.ok(ovh.some(call => call.name === 'GET /domain/{serviceName}' && call.attributes['url.template'] === '/domain/{serviceName}'), 'by route template')

  const db = inTrace.filter(span => span.attributes['db.system.name'] === 'postgresql')
  t.ok(db.length >= 1, `${db.length} database spans`)
  t.ok(db.every(span => span.parentSpanId === server.spanId), 'children of the request')
  t.ok(db.every(span => typeof span.attributes['db.operation.name'] === 'string'), 'named by operation')

  const secrets = [ctx.sandbox.demo.applicationSecret, user.consumerKey!, parseApiKey(user.apiKey)!.secret, user.apiKey]
  const everything = JSON.stringify(spans) + JSON.stringify(receiver.raw)
  for (const secret of secrets) t.notOk(everything.includes(secret), 'no secret in any span')

  logger.flush()
  const requestLines = lines.map(line => JSON.parse(line) as Record<string, unknown>).filter(line => line.reqId === answer.headers['x-request-id'])
  t.ok(requestLines.some(line => line.msg === 'ovh call' && line.trace_id === TRACE_ID && typeof line.span_id === 'string'), 'an OVH call\'s log line carries the trace id')
  t.ok(requestLines.some(line => line.msg === 'request completed' && line.trace_id === TRACE_ID), 'and so does the request\'s last line')
  t.ok(requestLines.every(line => Object.keys(line).filter(key => key === 'trace_id').length <= 1))
})

t.test('a GraphQL request has an operation span and resolver spans', async t => {
  const receiver = await otlpReceiver(t)
  const ctx = await build(t, { env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.url}/v1/traces` } })
  const user = await seedUser(ctx)
  const answer = await graphql(ctx, user.apiKey, 'query Portfolio { domains(first: 2) { edges { node { name serviceInfos { renew { automatic } } } } } me { role } }')
  t.notOk(answer.body.errors)
  const spans = await spansOf(ctx, receiver)

  const server = spans.find(span => span.kind === SERVER && span.name === 'POST /graphql')
  if (server === undefined) throw new Error('no server span for POST /graphql')
  t.equal(server.parentSpanId, undefined, 'without traceparent, a trace of its own')
  const operation = spans.find(span => span.name === 'query domains')
  if (operation === undefined) throw new Error(`no operation span: ${JSON.stringify(spans.map(span => span.name))}`)
  t.equal(operation.parentSpanId, server.spanId)
  t.match(operation.attributes, { 'graphql.operation.type': 'query', 'graphql.operation.name': 'Portfolio', 'graphql.root_field': 'domains' })
  const resolvers = spans.filter(span => span.parentSpanId === operation.spanId)
  t.ok(resolvers.some(span => span.name === 'Query.domains' && span.attributes['graphql.field.path'] === 'domains'), 'a root field\'s resolver')
  t.ok(resolvers.some(span => span.name === 'Query.me'))
  t.notOk(spans.some(span => span.name === 'Me.role'), 'no span for a field read off its parent')
  const domains = resolvers.find(span => span.name === 'Query.domains')!
  t.ok(spans.some(span => span.kind === CLIENT && span.parentSpanId === domains.spanId && span.attributes['url.template'] !== undefined), 'its OVH calls are its children')

  // A retried OVH call: one span per attempt, the failed one marked.
  ctx.sandbox.admin.addFault({ path: '/domain', status: 503, times: 1 })
  const retried = await graphql(ctx, user.apiKey, '{ domains { totalCount } }')
  t.notOk(retried.body.errors)
  await ctx.app.tracing!.flush()
  const attempts = receiver.spans.filter(span => span.name === 'GET /domain' && span.attributes['http.response.status_code'] === 503)
  t.equal(attempts.length, 1, 'the refused attempt')
  t.match(attempts[0], { status: 2, attributes: { 'ovh.attempt': 1, 'error.type': String } })
  const retry = receiver.spans.find(span => span.traceId === attempts[0].traceId && span.name === 'GET /domain' && span.attributes['ovh.attempt'] === 2)
  t.match(retry, { status: 0, attributes: { 'http.response.status_code': 200, 'http.request.resend_count': 1 } }, 'its retry, in the same trace')
})

t.test('closing the app sends the spans still waiting in the batch', async t => {
  const receiver = await otlpReceiver(t)
  const ctx = await build(t, { env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } })
  t.equal((await ctx.app.inject('/v1/nothing')).statusCode, 404)
  t.same(receiver.spans, [], 'batched, not sent yet')
  await ctx.app.close()
  t.match(receiver.spans, [{ name: 'GET', kind: SERVER, attributes: { 'http.response.status_code': 404 } }], 'an unmatched request is named by its method')
})

t.test('with no OTLP endpoint nothing is registered', async t => {
  const { lines, logger } = capture()
  const ctx = await build(t, { logger })
  t.equal(ctx.app.tracing, null)
  // No context manager: the API's no-op one keeps nothing.
  const key = createContextKey('probe')
  t.equal(context.with(ROOT_CONTEXT.setValue(key, 1), () => context.active().getValue(key)), undefined)
  const user = await seedUser(ctx)
  const answer = await ctx.app.inject({ method: 'GET', url: '/v1/me', headers: { authorization: `Bearer ${user.apiKey}`, traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` } })
  t.equal(answer.statusCode, 200)
  logger.flush()
  t.notOk(lines.some(line => line.includes('trace_id')), 'no trace id in the logs')
})
