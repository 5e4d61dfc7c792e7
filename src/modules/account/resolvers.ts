// GraphQL: Query.me.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { getMe } from './service.js'

export const accountResolvers: Resolvers = {
  Query: {
    me: (_root, _args, { caller }) => getMe(caller)
  }
}
