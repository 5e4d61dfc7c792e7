// GraphQL: Query.me.
import type { IResolvers } from 'mercurius'
import { getMe } from './service.js'

export const accountResolvers: IResolvers = {
  Query: {
    me: (_root, _args, { caller }) => getMe(caller)
  }
}
