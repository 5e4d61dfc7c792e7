// GraphQL: DNS zones, records, SOA, DNSSEC, export/import and zone tasks; Domain.dnsZone.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import type { OvhDomain } from '../domains/schemas.js'
import { connectionOf, lazyConnectionOf, lazyConnectionResolvers } from '../shared/pagination.js'
import { dnsReads } from './reads.js'
import { countRecords, createRecord, deleteRecord, getRecord, recordPage, updateRecord } from './record-service.js'
import type { OvhRecord, OvhZone, OvhZoneTask, ZoneStatus } from './schemas.js'
import { actOnZoneTask, getAccountZoneTask, getZoneTask, listAccountZoneTasks, listZoneTasks } from './zone-task-service.js'
import type { ZoneTaskAction } from './zone-task-service.js'
import {
  disableDnssec, enableDnssec, exportZone, getDnssec, getSoa, getZone, getZoneStatus, importZone, listZones, refreshZone, updateSoa, zoneName
} from './zone-service.js'

import type { ZoneParent } from './parents.js'

async function details (parent: ZoneParent, caller: Caller): Promise<OvhZone> {
  if ('nameServers' in parent) return parent
  const zone = await getZone(caller, parent.name)
  if (!zone) throw notFound(`DNS zone ${parent.name}`)
  return zone
}

const status = (value: ZoneStatus) => ({ isDeployed: value.isDeployed, errors: value.errors ?? [], warnings: value.warnings ?? [] })
const task = (zone: string) => (value: OvhZoneTask) => ({ ...value, zone })

// With a zone: OVH's per-zone route; without: the account-wide one, whose answer has the zone.
function taskAction (action: ZoneTaskAction) {
  return async (_root: unknown, { zone, id }: { zone?: string | null, id: string }, { caller }: { caller: Caller }) => {
    const done = await actOnZoneTask(caller, zone, id, action)
    return zone === undefined || zone === null ? done : task(zoneName(zone))(done)
  }
}

export const dnsResolvers: Resolvers = {
  Query: {
    dnsZones: async (_root, args, { caller }) => connectionOf(await listZones(caller, args)),
    dnsZone: (_root, { name }, { caller }) => getZone(caller, name),
    dnsZoneTasks: async (_root, args, { caller }) => connectionOf(await listAccountZoneTasks(caller, args)),
    dnsZoneTask: (_root, { id }, { caller }) => getAccountZoneTask(caller, id)
  },
  Domain: {
    dnsZone: async (domain: OvhDomain, _args, { caller }) => {
      caller.require('read')
      const names = await dnsReads(caller).zoneNames()
      return names.includes(domain.domain) ? { name: domain.domain } : null
    }
  },
  DnsZone: {
    nameServers: async (parent: ZoneParent, _args, { caller }) => (await details(parent, caller)).nameServers,
    dnssecSupported: async (parent: ZoneParent, _args, { caller }) => (await details(parent, caller)).dnssecSupported,
    hasDnsAnycast: async (parent: ZoneParent, _args, { caller }) => (await details(parent, caller)).hasDnsAnycast,
    lastUpdate: async (parent: ZoneParent, _args, { caller }) => (await details(parent, caller)).lastUpdate,
    status: async (parent: ZoneParent, _args, { caller }) => status(await getZoneStatus(caller, parent.name)),
    recordCount: async (parent: ZoneParent, _args, { caller }) => {
      const count = await countRecords(caller, parent.name)
      if (count === null) throw notFound(`DNS zone ${parent.name}`)
      return count
    },
    records: async (parent: ZoneParent, args, { caller }) => lazyConnectionOf(await recordPage(caller, parent.name, args)),
    record: (parent: ZoneParent, { id }, { caller }) => getRecord(caller, parent.name, id),
    soa: (parent: ZoneParent, _args, { caller }) => getSoa(caller, parent.name),
    dnssec: (parent: ZoneParent, _args, { caller }) => getDnssec(caller, parent.name),
    export: (parent: ZoneParent, _args, { caller }) => exportZone(caller, parent.name),
    tasks: async (parent: ZoneParent, args, { caller }) => {
      const page = await listZoneTasks(caller, parent.name, args)
      return connectionOf({ ...page, nodes: page.nodes.map(task(parent.name)) })
    },
    task: async (parent: ZoneParent, { id }, { caller }) => {
      const found = await getZoneTask(caller, parent.name, id)
      return found && task(parent.name)(found)
    }
  },
  DnsRecordConnection: lazyConnectionResolvers,
  DnsRecord: {
    id: (record: OvhRecord) => String(record.id),
    subDomain: (record: OvhRecord) => record.subDomain ?? '',
    ttl: (record: OvhRecord) => record.ttl ?? 0
  },
  DnsZoneTask: {
    id: (value: OvhZoneTask) => String(value.id)
  },
  Mutation: {
    refreshDnsZone: async (_root, { zone }, { caller }) => {
      await refreshZone(caller, zone)
      return { zone: { name: zoneName(zone) }, status: status(await getZoneStatus(caller, zone)) }
    },
    createDnsRecord: (_root, { zone, input, refresh }, { caller }) => createRecord(caller, zone, input, { refresh }),
    updateDnsRecord: (_root, { zone, id, input, refresh }, { caller }) => updateRecord(caller, zone, id, input, { refresh }),
    deleteDnsRecord: async (_root, { zone, id, refresh }, { caller }) => {
      const { id: deletedId, ...outcome } = await deleteRecord(caller, zone, id, { refresh })
      return { deletedId: String(deletedId), ...outcome }
    },
    updateDnsSoa: (_root, { zone, input, refresh }, { caller }) => updateSoa(caller, zone, input, { refresh }),
    importDnsZone: async (_root, { zone, zoneFile }, { caller }) => task(zoneName(zone))(await importZone(caller, zone, zoneFile)),
    enableDnssec: async (_root, { zone }, { caller }) => {
      const result = await enableDnssec(caller, zone)
      return { ...result, task: result.task && task(zoneName(zone))(result.task) }
    },
    disableDnssec: async (_root, { zone }, { caller }) => {
      const result = await disableDnssec(caller, zone)
      return { ...result, task: result.task && task(zoneName(zone))(result.task) }
    },
    accelerateDnsZoneTask: taskAction('accelerate'),
    cancelDnsZoneTask: taskAction('cancel'),
    relaunchDnsZoneTask: taskAction('relaunch')
  }
}
