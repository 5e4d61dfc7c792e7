// GraphQL: the transfer lock, the auth code, fixing a failed incoming transfer, outgoing transfers.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { approveOutgoingTransfer, getAuthInfo, retryIncomingTransfer, setTransferLock } from './service.js'

export const transfersResolvers: Resolvers = {
  Query: {
    authInfo: (_root, { domain }, { caller }) => getAuthInfo(caller, domain)
  },
  Mutation: {
    setTransferLock: (_root, { domain, locked }, { caller }) => setTransferLock(caller, domain, locked),
    retryIncomingTransfer: (_root, { taskId, authInfo }, { caller }) => retryIncomingTransfer(caller, taskId, authInfo),
    approveOutgoingTransfer: (_root, { domain, approve, ident }, { caller }) => approveOutgoingTransfer(caller, domain, approve, ident)
  }
}
