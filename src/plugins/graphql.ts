// GraphQL over Mercurius, schema-first from schema.graphql. Authentication runs when the context
// is built and its failure is raised in a GraphQL hook: the GraphiQL page stays public (and, where
// it is served, so does the schema's introspection), and auth errors come back GraphQL-shaped
// (Mercurius would rebuild a throwing context in its own error handler, and the error would escape
// as problem+json).
import { readFileSync } from 'node:fs'
import fp from 'fastify-plugin'
import mercurius from 'mercurius'
import { operationLabel } from '../metrics/graphql-operation.js'
import { traceOperations, traceResolvers } from '../tracing/graphql-spans.js'
import type { IResolvers } from 'mercurius'
import type { FastifyRequest } from 'fastify'
import type { Config } from '../config.js'
import type { Caller } from '../upstream/caller.js'
import { graphqlSchemaPath } from '../paths.js'
import { DateScalar, DateTime } from '../graphql/scalars.js'
import { earlyValidation } from '../graphql/early-validation.js'
import { checkCost, queryCost } from '../graphql/cost.js'
import { fieldKinds } from '../graphql/cost-weights.js'
import { persistedQueryProvider } from '../graphql/persisted-queries.js'
import { errorFormatter } from '../graphql/error-formatter.js'
import { requireParsedDocument } from '../graphql/documents.js'
import { isIntrospectionOnly } from '../graphql/introspection.js'
import { openOvhEnums } from '../open-enums/graphql.js'
import { findGraphiqlAssets } from '../graphiql/assets.js'
import { graphiqlPlugin } from '../graphiql/plugin.js'
import { createUnknownValueReporter } from '../open-enums/unknown-values.js'
import { modules } from '../modules/index.js'
import type { Resolvers } from '../graphql/generated/resolvers-types.js'
import { addSubscriptionHooks, subscriptionOptions } from '../modules/subscriptions/connection.js'

declare module 'mercurius' {
  interface MercuriusContext {
    // Always set by the time a resolver runs (the preParsing hook stops unauthenticated requests).
    caller: Caller
    authError?: unknown
  }
}

// Every module's resolvers (src/modules/index.ts), merged: no two answer the same field.
export const moduleResolvers: Resolvers[] = modules.flatMap(area => area.resolvers ?? [])

export function mergeResolvers (list: Resolvers[]): IResolvers {
  const merged: Record<string, Record<string, unknown>> = {}
  for (const resolvers of list) {
    for (const [type, fields] of Object.entries(resolvers)) {
      merged[type] = { ...(merged[type] ?? {}), ...(fields as Record<string, unknown>) }
    }
  }
  return merged as IResolvers
}

// The operation a request names (POST body, or GET query string), for a document of several.
function operationNameOf (request: FastifyRequest | undefined): string | undefined {
  const sent = (request?.body ?? request?.query) as { operationName?: unknown } | undefined
  return typeof sent?.operationName === 'string' ? sent.operationName : undefined
}

export default fp<{ config: Config }>(async function graphqlPlugin (app, opts) {
  const graphiqlAssets = opts.config.graphiql ? findGraphiqlAssets() : null
  if (opts.config.graphiql && graphiqlAssets === null) {
    app.log.info('GraphiQL: the graphiql, react and react-dom packages are not installed; /graphiql loads them from unpkg.com')
  }
  const resolvers = mergeResolvers(moduleResolvers)
  const persistedQueries = persistedQueryProvider(opts.config.graphql.persistedQueries)
  await app.register(mercurius, {
    schema: readFileSync(graphqlSchemaPath, 'utf8'),
    resolvers: { ...resolvers, DateTime, Date: DateScalar } as IResolvers,
    // Automatic persisted queries: apps send a query's hash instead of its text (graphql/persisted-queries.ts).
    ...(persistedQueries === null ? {} : { persistedQueryProvider: persistedQueries }),
    path: '/graphql',
    // Mercurius's own page only where ours cannot be served (src/graphiql/plugin.ts says why).
    graphiql: opts.config.graphiql && graphiqlAssets === null,
    // Compile a query with graphql-jit from its first use: about a fifth of the gateway's CPU per
    // GraphQL request (BENCHMARKS.md).
    jit: 1,
    // The token limit bounds every later walk of the document (graphql-js's validation among them:
    // some of its rules are quadratic); the depth and size limits run in preValidation, below.
    graphql: { parseOptions: { maxTokens: opts.config.graphql.maxTokens } },
    errorFormatter,
    // Subscriptions over WebSocket on the same path, authenticated in connection_init
    // (modules/subscriptions/connection.ts).
    subscription: subscriptionOptions(app),
    context: async (request) => {
      try {
        await app.authenticate(request)
        return { caller: request.caller }
      } catch (authError) {
        return { authError }
      }
    }
  })
  openOvhEnums(app.graphql.schema, createUnknownValueReporter(app.log))
  // Where GraphiQL is served, the schema may be read without a key (graphql/introspection.ts): the
  // refusal waits for the parsed document. Elsewhere an unauthenticated request is refused before
  // its document is even parsed.
  const schemaIsPublic = opts.config.graphiql
  app.graphql.addHook('preParsing', async (_schema, _source, context) => {
    if (context.authError && !schemaIsPublic) throw context.authError
  })
  addSubscriptionHooks(app, opts.config.graphql)
  const checkDocument = earlyValidation(opts.config.graphql)
  app.graphql.addHook('preValidation', async (schema, document, context) => {
    requireParsedDocument(document)
    context.reply.request.graphqlOperation = operationLabel(document, (context.reply.request.body as { operationName?: string } | undefined)?.operationName)
    if (context.authError && !isIntrospectionOnly(document)) throw context.authError
    checkDocument(schema, document)
  })
  // The cost needs the variables' values (`first: $n`): it is checked once they are known, still
  // before any resolver runs, so a refused query makes no OVH call.
  const kinds = fieldKinds(resolvers)
  const maxCost = opts.config.graphql.maxCost
  app.graphql.addHook('preExecution', async (schema, document, context, variables) => {
    checkCost(queryCost(schema, document, kinds, variables, operationNameOf(context.reply?.request)), maxCost)
  })
  app.graphql.addHook('onResolution', async (execution, context) => {
    const operation = context.reply.request.graphqlOperation
    if (operation !== undefined && (execution.errors?.length ?? 0) > 0) operation.failed = true
  })
  const tracer = app.tracing?.tracer
  if (tracer !== undefined) {
    traceOperations(app, tracer)
    // Once every resolver is in place, before graphql-jit compiles a query from them.
    app.addHook('onReady', async () => { traceResolvers(app.graphql.schema, tracer) })
  }
  if (graphiqlAssets) await app.register(graphiqlPlugin, { assets: graphiqlAssets })
}, { name: 'graphql', dependencies: ['authenticate', 'live-events', 'tracing'] })
