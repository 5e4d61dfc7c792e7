// sandboxPlugin mounted in a host app: nothing of the sandbox leaks into the host (parsers, hooks,
// error and not-found handlers), and several sandboxes can live side by side.
import Fastify from 'fastify'
import t from 'tap'
import underPressure from '@fastify/under-pressure'
import { createSandbox, sandboxPlugin } from '../../src/sandbox/index.js'

t.test('the host app keeps its own parsers, hooks and handlers', async t => {
  const app = Fastify()
  app.setErrorHandler(async (error, _request, reply) => reply.code(418).send({ host: 'error', message: (error as Error).message }))
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ host: 'not found' }))
  const sandbox = createSandbox()
  await app.register(sandboxPlugin, { prefix: '/sandbox', sandbox })
  app.post('/echo', async request => ({ type: typeof request.body, body: request.body }))
  app.get('/boom', async () => { throw new Error('boom') })
  t.teardown(() => app.close())
  await app.ready()

  const echo = await app.inject({ method: 'POST', url: '/echo', payload: { a: 1 } })
  t.same(echo.json(), { type: 'object', body: { a: 1 } }, "the host's JSON parser, not the sandbox's raw-text one")
  t.equal(echo.headers['x-ovh-queryid'], undefined, 'no sandbox hook on host routes')
  t.same((await app.inject('/boom')).json(), { host: 'error', message: 'boom' }, "the host's error handler")
  t.same((await app.inject('/elsewhere')).json(), { host: 'not found' }, "the host's not-found handler")

  const ovh404 = await app.inject('/sandbox/1.0/nothing')
  t.same(ovh404.json(), { class: 'Client::NotFound', message: 'Got an invalid (or empty) URL' }, 'OVH 404s inside the sandbox')
  t.ok(ovh404.headers['x-ovh-queryid'])
  t.equal((await app.inject('/sandbox/1.0/auth/time')).statusCode, 200)
})

t.test('two sandboxes side by side keep their own state', async t => {
  const app = Fastify()
  const one = createSandbox()
  const two = createSandbox({ seed: 'empty' })
  await app.register(sandboxPlugin, { prefix: '/one', sandbox: one })
  await app.register(sandboxPlugin, { prefix: '/two', sandbox: two })
  t.teardown(() => app.close())
  await app.ready()
  two.admin.advanceClock({ seconds: 86_400 })
  const timeOne = Number((await app.inject('/one/1.0/auth/time')).body)
  const timeTwo = Number((await app.inject('/two/1.0/auth/time')).body)
  t.ok(timeTwo - timeOne >= 86_399, 'each has its own clock')
  t.equal(one.calls.list().length, 1)
  t.equal(two.calls.list().length, 1)
  t.same(one.servedRoutes, two.servedRoutes)
})

t.test('load shed by the host\'s under-pressure is OVH\'s retryable 503, not an internal error', async t => {
  const app = Fastify()
  await app.register(underPressure, { healthCheck: async () => false, healthCheckInterval: 10, retryAfter: 10 })
  await app.register(sandboxPlugin, { prefix: '/sandbox', sandbox: createSandbox() })
  t.teardown(() => app.close())
  await app.ready()
  await new Promise(resolve => setTimeout(resolve, 50))
  const shed = await app.inject('/sandbox/1.0/auth/time')
  t.equal(shed.statusCode, 503)
  t.same(shed.json(), { class: 'Server::ServiceUnavailable', message: 'Service temporarily unavailable, please retry later' })
  t.equal(shed.headers['retry-after'], '10')
})
