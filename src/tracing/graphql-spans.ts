// A span per GraphQL operation (Mercurius' preExecution to onResolution) and one per resolver of the
// fields that have one (root fields, and fields that read OVH or the database through a resolver or
// a loader); fields read straight off their parent use graphql-js' default resolver and get none.
// A page of a thousand domains would still make thousands of resolver spans: past
// MAX_RESOLVER_SPANS an operation's resolvers run untraced, and the operation says how many.
import { SpanStatusCode, context, trace } from '@opentelemetry/api'
import type { Context, Span, Tracer } from '@opentelemetry/api'
import { Kind, defaultFieldResolver as graphqlDefaultResolver, isObjectType } from 'graphql'
import type { DocumentNode, GraphQLFieldResolver, GraphQLResolveInfo, GraphQLSchema } from 'graphql'
import type { FastifyInstance } from 'fastify'
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions'
import { errorType } from './http-spans.js'

export const MAX_RESOLVER_SPANS = 100

export interface TracedOperation {
  span: Span
  context: Context
  resolverSpans: number
  dropped: number
}

declare module 'mercurius' {
  interface MercuriusContext {
    traceOperation?: TracedOperation
  }
}

function pathOf (info: GraphQLResolveInfo): string {
  const keys: Array<string | number> = []
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path !== undefined; path = path.prev) keys.push(path.key)
  return keys.reverse().join('.')
}

function failed (span: Span, err: unknown): void {
  span.setAttribute(ATTR_ERROR_TYPE, errorType(err))
  span.setStatus({ code: SpanStatusCode.ERROR })
}

function tracedResolver (resolve: GraphQLFieldResolver<unknown, { traceOperation?: TracedOperation }>, tracer: Tracer, name: string): GraphQLFieldResolver<unknown, { traceOperation?: TracedOperation }> {
  return function traced (source, args, ctx, info) {
    const operation = ctx?.traceOperation
    if (operation === undefined) return resolve(source, args, ctx, info)
    if (operation.resolverSpans >= MAX_RESOLVER_SPANS) {
      operation.dropped++
      return resolve(source, args, ctx, info)
    }
    operation.resolverSpans++
    // Children of the operation: graphql-js resolves a field's children outside its resolver's
    // context, so the tree is operation -> resolvers, each with its path (domains.edges.0.node.whois).
    const span = tracer.startSpan(name, { attributes: { 'graphql.field.path': pathOf(info) } }, operation.context)
    let result: unknown
    try {
      result = context.with(trace.setSpan(operation.context, span), () => resolve(source, args, ctx, info))
    } catch (err) {
      failed(span, err)
      span.end()
      throw err
    }
    if (result instanceof Promise) {
      return result.then(value => { span.end(); return value }, (err: unknown) => { failed(span, err); span.end(); throw err })
    }
    span.end()
    return result
  }
}

/** Wraps the schema's resolvers (subscriptions aside: they are long-lived, not a request's work). */
export function traceResolvers (schema: GraphQLSchema, tracer: Tracer): void {
  const roots = new Set([schema.getQueryType(), schema.getMutationType()])
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getSubscriptionType()) continue
    for (const field of Object.values(type.getFields())) {
      if (field.resolve === undefined && !roots.has(type)) continue
      field.resolve = tracedResolver(field.resolve ?? graphqlDefaultResolver, tracer, `${type.name}.${field.name}`)
    }
  }
}

function soleOperationName (document: DocumentNode): string | undefined {
  const operations = document.definitions.filter(definition => definition.kind === Kind.OPERATION_DEFINITION)
  return operations.length === 1 ? operations[0].name?.value : undefined
}

export function traceOperations (app: FastifyInstance, tracer: Tracer): void {
  app.graphql.addHook('preExecution', async (_schema, document, ctx) => {
    // Set by the preValidation hook (plugins/graphql.ts): the type and first root field, both
    // bounded by the schema, name the span; the client's operation name is an attribute.
    const label = ctx.reply.request.graphqlOperation
    const operationName = (ctx.reply.request.body as { operationName?: unknown } | undefined)?.operationName ?? soleOperationName(document)
    const parent = context.active()
    const span = tracer.startSpan(label === undefined ? 'graphql' : `${label.type} ${label.field}`, {
      attributes: {
        ...(label === undefined ? {} : { 'graphql.operation.type': label.type, 'graphql.root_field': label.field }),
        ...(typeof operationName === 'string' ? { 'graphql.operation.name': operationName.slice(0, 100) } : {})
      }
    }, parent)
    ctx.traceOperation = { span, context: trace.setSpan(parent, span), resolverSpans: 0, dropped: 0 }
  })
  app.graphql.addHook('onResolution', async (execution, ctx) => {
    const operation = ctx.traceOperation
    if (operation === undefined) return
    ctx.traceOperation = undefined
    const errors = execution.errors?.length ?? 0
    if (errors > 0) {
      operation.span.setAttribute('graphql.errors', errors)
      operation.span.setStatus({ code: SpanStatusCode.ERROR })
    }
    if (operation.dropped > 0) operation.span.setAttribute('graphql.resolver_spans_dropped', operation.dropped)
    operation.span.end()
  })
}
