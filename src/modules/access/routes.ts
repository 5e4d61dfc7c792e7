// REST: /v1/users, their API keys and OVH consumer keys (tenant admins), over the same services as
// GraphQL.
import { z } from 'zod'
import type { FastifyPluginAsyncZod } from '@fastify/type-provider-zod'
import type { FastifyRequest } from 'fastify'
import { booleanQuery } from '../shared/boolean-query.js'
import { optionalBody } from '../shared/optional-body.js'
import { createToken } from './tokens.js'
import { getCorsOrigins, setCorsOrigins } from './cors-origins.js'
import { getReturnUrl, setReturnUrl } from './return-url.js'
import { accessContextOf } from './context.js'
import type { AccessContext } from './context.js'
import { createApiKey, createUser, getUser, listApiKeys, listUsers, revokeApiKey, updateUser } from './users.js'
import { getConsumerKey, renewConsumerKey, requestConsumerKey, revokeConsumerKey } from './consumer-keys.js'
import { ApiKeySchema, ConsumerKeySchema, ConsumerKeyStatusSchema, CreatedApiKeySchema, RoleSchema, ScopeSchema, UserId, UserSchema } from './schemas.js'
import { DURATION } from '../../admin/api-keys.js'
import type {} from './plugin.js'

const NameSchema = z.string().min(1).max(200)
const CustomersSchema = z.array(z.string().min(1).max(100)).max(100)

const accessRoutes: FastifyPluginAsyncZod = async function (app) {
  const tags = ['access']
  const ctxOf = (request: FastifyRequest): AccessContext => accessContextOf(request.caller, app.access, request)

  app.get('/users', { schema: { operationId: 'listUsers', tags, summary: 'The tenant\'s users, oldest first (admins)', response: { 200: z.object({ items: z.array(UserSchema) }) } } },
    async request => ({ items: await listUsers(ctxOf(request)) }))

  app.post('/users', {
    schema: {
      operationId: 'createUser',
      tags,
      summary: 'Create a user of the tenant (admins)',
      body: z.object({ email: z.email().max(254), role: RoleSchema, name: NameSchema.nullable().optional(), customers: CustomersSchema.optional().describe('Limits the user to these customers (ids or references): they see only their domains') }),
      response: { 201: UserSchema }
    }
  }, async (request, reply) => {
    const user = await createUser(ctxOf(request), request.body)
    reply.code(201)
    return user
  })

  app.get('/users/:id', { schema: { operationId: 'getUser', tags, summary: 'One user of the tenant (admins)', params: UserId, response: { 200: UserSchema } } },
    async request => await getUser(ctxOf(request), request.params.id))

  app.patch('/users/:id', {
    schema: {
      operationId: 'updateUser',
      tags,
      summary: 'Change a user\'s role, name or customer limit, disable or enable them (admins); a disabled user\'s keys stop at once',
      params: UserId,
      body: z.object({ role: RoleSchema.optional(), name: NameSchema.nullable().optional(), disabled: z.boolean().optional(), customers: CustomersSchema.nullable().optional().describe('Replaces the user\'s customer limit; null lifts it') }),
      response: { 200: UserSchema }
    }
  }, async request => await updateUser(ctxOf(request), request.params.id, request.body))

  app.get('/users/:id/api-keys', {
    schema: { operationId: 'listApiKeys', tags, summary: 'A user\'s API keys with their last use, revoked ones included (admins)', params: UserId, response: { 200: z.object({ items: z.array(ApiKeySchema) }) } }
  }, async request => ({ items: await listApiKeys(ctxOf(request), request.params.id) }))

  app.post('/users/:id/api-keys', {
    schema: {
      operationId: 'createApiKey',
      tags,
      summary: 'Create an API key for a user (admins); the key is in this answer only',
      params: UserId,
      body: optionalBody(z.object({
        name: z.string().min(1).max(100).optional(),
        scopes: z.array(ScopeSchema).min(1).optional().describe('Within the user\'s role; default: all the role allows'),
        expiresIn: z.string().regex(DURATION).optional().describe('e.g. 12h, 90d, 4w; default: never')
      }), 'the key has every scope of the user\'s role and no expiry'),
      response: { 201: CreatedApiKeySchema }
    }
  }, async (request, reply) => {
    const created = await createApiKey(ctxOf(request), request.params.id, request.body)
    reply.code(201)
    return created
  })

  app.delete('/api-keys/:id', {
    schema: { operationId: 'revokeApiKey', tags, summary: 'Revoke an API key (admins): it and its access tokens are refused from now on', params: z.object({ id: z.uuid({ error: 'must be an API key id' }) }), response: { 200: ApiKeySchema } }
  }, async request => await revokeApiKey(ctxOf(request), request.params.id))

  app.get('/users/:id/consumer-key', {
    schema: {
      operationId: 'getConsumerKey',
      tags,
      summary: 'A user\'s OVH consumer key and a renewal waiting for approval (admins); check=true asks OVH',
      params: UserId,
      querystring: z.object({ check: booleanQuery('Ask OVH for the keys\' state now (with each key\'s own signature)') }),
      response: { 200: ConsumerKeyStatusSchema }
    }
  }, async request => await getConsumerKey(ctxOf(request), request.params.id, request.query.check === true))

  app.post('/users/:id/consumer-key', {
    schema: { operationId: 'requestConsumerKey', tags, summary: 'Request an OVH consumer key for a user (admins); the user approves it at validationUrl', params: UserId, response: { 201: ConsumerKeySchema } }
  }, async (request, reply) => {
    const key = await requestConsumerKey(ctxOf(request), request.params.id)
    reply.code(201)
    return key
  })

  app.post('/users/:id/consumer-key/renew', {
    schema: { operationId: 'renewConsumerKey', tags, summary: 'Renew a user\'s validated consumer key before it expires (admins): the current key signs until the new one is approved', params: UserId, response: { 201: ConsumerKeySchema } }
  }, async (request, reply) => {
    const key = await renewConsumerKey(ctxOf(request), request.params.id)
    reply.code(201)
    return key
  })

  app.delete('/users/:id/consumer-key', {
    schema: {
      operationId: 'revokeConsumerKey',
      tags,
      summary: 'Revoke a user\'s consumer key (admins): logged out at OVH, never used again',
      params: UserId,
      response: { 200: ConsumerKeyStatusSchema.extend({ loggedOutAtOvh: z.boolean().describe('Whether OVH confirmed the logout (best effort; the key is revoked here either way)') }) }
    }
  }, async request => await revokeConsumerKey(ctxOf(request), request.params.id))

  const CorsOrigins = z.object({
    origins: z.array(z.string()).describe('The tenant\'s own allowed browser origins'),
    deploymentOrigins: z.array(z.string()).describe('Allowed for every tenant by the deployment (CORS_ORIGINS)')
  })

  app.get('/cors-origins', { schema: { operationId: 'getCorsOrigins', tags, summary: 'The browser origins allowed to call the API for this tenant (admins)', response: { 200: CorsOrigins } } },
    async request => await getCorsOrigins(ctxOf(request)))

  app.put('/cors-origins', {
    schema: {
      operationId: 'setCorsOrigins',
      tags,
      summary: 'Replace the tenant\'s allowed browser origins (admins), e.g. ["https://shop.example"]',
      body: z.object({ origins: z.array(z.string().max(300)).max(50).describe('Origins such as https://shop.example: scheme, host and port only') }),
      response: { 200: CorsOrigins }
    }
  }, async request => await setCorsOrigins(ctxOf(request), request.body.origins, app.corsOriginsChanged))

  const ReturnUrl = z.object({
    url: z.string().nullable().describe('The tenant\'s page the consumer-key callback redirects the browser to, with the outcome in its query; null: the gateway shows a plain page')
  })

  app.get('/consumer-key-return-url', { schema: { operationId: 'getConsumerKeyReturnUrl', tags, summary: 'Where the consumer-key callback sends the user\'s browser back (admins)', response: { 200: ReturnUrl } } },
    async request => await getReturnUrl(ctxOf(request)))

  app.put('/consumer-key-return-url', {
    schema: {
      operationId: 'setConsumerKeyReturnUrl',
      tags,
      summary: 'Set where the consumer-key callback sends the user\'s browser back (admins); null for the gateway\'s plain page',
      body: z.object({ url: z.string().max(2000).nullable().describe('An https URL of the tenant\'s console (http only for localhost), without #fragment; null: none') }),
      response: { 200: ReturnUrl }
    }
  }, async request => await setReturnUrl(ctxOf(request), request.body.url))

  app.post('/tokens', {
    schema: {
      operationId: 'createToken',
      tags,
      summary: 'Exchange the API key of this request for a short-lived access token (JWT) for an app',
      description: 'Apps send the token as `Authorization: Bearer <token>`. Its scopes can only narrow the key\'s; it ends with the key (revoked, expired, user disabled). Public keys: /.well-known/jwks.json.',
      body: optionalBody(z.object({
        scopes: z.array(ScopeSchema).min(1).optional().describe('Within the API key\'s scopes; default: every scope of the key'),
        customers: z.array(z.string().max(100)).max(100).optional().describe('Limits the token to these customers (ids or references), within the key\'s own limit; default: the key\'s'),
        ttlSeconds: z.number().int().min(60).max(app.tokens.settings.maxTtlSeconds).optional().describe(`Lifetime in seconds, 60 to ${app.tokens.settings.maxTtlSeconds} (TOKEN_MAX_TTL_SECONDS); default: the maximum`)
      }), 'the token has every scope of the key and the longest lifetime'),
      response: {
        201: z.object({
          token: z.string().describe('The JWT, in this answer only'),
          tokenType: z.literal('Bearer'),
          expiresAt: z.date(),
          scopes: z.array(ScopeSchema),
          customers: z.array(z.string()).describe('The ids of the customers the token is limited to, beyond the key\'s own limit; empty when it adds none'),
          audience: z.string().describe('The token\'s `aud` claim')
        })
      }
    }
  }, async (request, reply) => {
    const issued = await createToken(request.caller, app.tokens.keys, app.tokens.settings, request.body)
    reply.code(201)
    return issued
  })
}

export default accessRoutes
