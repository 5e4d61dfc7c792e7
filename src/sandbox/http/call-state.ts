// What the OVH scope knows about one call along its lifecycle (for auth, batch reads and the call
// log), and the per-route config the scope reads back.
import type { FastifyContextConfig, FastifyRequest } from 'fastify'
import type { AuthResult } from './route.js'

export interface CallState {
  at: number
  queryId: string
  // As called, without prefix, query included; and without the query (what rules and faults match).
  path: string
  pathname: string
  route: string | null
  applicationKey: string | null
  auth: AuthResult | null
  batchSize: number
  fault: number | null
  // Delay before the answer leaves, once the call was carried out (fault lateAnswerMs).
  lateAnswerMs: number
  // Cut the connection instead of answering, once the call was carried out (fault lostAnswer).
  lostAnswer: boolean
  // The bare string a batch read's failing ids carry instead of OVH's message (fault itemError).
  itemError?: string
  logged: boolean
}

export type CallStates = WeakMap<FastifyRequest, CallState>

export interface RouteConfig extends FastifyContextConfig {
  // Schema template of the route ('/domain/{serviceName}').
  ovhRoute?: string
  // The long-segment twin of a batch route: served, but not a route of its own.
  batchTwin?: boolean
}

export function toFastifyPath (template: string): string {
  return template.replace(/\{([^}]+)\}/g, ':$1')
}

export function toTemplate (fastifyPath: string): string {
  return fastifyPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}
