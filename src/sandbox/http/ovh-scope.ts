// The OVH API v1 scope ('/1.0'): raw-body parsing, X-Ovh-Queryid, due events, injected faults, the
// auth layer, schema validation, batch reads, the call log, and OVH-shaped 404s and errors.
// Everything here is encapsulated: none of it reaches the host application. Routes: register-route.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { OvhError, classError, classForStatus, invalidUrl } from '../errors.js'
import { newQueryId } from '../ids.js'
import type { Sandbox } from '../sandbox.js'
import { formatDateTime, sleep } from '../time.js'
import { toTemplate } from './call-state.js'
import type { CallState, RouteConfig } from './call-state.js'
import { registerOvhRoute } from './register-route.js'

const JSON_TYPE = 'application/json; charset=utf-8'

export interface OvhScopeOptions {
  sandbox: Sandbox
  // Where the sandbox plugin is mounted ('/sandbox' in the gateway, '' standalone).
  mountPrefix: string
}

export async function ovhApiScope (scope: FastifyInstance, { sandbox, mountPrefix }: OvhScopeOptions): Promise<void> {
  const calls = new WeakMap<FastifyRequest, CallState>()
  const prefixLength = scope.prefix.length

  function log (request: FastifyRequest, status: number | null): void {
    const call = calls.get(request)
    if (call === undefined || call.logged) return
    call.logged = true
    sandbox.calls.add({
      at: formatDateTime(call.at),
      method: request.method,
      path: call.path,
      route: call.route,
      status,
      applicationKey: call.applicationKey,
      credentialId: call.auth?.credential?.credentialId ?? null,
      account: call.auth?.account?.nic ?? null,
      batchSize: call.batchSize,
      queryId: call.queryId,
      fault: call.fault
    })
    // lastUse, new credentials, scheduled work...: any call may have changed the state.
    sandbox.touch()
  }

  // The body is kept as the exact text received: the signature covers it, and JSON parsing
  // happens after authentication, as on OVH.
  scope.removeAllContentTypeParsers()
  scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => { done(null, body) })

  scope.addHook('onRoute', route => {
    if ((route.config as RouteConfig | undefined)?.batchTwin === true) return
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue
      const path = toTemplate(route.routePath)
      if (!sandbox.servedRoutes.some(served => served.method === method && served.path === path)) {
        sandbox.servedRoutes.push({ method, path })
      }
    }
  })

  scope.addHook('onRequest', async (request, reply) => {
    const at = sandbox.clock.now()
    const queryId = newQueryId(at)
    reply.header('X-Ovh-Queryid', queryId)
    const path = (request.raw.url ?? request.url).slice(prefixLength) || '/'
    const applicationKey = request.headers['x-ovh-application']
    calls.set(request, {
      at,
      queryId,
      path,
      pathname: path.split('?')[0],
      // Known from routing already, so calls cut short by a fault are logged with their route too.
      route: (request.routeOptions.config as RouteConfig | undefined)?.ovhRoute ?? null,
      applicationKey: typeof applicationKey === 'string' ? applicationKey : null,
      auth: null,
      batchSize: 1,
      fault: null,
      lateAnswerMs: 0,
      lostAnswer: false,
      logged: false
    })
    // Asynchronous work that became due (credential expiry, tasks...) is visible to this call.
    if (sandbox.scheduler.runDue() > 0) sandbox.touch()
    return applyFault(request, reply)
  })

  async function applyFault (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const call = calls.get(request)!
    const fault = sandbox.faults.take(request.method, call.pathname)
    if (fault === undefined) return undefined
    call.fault = fault.id
    if (fault.latencyMs !== undefined && fault.latencyMs > 0) await sleep(fault.latencyMs)
    call.lateAnswerMs = fault.lateAnswerMs ?? 0
    call.lostAnswer = fault.lostAnswer === true
    call.itemError = fault.itemError
    if (fault.reset === true) {
      log(request, null)
      reply.hijack()
      request.raw.socket.destroy()
      return reply
    }
    if (fault.malformed === true) {
      return reply.code(200).type(JSON_TYPE).send('{"message":"truncated respo')
    }
    if (fault.status !== undefined) {
      const error = classError(fault.status, classForStatus(fault.status), fault.message ?? defaultMessage(fault.status))
      if (fault.status === 429) reply.header('Retry-After', String(fault.retryAfterSeconds ?? 1))
      return reply.code(fault.status).send(error.body)
    }
    return undefined
  }

  scope.addHook('onSend', async (request, reply, payload) => {
    log(request, reply.statusCode)
    const call = calls.get(request)
    const late = call?.lateAnswerMs ?? 0
    if (late > 0) await sleep(late)
    // The work is done and logged; the client sees the connection close without an answer.
    if (call?.lostAnswer === true) request.raw.socket.destroy()
    return payload
  })

  scope.setNotFoundHandler(async (_request, reply) => {
    return reply.code(404).send(invalidUrl().body)
  })

  scope.setErrorHandler(async (error, request, reply) => {
    if (error instanceof OvhError) return reply.code(error.statusCode).headers(error.headers).send(error.body)
    const status = (error as { statusCode?: number }).statusCode
    // Fastify's own client errors (body too large, bad content length...) in OVH's shape.
    if (status !== undefined && status >= 400 && status < 500) {
      return reply.code(status).send(classError(status, classForStatus(status), (error as Error).message).body)
    }
    // Load shed by the process's @fastify/under-pressure (mounted in a gateway): OVH's own 503, so
    // the gateway's client sees a retryable unavailability, not an internal error.
    if (status === 503) {
      return reply.code(503).send(classError(503, classForStatus(503), defaultMessage(503)).body)
    }
    request.log.error({ err: error }, 'OVH sandbox: internal error')
    return reply.code(500).send(classError(500, 'Server::InternalServerError', 'Internal server error').body)
  })

  for (const route of sandbox.routes) {
    registerOvhRoute(scope, { sandbox, mountPrefix, calls }, route, sandbox.schema.operation(route.method, route.path)!)
  }
}

function defaultMessage (status: number): string {
  if (status === 429) return 'Too many requests, please retry later'
  if (status === 503) return 'Service temporarily unavailable, please retry later'
  return status >= 500 ? 'Internal server error' : 'Injected fault'
}
