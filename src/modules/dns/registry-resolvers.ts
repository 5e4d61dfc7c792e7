// GraphQL: a domain's DNS at the registry (name-server type, name servers, glue records, DS keys).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { OvhDomain } from '../domains/schemas.js'
import {
  addNameServers, createGlueRecord, deleteGlueRecord, deleteNameServer, getNameServerStatus, listDsRecords, listGlueRecords,
  listNameServers, replaceNameServers, setNameServerType, updateDsRecords, updateGlueRecord
} from './registry-service.js'

import type { DsRecordParent, NameServerParent } from './parents.js'

export const registryResolvers: Resolvers = {
  Domain: {
    fullNameServers: async (domain: OvhDomain, _args, { caller }) =>
      (await listNameServers(caller, domain.domain)).map(server => ({ ...server, domain: domain.domain })),
    glueRecords: (domain: OvhDomain, _args, { caller }) => listGlueRecords(caller, domain.domain),
    dsRecords: (domain: OvhDomain, args, { caller }) => listDsRecords(caller, domain.domain, args)
  },
  FullNameServer: {
    id: (server: NameServerParent) => String(server.id),
    status: (server: NameServerParent, _args, { caller }) => getNameServerStatus(caller, server.domain, server.id)
  },
  DsRecord: {
    id: (key: DsRecordParent) => String(key.id)
  },
  Mutation: {
    setNameServerType: (_root, { domain, nameServerType }, { caller }) => setNameServerType(caller, domain, nameServerType),
    addNameServers: (_root, { domain, nameServers }, { caller }) => addNameServers(caller, domain, nameServers),
    replaceNameServers: (_root, { domain, nameServers }, { caller }) => replaceNameServers(caller, domain, nameServers),
    deleteNameServer: (_root, { domain, id }, { caller }) => deleteNameServer(caller, domain, id),
    createGlueRecord: (_root, { domain, host, ips }, { caller }) => createGlueRecord(caller, domain, { host, ips }),
    updateGlueRecord: (_root, { domain, host, ips }, { caller }) => updateGlueRecord(caller, domain, host, ips),
    deleteGlueRecord: (_root, { domain, host }, { caller }) => deleteGlueRecord(caller, domain, host),
    updateDsRecords: (_root, { domain, keys }, { caller }) => updateDsRecords(caller, domain, keys)
  }
}
