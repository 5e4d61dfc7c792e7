// GraphQL: Query.mirrorStatus.
import type { IResolvers } from 'mercurius'
import { mirrorStatusFor } from './status-api.js'

export const mirrorStatusResolvers: IResolvers = {
  Query: {
    mirrorStatus: async (_root, _args, { caller, app }) => mirrorStatusFor(caller, app.mirror)
  }
}
