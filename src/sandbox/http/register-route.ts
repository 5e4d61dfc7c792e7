// One OVH route in the scope: auth, then schema validation of query and body, path parameters
// one by one, the handler (once, or once per id for a batch read), and the JSON answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { BATCH_LIMIT } from '../constants.js'
import { badRequest, invalidUrl } from '../errors.js'
import type { Sandbox } from '../sandbox.js'
import { validatePathParam, validateRequest } from '../schema/request.js'
import type { SchemaOperation } from '../schema/types.js'
import { authenticate } from './authenticate.js'
import { batchSeparatorOf, runBatch } from './batch.js'
import { toFastifyPath } from './call-state.js'
import type { CallStates, RouteConfig } from './call-state.js'
import type { OvhCallContext, OvhRoute } from './route.js'
import { originOf } from './signed-url.js'

export interface RouteDeps {
  sandbox: Sandbox
  mountPrefix: string
  calls: CallStates
}

const JSON_TYPE = 'application/json; charset=utf-8'

function paramNames (template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map(match => match[1])
}

export function registerOvhRoute (scope: FastifyInstance, { sandbox, mountPrefix, calls }: RouteDeps, route: OvhRoute, operation: SchemaOperation): void {
  const names = paramNames(route.path)
  const last = names[names.length - 1]

  const preHandler = async (request: FastifyRequest): Promise<void> => {
    const call = calls.get(request)!
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
    const run = (params: OvhCallContext['params']): unknown => route.handler(callContext(sandbox, mountPrefix, {
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
      const items = await runBatch(ids, id => run({ ...fixed, [last]: validParam(last, id) }))
      const reworded = call.itemError
      result = reworded === undefined ? items : items.map(item => item.error === null ? item : { ...item, error: reworded })
    }
    // Serialised here so bare strings and numbers are JSON too, and void answers `null`.
    return reply.code(200).type(JSON_TYPE).send(JSON.stringify(result ?? null))
  }

  const config: RouteConfig = { ovhRoute: route.path }
  const twinConfig: RouteConfig = { ovhRoute: route.path, batchTwin: true }
  scope.route({
    method: route.method,
    url: toFastifyPath(route.path),
    exposeHeadRoute: false,
    ...(route.bodyLimit === undefined ? {} : { bodyLimit: route.bodyLimit }),
    config,
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
      config: twinConfig,
      preHandler: async request => {
        if ((request.params as Record<string, string>)['*'].includes('/')) {
          calls.get(request)!.route = null
          throw invalidUrl()
        }
        await preHandler(request)
      },
      handler: async (request, reply) => {
        const { '*': rest, ...params } = request.params as Record<string, string>
        return handler(request, reply, { ...params, [last]: rest })
      }
    })
  }
}

function callContext (sandbox: Sandbox, mountPrefix: string, input: Pick<OvhCallContext, 'request' | 'params' | 'query' | 'body' | 'auth' | 'now'>): OvhCallContext {
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
