// GraphQL: trademark SMD files (smdFiles, smdFile, addSmdFile, replaceSmdFile, deleteSmdFile) over
// the same service as the REST routes (./smd-files.ts).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { addSmdFile, deleteSmdFile, getSmdFile, listSmdFiles, replaceSmdFile } from './smd-files.js'

export const smdResolvers: Resolvers = {
  Query: {
    smdFiles: (_root, _args, { caller }) => listSmdFiles(caller),
    smdFile: (_root, { id }, { caller }) => getSmdFile(caller, id)
  },
  Mutation: {
    addSmdFile: (_root, { data }, { caller }) => addSmdFile(caller, data),
    replaceSmdFile: (_root, { id, data }, { caller }) => replaceSmdFile(caller, id, data),
    deleteSmdFile: async (_root, { id }, { caller }) => ({ deletedId: await deleteSmdFile(caller, id) })
  }
}
