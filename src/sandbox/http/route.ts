// How an OVH area declares its routes: schema template, optional batch reads, and a handler that
// returns the JSON value to send (or throws an OvhError). See src/sandbox/README.md, "Adding a route".
import type { FastifyRequest } from 'fastify'
import type { DomainTaskHandler } from '../model/domain-tasks.js'
import type { EventHandler } from '../scheduler.js'
import type { SandboxCore } from '../core.js'
import type { AccountState, ApplicationState, CredentialState, HttpMethod, SandboxState } from '../state/types.js'

export interface AuthResult {
  // null only on noAuthentication routes called without X-Ovh-Application.
  application: ApplicationState | null
  // null on noAuthentication routes.
  credential: CredentialState | null
  account: AccountState | null
}

export interface OvhCallContext {
  sandbox: SandboxCore
  state: SandboxState
  // Sandbox time of the call, epoch ms.
  now: number
  // Validated against the schema and coerced (a long path parameter is a number).
  params: Record<string, string | number | boolean>
  query: Record<string, unknown>
  // Parsed JSON body, validated against the schema; undefined when there was none.
  body: unknown
  auth: AuthResult
  // The caller's account; throws on noAuthentication routes, which have none.
  readonly account: AccountState
  request: FastifyRequest
  // Scheme and host the client used ('https://gw.example'), and where the sandbox is mounted
  // ('/sandbox' or ''): for absolute URLs back to the sandbox, such as validationUrl.
  origin: string
  mountPrefix: string
}

export interface OvhRoute {
  method: HttpMethod
  // The path exactly as in ovh-api/v1-eu, e.g. '/domain/{serviceName}'.
  path: string
  // For a GET whose last path segment is an id: also answer batch reads (X-Ovh-Batch) by running
  // the handler once per id (docs/OVH-API.md 15b).
  batch?: boolean
  // A noAuthentication route that still needs to know the calling application (POST /auth/credential).
  applicationRequired?: boolean
  // Bytes of body the route takes, when the host app's limit (1 MiB for the gateway) is too small.
  bodyLimit?: number
  handler (context: OvhCallContext): unknown
}

export function defineRoute (route: OvhRoute): OvhRoute {
  return route
}

// One OVH area (auth, domain, order...): its routes, handlers for the scheduled events it uses, and
// handlers of the domain task functions it runs (DomainCreate...; a function without one just completes).
export interface SandboxArea {
  name: string
  routes: OvhRoute[]
  events?: (sandbox: SandboxCore) => Record<string, EventHandler>
  taskHandlers?: Record<string, DomainTaskHandler>
}
