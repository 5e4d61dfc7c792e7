// GraphQL: Query.auditEntries.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { connectionOf } from '../shared/pagination.js'
import { listAuditEntries } from './service.js'

export const auditResolvers: Resolvers = {
  Query: {
    auditEntries: async (_root, args, { caller }) => connectionOf(await listAuditEntries(caller, args))
  }
}
