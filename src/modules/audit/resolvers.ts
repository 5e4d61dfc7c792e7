// GraphQL: Query.auditEntries.
import type { IResolvers } from 'mercurius'
import { connectionOf } from '../shared/pagination.js'
import { listAuditEntries } from './service.js'

export const auditResolvers: IResolvers = {
  Query: {
    auditEntries: async (_root, args, { caller }) => connectionOf(await listAuditEntries(caller, args))
  }
}
