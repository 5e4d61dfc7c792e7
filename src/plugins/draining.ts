// While the gateway shuts down, a request that arrives on a keep-alive connection still open is
// refused with a coded 503 SHUTTING_DOWN in the API's own shape. Fastify's return503OnClosing would
// answer first with a fixed body of its own (no code, no request id), so it is off (app.ts) and this
// hook does its job. The in-process sandbox keeps answering: requests in flight still call it.
import fp from 'fastify-plugin'
import { gatewayError } from '../errors.js'

// A balancer sends the retry to another instance; this one will not take it again.
export const SHUTTING_DOWN_RETRY_AFTER_SECONDS = 1

export default fp(async function drainingPlugin (app) {
  let closing = false
  // preClose runs when app.close() starts, once Fastify stopped accepting connections.
  app.addHook('preClose', async () => { closing = true })
  app.addHook('onRequest', async (request) => {
    if (!closing || request.url.startsWith('/sandbox/')) return
    throw gatewayError('SHUTTING_DOWN', 'the gateway is shutting down: retry, another instance will answer', { retryAfter: SHUTTING_DOWN_RETRY_AFTER_SECONDS })
  })
}, { name: 'draining' })
