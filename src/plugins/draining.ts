// While the gateway shuts down, a request that arrives on a keep-alive connection still open is
// refused with a coded 503 SHUTTING_DOWN in the API's own shape. Fastify's return503OnClosing would
// answer first with a fixed body of its own (no code, no request id), so it is off (app.ts) and this
// hook does its job. The in-process sandbox keeps answering: requests in flight still call it.
//
// It also closes the keep-alive connections as they fall idle. Fastify closes those idle when the
// close starts; one whose request finishes later would stay open for its keep-alive timeout (72 s)
// and hold the close that long. Node's closeIdleConnections() cannot be called on a timer for that:
// it destroys a connection whose answer has ended but is not yet written out, which cut answers
// (the request in flight, or a 503 pipelined behind it) on a busy machine. So the connections are
// counted here, and one is ended (FIN after its last bytes) once its last request is answered.
import type { Socket } from 'node:net'
import fp from 'fastify-plugin'
import { gatewayError } from '../errors.js'

// A balancer sends the retry to another instance; this one will not take it again.
export const SHUTTING_DOWN_RETRY_AFTER_SECONDS = 1

const isSandboxUrl = (url: string | undefined) => url?.startsWith('/sandbox/') === true

// How long a connection stays open once its last request is answered during the shutdown. Node
// hands a pipelined request to the app only after the answer before it has ended (a millisecond
// later): ending the connection at once would drop such a request instead of answering its 503.
const IDLE_GRACE_MS = 100

export default fp(async function drainingPlugin (app) {
  let closing = false
  // Requests being answered, per connection.
  const inFlight = new Map<Socket, number>()
  // The gateway's own OVH client holds keep-alive connections to the in-process sandbox: they stay
  // while a gateway request may still call OVH (a new one could not be opened once the server
  // stopped listening), and close with the rest once no gateway request is left.
  const sandboxSockets = new Set<Socket>()
  let gatewayRequests = 0

  const isIdle = (socket: Socket) => inFlight.get(socket) === 0 && !(sandboxSockets.has(socket) && gatewayRequests > 0)
  function endWhenIdle (socket: Socket) {
    setTimeout(() => { if (isIdle(socket)) socket.end() }, IDLE_GRACE_MS)
  }

  app.server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0)
    socket.once('close', () => { inFlight.delete(socket); sandboxSockets.delete(socket) })
  })
  // A plain 'request' listener runs in the same tick as Fastify's, before any hook: a request is
  // counted before its connection could be taken for idle.
  app.server.on('request', (request, response) => {
    const socket = request.socket
    const sandbox = isSandboxUrl(request.url)
    if (sandbox) sandboxSockets.add(socket)
    else gatewayRequests += 1
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1)
    response.once('close', () => {
      if (!sandbox) gatewayRequests -= 1
      if (inFlight.has(socket)) inFlight.set(socket, inFlight.get(socket)! - 1)
      if (!closing) return
      endWhenIdle(socket)
      if (!sandbox && gatewayRequests === 0) sandboxSockets.forEach(endWhenIdle)
    })
  })

  // preClose runs when app.close() starts, once Fastify stopped accepting connections.
  app.addHook('preClose', async () => {
    closing = true
    inFlight.forEach((_count, socket) => { endWhenIdle(socket) })
  })
  app.addHook('onRequest', async (request) => {
    if (!closing || isSandboxUrl(request.url)) return
    throw gatewayError('SHUTTING_DOWN', 'the gateway is shutting down: retry, another instance will answer', { retryAfter: SHUTTING_DOWN_RETRY_AFTER_SECONDS })
  })
}, { name: 'draining' })
