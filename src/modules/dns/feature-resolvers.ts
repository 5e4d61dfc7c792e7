// GraphQL: what end customers use on a zone besides its records (DnsZone.redirections, history and
// version, DynHost logins and records, their mutations, and the reset), over the same services as the REST routes.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { connectionOf } from '../shared/pagination.js'
import type { OvhRedirection } from './feature-schemas.js'
import { createRedirection, deleteRedirection, getRedirection, listRedirections, updateRedirection } from './redirection-service.js'
import type { RedirectionUpdateInput } from './redirection-service.js'
import type { Caller } from '../../upstream/caller.js'
import { notFound } from '../../errors.js'
import { getZoneVersion, listZoneVersions, resetZone, restoreZoneVersion } from './zone-history-service.js'
import { fetchZoneFile } from './zone-file.js'
import { zoneName } from './zone-service.js'
import {
  changeDynHostPassword, createDynHostLogin, createDynHostRecord, deleteDynHostLogin, deleteDynHostRecord, getDynHostLogin, getDynHostRecord,
  listDynHostLogins, listDynHostRecords, updateDynHostLogin, updateDynHostRecord
} from './dynhost-service.js'
import type { OvhDynHostRecord } from './feature-schemas.js'

import type { VersionParent, ZoneParent } from './parents.js'

async function zoneFileUrl (version: VersionParent, caller: Caller): Promise<string> {
  if (version.zoneFileUrl !== undefined) return version.zoneFileUrl
  const found = await getZoneVersion(caller, version.zone, version.creationDate)
  if (found === null) throw notFound(`version ${version.creationDate} of the DNS zone ${version.zone}`)
  return found.zoneFileUrl
}

// updateDnsRedirection: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const dnsFeatureResolvers: Resolvers = {
  DnsZone: {
    redirections: async (parent: ZoneParent, args, { caller }) => connectionOf(await listRedirections(caller, parent.name, args)),
    redirection: (parent: ZoneParent, { id }, { caller }) => getRedirection(caller, parent.name, id),
    history: async (parent: ZoneParent, args, { caller }) => {
      const page = await listZoneVersions(caller, parent.name, args)
      return connectionOf({ ...page, nodes: page.nodes.map(node => ({ ...node, zone: parent.name })) })
    },
    version: async (parent: ZoneParent, { creationDate }, { caller }) => {
      const found = await getZoneVersion(caller, parent.name, creationDate)
      return found && { ...found, zone: parent.name }
    },
    dynHostLogins: async (parent: ZoneParent, args, { caller }) => connectionOf(await listDynHostLogins(caller, parent.name, args)),
    dynHostLogin: (parent: ZoneParent, { login }, { caller }) => getDynHostLogin(caller, parent.name, login),
    dynHostRecords: async (parent: ZoneParent, args, { caller }) => connectionOf(await listDynHostRecords(caller, parent.name, args)),
    dynHostRecord: (parent: ZoneParent, { id }, { caller }) => getDynHostRecord(caller, parent.name, id)
  },
  DnsDynHostRecord: {
    id: (record: OvhDynHostRecord) => String(record.id),
    subDomain: (record: OvhDynHostRecord) => record.subDomain ?? ''
  },
  DnsZoneVersion: {
    zoneFileUrl: (version: VersionParent, _args, { caller }) => zoneFileUrl(version, caller),
    zoneFile: async (version: VersionParent, _args, { caller }) => fetchZoneFile(caller, await zoneFileUrl(version, caller))
  },
  DnsRedirection: {
    id: (redirection: OvhRedirection) => String(redirection.id),
    subDomain: (redirection: OvhRedirection) => redirection.subDomain ?? ''
  },
  Mutation: {
    createDnsRedirection: (_root, { zone, input, refresh }, { caller }) => createRedirection(caller, zone, input, { refresh }),
    updateDnsRedirection: (_root, { zone, id, input, refresh }, { caller }) => updateRedirection(caller, zone, id, input as RedirectionUpdateInput, { refresh }),
    deleteDnsRedirection: async (_root, { zone, id, refresh }, { caller }) => {
      const { id: deletedId, ...outcome } = await deleteRedirection(caller, zone, id, { refresh })
      return { deletedId: String(deletedId), ...outcome }
    },
    restoreDnsZoneVersion: async (_root, { zone, creationDate }, { caller }) => ({ ...await restoreZoneVersion(caller, zone, creationDate), zone: zoneName(zone) }),
    createDnsDynHostLogin: (_root, { zone, input }, { caller }) => createDynHostLogin(caller, zone, input),
    updateDnsDynHostLogin: (_root, { zone, login, input }, { caller }) => updateDynHostLogin(caller, zone, login, input),
    deleteDnsDynHostLogin: async (_root, { zone, login }, { caller }) => ({ deletedLogin: await deleteDynHostLogin(caller, zone, login) }),
    changeDnsDynHostLoginPassword: (_root, { zone, login, password }, { caller }) => changeDynHostPassword(caller, zone, login, password),
    createDnsDynHostRecord: (_root, { zone, input }, { caller }) => createDynHostRecord(caller, zone, input),
    updateDnsDynHostRecord: (_root, { zone, id, input }, { caller }) => updateDynHostRecord(caller, zone, id, input),
    deleteDnsDynHostRecord: async (_root, { zone, id }, { caller }) => ({ deletedId: String(await deleteDynHostRecord(caller, zone, id)) }),
    resetDnsZone: async (_root, { zone, input, refresh }, { caller }) => {
      const { zone: name, ...outcome } = await resetZone(caller, zone, input ?? {}, { refresh })
      return { zone: { name }, ...outcome }
    }
  }
}
