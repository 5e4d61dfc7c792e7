// GraphQL: users, their API keys and OVH consumer keys (tenant admins), over the same services as REST.
import type { MercuriusContext } from 'mercurius'
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { accessContextOf } from './context.js'
import type { AccessContext } from './context.js'
import { createApiKey, createUser, getUser, listApiKeys, listUsers, revokeApiKey, updateUser } from './users.js'
import type { CreateApiKeyInput, CreateUserInput, UpdateUserInput, UserView } from './users.js'
import { getConsumerKey, renewConsumerKey, requestConsumerKey, revokeConsumerKey } from './consumer-keys.js'
import { createToken } from './tokens.js'
import type { CreateTokenInput } from './tokens.js'
import { getCorsOrigins, setCorsOrigins } from './cors-origins.js'
import { getReturnUrl, setReturnUrl } from './return-url.js'
import type {} from './plugin.js'

const ctxOf = ({ caller, app, reply }: MercuriusContext): AccessContext => accessContextOf(caller, app.access, reply.request)

export const accessResolvers: Resolvers = {
  Query: {
    corsOrigins: async (_root, _args, context) => await getCorsOrigins(ctxOf(context)),
    consumerKeyReturnUrl: async (_root, _args, context) => (await getReturnUrl(ctxOf(context))).url,
    users: async (_root, _args, context) => await listUsers(ctxOf(context)),
    user: async (_root, { id }: { id: string }, context) => {
      const ctx = ctxOf(context)
      try {
        return await getUser(ctx, id)
      } catch (err) {
        if ((err as { code?: string }).code === 'NOT_FOUND') return null
        throw err
      }
    }
  },
  Mutation: {
    setConsumerKeyReturnUrl: async (_root, { url }: { url?: string | null }, context) => (await setReturnUrl(ctxOf(context), url ?? null)).url,
    setCorsOrigins: async (_root, { origins }: { origins: string[] }, context) => await setCorsOrigins(ctxOf(context), origins, context.app.corsOriginsChanged),
    createUser: async (_root, { input }: { input: CreateUserInput }, context) => await createUser(ctxOf(context), input),
    updateUser: async (_root, { id, input }: { id: string, input: UpdateUserInput }, context) => await updateUser(ctxOf(context), id, input),
    createApiKey: async (_root, { userId, input }: { userId: string, input?: CreateApiKeyInput | null }, context) => {
      const { key, ...apiKey } = await createApiKey(ctxOf(context), userId, input)
      return { key, apiKey }
    },
    revokeApiKey: async (_root, { id }: { id: string }, context) => await revokeApiKey(ctxOf(context), id),
    requestConsumerKey: async (_root, { userId }: { userId: string }, context) => await requestConsumerKey(ctxOf(context), userId),
    renewConsumerKey: async (_root, { userId }: { userId: string }, context) => await renewConsumerKey(ctxOf(context), userId),
    checkConsumerKey: async (_root, { userId }: { userId: string }, context) => await getConsumerKey(ctxOf(context), userId, true),
    createToken: async (_root, { input }: { input?: CreateTokenInput | null }, { caller, app }) => await createToken(caller, app.tokens.keys, app.tokens.settings, input),
    revokeConsumerKey: async (_root, { userId }: { userId: string }, context) => {
      const { loggedOutAtOvh, ...status } = await revokeConsumerKey(ctxOf(context), userId)
      return { status, loggedOutAtOvh }
    }
  },
  User: {
    apiKeys: async (user: UserView, _args, context) => await listApiKeys(ctxOf(context), user.id),
    consumerKey: async (user: UserView, _args, context) => await getConsumerKey(ctxOf(context), user.id)
  }
}
