// When @fastify/under-pressure sheds load (the gateway registers it with a 2 s event-loop delay
// limit, src/app.ts), its refusal goes through the gateway's error handler: a coded 503 OVERLOADED
// with Retry-After, not a 500 INTERNAL. A saturated loop cannot be produced on cue in a test, so
// the plugin is made to refuse through its own health-check option, the same error it raises.
import t from 'tap'
import Fastify from 'fastify'
import underPressure from '@fastify/under-pressure'
import errorHandlerPlugin from '../../src/plugins/error-handler.js'

t.test('load shed by under-pressure is OVERLOADED', async t => {
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(underPressure, { healthCheck: async () => false, healthCheckInterval: 10 })
  await app.register(errorHandlerPlugin)
  app.get('/v1/me', async () => ({ ok: true }))
  await app.ready()
  await new Promise(resolve => setTimeout(resolve, 50))
  const shed = await app.inject('/v1/me')
  t.equal(shed.statusCode, 503)
  t.match(shed.json(), { code: 'OVERLOADED', status: 503, retryAfter: 10 })
  t.equal(shed.headers['retry-after'], '10')
  t.equal(shed.headers['content-type'], 'application/problem+json; charset=utf-8')
})
