// GraphQL: a zone as a billed service (DnsZone.serviceInfos, options, option, capabilities, and the
// renewal mutations), over the same service as the REST routes (./zone-services.ts).
import type { IResolvers } from 'mercurius'
import {
  getZoneCapabilities, getZoneOption, getZoneOptionServiceInfos, getZoneServiceInfos, listZoneOptions, updateZoneOptionRenewal, updateZoneRenewal
} from './zone-services.js'

type ZoneParent = { name: string }
// An option carries its zone, so that its serviceInfos can be read.
type OptionParent = { zone: string, name: string }

export const zoneServiceResolvers: IResolvers = {
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
    updateDnsZoneRenewal: (_root, { zone, input }, { caller }) => updateZoneRenewal(caller, zone, input),
    updateDnsZoneOptionRenewal: (_root, { zone, option, input }, { caller }) => updateZoneOptionRenewal(caller, zone, option, input)
  }
}
