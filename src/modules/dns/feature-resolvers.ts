// GraphQL: what end customers use on a zone besides its records (DnsZone.redirections and the
// redirection mutations), over the same services as the REST routes.
import type { IResolvers } from 'mercurius'
import { connectionOf } from '../shared/pagination.js'
import type { OvhRedirection } from './feature-schemas.js'
import { createRedirection, deleteRedirection, getRedirection, listRedirections, updateRedirection } from './redirection-service.js'

type ZoneParent = { name: string }

export const dnsFeatureResolvers: IResolvers = {
  DnsZone: {
    redirections: async (parent: ZoneParent, args, { caller }) => connectionOf(await listRedirections(caller, parent.name, args)),
    redirection: (parent: ZoneParent, { id }, { caller }) => getRedirection(caller, parent.name, id)
  },
  DnsRedirection: {
    id: (redirection: OvhRedirection) => String(redirection.id),
    subDomain: (redirection: OvhRedirection) => redirection.subDomain ?? ''
  },
  Mutation: {
    createDnsRedirection: (_root, { zone, input, refresh }, { caller }) => createRedirection(caller, zone, input, { refresh }),
    updateDnsRedirection: (_root, { zone, id, input, refresh }, { caller }) => updateRedirection(caller, zone, id, input, { refresh }),
    deleteDnsRedirection: async (_root, { zone, id, refresh }, { caller }) => {
      const { id: deletedId, ...outcome } = await deleteRedirection(caller, zone, id, { refresh })
      return { deletedId: String(deletedId), ...outcome }
    }
  }
}
