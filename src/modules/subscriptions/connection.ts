// GraphQL subscriptions' WebSocket connections (Mercurius, protocols graphql-transport-ws and
// graphql-ws): the API key comes in connection_init's payload, `{"authorization": "Bearer <key>"}`,
// and is checked as a request's header is (plugins/authenticate.ts); without a valid one the
// connection is refused (connection_error "Forbidden", then closed). Each subscription's document
// goes through the checks a query's does: Mercurius parses it (a message is at most 1 MB,
// @fastify/websocket's maxPayload), but neither validates it nor applies the gateway's limits.
// Each subscription started counts as a request against its key's and tenant's incoming rate
// limits (plugins/rate-limits.ts), as the same operation over HTTP would.
import { randomUUID } from 'node:crypto'
import { GraphQLError, specifiedRules, validate } from 'graphql'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { MercuriusContext } from 'mercurius'
import { earlyValidation } from '../../graphql/early-validation.js'
import type { DocumentLimits } from '../../graphql/early-validation.js'
import { redactSecretShapes } from '../../redaction/secret-shapes.js'
import type { Caller } from '../../upstream/caller.js'
import { isGatewayError } from '../../errors.js'

// Subscriptions one connection may hold at once: each is a listener and a filter run per event.
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50
// Keep-alive pings: proxies close WebSockets that are quiet for a minute or so.
const KEEP_ALIVE_MS = 30_000

interface ConnectionInit { payload?: unknown }

// What a connection's context holds once its key is accepted; Mercurius copies the context for each
// subscription, so the set of open ones is shared by reference.
interface LiveConnection { caller: Caller, open: Set<string> }

function authorizationOf (payload: unknown): unknown {
  if (payload === null || typeof payload !== 'object') return undefined
  const fields = payload as Record<string, unknown>
  const headers = fields.headers !== null && typeof fields.headers === 'object' ? fields.headers as Record<string, unknown> : {}
  return fields.authorization ?? fields.Authorization ?? headers.authorization ?? headers.Authorization
}

export function subscriptionOptions (app: FastifyInstance) {
  return {
    emitter: app.liveEvents.emitter,
    keepAlive: KEEP_ALIVE_MS,
    onConnect: async (data: ConnectionInit): Promise<LiveConnection | false> => {
      const connectionId = randomUUID()
      try {
        const caller = await app.authenticateApiKey(authorizationOf(data.payload), {
          requestId: connectionId,
          log: app.log.child({ reqId: connectionId }),
          method: 'GET',
          url: '/graphql (websocket)'
        })
        caller.log.info({}, 'subscription connection accepted')
        return { caller, open: new Set() }
      } catch (err) {
        // Mercurius answers any refusal with "Forbidden"; the log says why (never the key).
        app.log.info({ reqId: connectionId, reason: (err as { details?: { reason?: string } }).details?.reason ?? redactSecretShapes(String(err)) }, 'subscription connection refused')
        return false
      }
    }
  }
}

function documentError (errors: readonly GraphQLError[]): GraphQLError {
  return new GraphQLError(redactSecretShapes(errors.map(error => error.message).join('; ')), { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })
}

// A refusal in the shape of the connection's other errors: the code and its details (retryAfter,
// limit, reason) in extensions, as a query refused over HTTP answers them.
async function limitSubscription (app: FastifyInstance, request: FastifyRequest, caller: Caller): Promise<void> {
  try {
    await app.limitIncoming(request, caller)
  } catch (err) {
    if (!isGatewayError(err)) throw err
    throw new GraphQLError(err.message, { extensions: { code: err.code, ...(err.details ?? {}) } })
  }
}

/** The checks of a subscription's document, its rate limits, and the bound on subscriptions per connection. */
export function addSubscriptionHooks (app: FastifyInstance, limits: DocumentLimits): void {
  const checkDocument = earlyValidation(limits)
  app.graphql.addHook('preSubscriptionExecution', async (schema, document, context, id) => {
    try {
      checkDocument(schema, document)
    } catch (err) {
      throw documentError(err instanceof AggregateError ? err.errors as GraphQLError[] : [err as GraphQLError])
    }
    const errors = validate(schema, document, specifiedRules)
    if (errors.length > 0) throw documentError(errors)
    // Mercurius keeps the upgrade's request in the context: the limits count against it.
    const live = context as MercuriusContext & Partial<LiveConnection> & { request?: FastifyRequest }
    if (live.caller !== undefined && live.request !== undefined) await limitSubscription(app, live.request, live.caller)
    const open = live.open
    if (open === undefined) return
    if (open.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION && !open.has(String(id))) {
      throw new GraphQLError(`at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection: complete one first`, { extensions: { code: 'RATE_LIMITED' } })
    }
    open.add(String(id))
  })
  app.graphql.addHook('onSubscriptionEnd', async (context, id) => {
    (context as MercuriusContext & Partial<LiveConnection>).open?.delete(String(id))
  })
}
