// The REST API under /v1 (same services as GraphQL), with its OpenAPI 3 document at
// /openapi.json and Swagger UI at /docs. Zod schemas validate input and shape output.
import { readFileSync } from 'node:fs'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from '@fastify/type-provider-zod'
import type { FastifySchema } from 'fastify'
import type { FastifyInstance } from 'fastify'
import { modules } from '../modules/index.js'
import { openEnumSerializerCompiler } from '../open-enums/rest-serializer.js'
import { createUnknownValueReporter } from '../open-enums/unknown-values.js'
import { openOvhEnumComponents, ovhEnumsOf, withOpenOvhEnums } from '../open-enums/openapi.js'
import { enumValueDescriptionsOf, withEnumValueDescriptions } from '../open-enums/value-descriptions.js'
import { ERROR_REFERENCE } from '../error-reference.js'
import { EVENT_TYPE_DESCRIPTIONS, SUBJECT_TYPE_DESCRIPTIONS } from '../modules/events/types.js'
import { withProblemResponses } from './problem-responses.js'
import { withTextAnswers } from './text-responses.js'
import { withGraphqlDescriptions } from './openapi-descriptions.js'
import { graphqlSchemaPath } from '../paths.js'
import { isOptionalBody, refuseNullBody } from '../modules/shared/optional-body.js'

const packageVersion = '0.1.0'

// Zod validates and serializes inside the REST scopes only: GraphQL and the sandbox bring their
// own JSON schemas, which the zod compilers cannot read. Answers pass OVH's new enum values through.
function useZod (scope: FastifyInstance, serializerCompiler: ReturnType<typeof openEnumSerializerCompiler>): void {
  scope.setValidatorCompiler(validatorCompiler)
  scope.setSerializerCompiler(serializerCompiler)
  scope.addHook('preValidation', refuseNullBody)
}

type OpenApiDocument = { paths?: Record<string, Record<string, { requestBody?: { required?: boolean } }>> }

// @fastify/swagger marks every body required (Fastify's own validator wants one); an optional body
// (modules/shared/optional-body.ts) may be left out, and the document says so.
function withOptionalBodies (document: OpenApiDocument, operations: Set<string>): OpenApiDocument {
  for (const operation of operations) {
    const [method, path] = operation.split(' ')
    const body = document.paths?.[path]?.[method]?.requestBody
    if (body) body.required = false
  }
  return document
}

export interface RestOptions {
  // The gateway's public base URL (config PUBLIC_URL), the document's server; without it '/', the
  // gateway that served the document (what Swagger UI at /docs then calls).
  publicUrl?: string
}

export default fp<RestOptions>(async function restPlugin (app, options) {
  const serializerCompiler = openEnumSerializerCompiler(createUnknownValueReporter(app.log))
  // 'post /v1/carts': the operations whose body is optional.
  const optionalBodies = new Set<string>()
  const sdl = readFileSync(graphqlSchemaPath, 'utf8')
  const ovhEnums = ovhEnumsOf(sdl)
  // Error codes and event types are strings in GraphQL; their one lists describe REST's enums of them.
  const enumValues = enumValueDescriptionsOf(sdl, [
    // docs/errors.md's text, its links to other pages reduced to their words.
    Object.fromEntries(Object.entries(ERROR_REFERENCE).map(([code, reference]) => [code, reference.when.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1')])),
    EVENT_TYPE_DESCRIPTIONS,
    SUBJECT_TYPE_DESCRIPTIONS
  ])
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OVH Reseller Gateway REST API',
        version: packageVersion,
        description: 'The same operations as the GraphQL API at /graphql. Errors are application/problem+json with a `code`. ' +
          'Enums in responses mirror OVH\'s: a value OVH adds after this release is returned as OVH sent it, so keep a fallback for unknown values.'
      },
      servers: [options.publicUrl === undefined
        ? { url: '/', description: 'The gateway that serves this document' }
        : { url: options.publicUrl, description: 'This gateway (PUBLIC_URL)' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key: ogw_<prefix>_<secret>' } } },
      security: [{ apiKey: [] }]
    },
    // Only the REST API is described: GraphQL and the sandbox have their own (non-zod) schemas.
    // Every operation also documents its error answers (problem+json), in the document only: the
    // routes' own schemas, which serialize answers, never see them. OVH's enums in answers are
    // documented open, as the serializer treats them (open-enums/openapi.ts).
    transform: (input: { schema: FastifySchema, url: string, route: { method: string | string[] } }) => {
      if (!input.url.startsWith('/v1/')) return { schema: { hide: true }, url: input.url }
      if (isOptionalBody(input.schema?.body)) {
        for (const method of [input.route.method].flat()) optionalBodies.add(`${method.toLowerCase()} ${input.url.replace(/:(\w+)/g, '{$1}')}`)
      }
      return withProblemResponses(withOpenOvhEnums(withTextAnswers(input as unknown as Parameters<typeof jsonSchemaTransform>[0]), ovhEnums))
    },
    // Schemas with an id (the recursive EligibilityRule, Problem) go to components.schemas, where
    // the operations' $refs point. Fields that REST shares with GraphQL and does not describe
    // itself take schema.graphql's descriptions (openapi-descriptions.ts), enum values included
    // (open-enums/value-descriptions.ts).
    transformObject: (input: Parameters<typeof jsonSchemaTransformObject>[0]) => withEnumValueDescriptions(withGraphqlDescriptions(openOvhEnumComponents(withOptionalBodies(jsonSchemaTransformObject(input) as OpenApiDocument, optionalBodies), ovhEnums), sdl), enumValues) as ReturnType<typeof jsonSchemaTransformObject>
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  await app.register(async function v1 (scope: FastifyInstance) {
    useZod(scope, serializerCompiler)
    scope.addHook('onRequest', async (request) => { await app.authenticate(request) })
    // Module by module, in the list's order (src/modules/index.ts), as the OpenAPI document lists them.
    for (const area of modules) {
      for (const routes of area.routes ?? []) await scope.register(routes)
    }
  }, { prefix: '/v1' })
  // Outside the authenticated scope: OVH redirects a browser there, without an API key.
  await app.register(async function v1Public (scope: FastifyInstance) {
    useZod(scope, serializerCompiler)
    for (const area of modules) {
      for (const routes of area.publicRoutes ?? []) await scope.register(routes)
    }
  }, { prefix: '/v1' })
}, { name: 'rest', dependencies: ['authenticate'] })
