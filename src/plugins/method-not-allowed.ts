// A path that exists under other methods answers 405 METHOD_NOT_ALLOWED with an Allow header
// (RFC 9110 15.5.6), not 404 or the 400 of a body method's missing Content-Type. Fastify's router
// answers 404 for any method a path lacks (fastify/fastify#862) and does not expose its lookup, so
// every route is mirrored, by method, in a find-my-way router of its own (the library Fastify's
// router is) that only classifies those requests.
// @see https://github.com/fastify/fastify/issues/917
import fp from 'fastify-plugin'
import FindMyWay from 'find-my-way'
import type { HTTPMethod } from 'find-my-way'
import { gatewayError } from '../errors.js'
import { MAX_PARAM_LENGTH } from './early-errors.js'
import { logError, routeNotFound } from './error-handler.js'
import { sendProblem } from './problem.js'

const noop = (): void => {}

export default fp(async function methodNotAllowedPlugin (app) {
  // The options that change what matches, as app.ts gives Fastify's router.
  const router = FindMyWay({ maxParamLength: MAX_PARAM_LENGTH })
  const methods = new Set<HTTPMethod>()

  app.addHook('onRoute', route => {
    // @fastify/cors answers preflights on every path (OPTIONS *, plugins/browser.ts): that says
    // nothing of which methods a path has, and would make every unknown path a 405.
    if (route.url.endsWith('*') && [route.method].flat().every(method => method === 'OPTIONS')) return
    for (const method of [route.method].flat() as HTTPMethod[]) {
      if (router.hasRoute(method, route.url)) continue
      router.on(method, route.url, noop)
      methods.add(method)
    }
  })

  /** The methods `path` has routes for (HEAD with GET, as Fastify exposes it). */
  function allowed (path: string): HTTPMethod[] {
    const found = [...methods].filter(method => router.find(method, path) !== null)
    if (found.includes('GET') && !found.includes('HEAD')) found.push('HEAD')
    return found.sort()
  }

  // onRequest, before a body is read: a QUERY without Content-Type is told the method is wrong, or
  // that there is no such path, rather than that its body lacks a type.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return
    const allow = allowed(request.url.split('?')[0])
    if (allow.length === 0) return sendProblem(routeNotFound(request), request, reply)
    const err = gatewayError('METHOD_NOT_ALLOWED', `${request.method} is not allowed on this path: use ${allow.join(', ')}`, { allow })
    logError(request, err, err)
    reply.header('allow', allow.join(', '))
    return sendProblem(err, request, reply)
  })
}, { name: 'method-not-allowed' })
