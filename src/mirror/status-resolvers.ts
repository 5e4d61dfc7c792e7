// GraphQL: Query.mirrorStatus.
import type { Resolvers } from '../graphql/generated/resolvers-types.js'
import { mirrorStatusFor } from './status-api.js'

export const mirrorStatusResolvers: Resolvers = {
  Query: {
    mirrorStatus: async (_root, _args, { caller, app }) => mirrorStatusFor(caller, app.mirror)
  }
}
