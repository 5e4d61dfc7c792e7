// The OVH API v1 scope ('/1.0'): raw-body parsing, X-Ovh-Queryid, due events, injected faults, the
// auth layer, schema validation, batch reads, the call log, and OVH-shaped 404s and errors.
// Everything here is encapsulated: none of it reaches the host application.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { BATCH_LIMIT } from '../constants.js'
import { OvhError, badRequest, classError, classForStatus, invalidUrl } from '../errors.js'
import { newQueryId } from '../ids.js'
import type { Sandbox } from '../sandbox.js'
import { validatePathParam, validateRequest } from '../schema/request.js'
import type { SchemaOperation } from '../schema/types.js'
import { formatDateTime, sleep } from '../time.js'
import { authenticate } from './authenticate.js'
import { batchSeparatorOf, runBatch } from './batch.js'
import type { AuthResult, OvhCallContext, OvhRoute } from './route.js'
import { originOf } from './signed-url.js'

export interface OvhScopeOptions {
  sandbox: Sandbox
  // Where the sandbox plugin is mounted ('/sandbox' in the gateway, '' standalone).
  mountPrefix: string
}

// What the call log needs to know about a request, gathered along its lifecycle.
interface CallState {
  at: number
  queryId: string
  path: string
  pathname: string
  route: string | null
  applicationKey: string | null
  auth: AuthResult | null
  batchSize: number
  fault: number | null
  logged: boolean
}

const JSON_TYPE = 'application/json; charset=utf-8'

function paramNames (template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map(match => match[1])
}

export function toFastifyPath (template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1')
}

export function toTemplate (fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
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
    if ((route.config as { batchTwin?: boolean } | undefined)?.batchTwin === true) return
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
      route: null,
      applicationKey: typeof applicationKey === 'string' ? applicationKey : null,
      auth: null,
      batchSize: 1,
      fault: null,
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
    request.log.error({ err: error }, 'OVH sandbox: internal error')
    return reply.code(500).send(classError(500, 'Server::InternalServerError', 'Internal server error').body)
  })

  for (const route of sandbox.routes) {
    const operation = sandbox.schema.operation(route.method, route.path)!
    registerRoute(route, operation)
  }

  function registerRoute (route: OvhRoute, operation: SchemaOperation): void {
    const names = paramNames(route.path)
    const last = names[names.length - 1]

    const preHandler = async (request: FastifyRequest): Promise<void> => {
      const call = calls.get(request)!
      call.route = route.path
      call.auth = authenticate(sandbox, route, operation.noAuthentication === true, request, call.pathname)
    }

    const handler = async (request: FastifyRequest, reply: FastifyReply, raw: Record<string, string>): Promise<FastifyReply> => {
      const call = calls.get(request)!
      const text = typeof request.body === 'string' ? request.body : ''
      let parsed: unknown
      if (text.trim() !== '') {
        try {
          parsed = JSON.parse(text)
        } catch {
          throw badRequest('Invalid JSON in request body')
        }
      }
      const valid = validateRequest(sandbox.schema, operation, {
        query: request.query as Record<string, string | string[] | undefined>,
        body: parsed
      })
      const now = sandbox.clock.now()
      const run = (params: OvhCallContext['params']): unknown => route.handler(callContext({
        request, params, query: valid.query, body: valid.body, auth: call.auth!, now
      }))
      const validParam = (name: string, value: string | undefined): string | number | boolean =>
        validatePathParam(sandbox.schema, operation, name, value ?? '')

      const separator = route.batch === true ? batchSeparatorOf(request.headers['x-ovh-batch']) : undefined
      let result: unknown
      if (separator === undefined) {
        result = await run(Object.fromEntries(names.map(name => [name, validParam(name, raw[name])])))
      } else {
        const fixed = Object.fromEntries(names.slice(0, -1).map(name => [name, validParam(name, raw[name])]))
        const ids = raw[last].split(separator)
        if (ids.length > BATCH_LIMIT) throw badRequest(`Too many ids in a batch read: ${ids.length} (at most ${BATCH_LIMIT})`)
        call.batchSize = ids.length
        result = await runBatch(ids, id => run({ ...fixed, [last]: validParam(last, id) }))
      }
      // Serialised here so bare strings and numbers are JSON too, and void answers `null`.
      return reply.code(200).type(JSON_TYPE).send(JSON.stringify(result ?? null))
    }

    scope.route({
      method: route.method,
      url: toFastifyPath(route.path),
      exposeHeadRoute: false,
      preHandler,
      handler: async (request, reply) => handler(request, reply, request.params as Record<string, string>)
    })

    // The router refuses a path parameter over maxParamLength (100 by default, a server-wide
    // option the host app owns) with a 414 in Fastify's shape, and 50 ids easily exceed it. A
    // wildcard twin, which the router does not limit, takes those long batch segments; anything
    // with a further '/' in it is not this route.
    if (route.batch === true && route.path.endsWith(`{${last}}`)) {
      scope.route({
        method: route.method,
        url: toFastifyPath(route.path.slice(0, -`{${last}}`.length)) + '*',
        exposeHeadRoute: false,
        config: { batchTwin: true },
        preHandler: async request => {
          if ((request.params as Record<string, string>)['*'].includes('/')) throw invalidUrl()
          await preHandler(request)
        },
        handler: async (request, reply) => {
          const { '*': rest, ...params } = request.params as Record<string, string>
          return handler(request, reply, { ...params, [last]: rest })
        }
      })
    }
  }

  function callContext (input: Pick<OvhCallContext, 'request' | 'params' | 'query' | 'body' | 'auth' | 'now'>): OvhCallContext {
    return {
      ...input,
      sandbox,
      state: sandbox.state,
      origin: originOf(input.request),
      mountPrefix,
      get account () {
        if (input.auth.account === null) throw new Error('this route has noAuthentication: it has no account')
        return input.auth.account
      }
    }
  }
}

function defaultMessage (status: number): string {
  if (status === 429) return 'Too many requests, please retry later'
  if (status === 503) return 'Service temporarily unavailable, please retry later'
  return status >= 500 ? 'Internal server error' : 'Injected fault'
}
