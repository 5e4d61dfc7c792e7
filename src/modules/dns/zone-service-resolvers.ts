// GraphQL: a zone as a billed service (DnsZone.serviceInfos, options, option, capabilities, and the
// renewal mutations), over the same service as the REST routes (./zone-services.ts).
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import {
  getZoneCapabilities, getZoneOption, getZoneOptionServiceInfos, getZoneServiceInfos, listZoneOptions, updateZoneOptionRenewal, updateZoneRenewal
} from './zone-services.js'

import type { OptionParent, ZoneParent } from './parents.js'
import type { RenewInput } from '../domains/schemas.js'

// Mutation: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const zoneServiceResolvers: Resolvers = {
  DnsZone: {
    serviceInfos: (parent: ZoneParent, _args, { caller }) => getZoneServiceInfos(caller, parent.name),
    options: async (parent: ZoneParent, _args, { caller }) => (await listZoneOptions(caller, parent.name)).map(option => ({ ...option, zone: parent.name })),
    option: async (parent: ZoneParent, { name }, { caller }) => {
      const option = await getZoneOption(caller, parent.name, name, 'name')
      return option && { ...option, zone: parent.name }
    },
    capabilities: (parent: ZoneParent, _args, { caller }) => getZoneCapabilities(caller, parent.name)
  },
  DnsZoneOption: {
    serviceInfos: (option: OptionParent, _args, { caller }) => getZoneOptionServiceInfos(caller, option.zone, option.name)
  },
  Mutation: {
    updateDnsZoneRenewal: (_root, { zone, input }, { caller }) => updateZoneRenewal(caller, zone, input as RenewInput),
    updateDnsZoneOptionRenewal: (_root, { zone, option, input }, { caller }) => updateZoneOptionRenewal(caller, zone, option, input as RenewInput)
  }
}
