// Name servers, glue records and DS records of a domain at the registry: OVH views, and the domain
// tasks that apply changes (DomainDnsUpdate, DomainHostCreate/Update/Delete, DomainDsUpdate).
// @see docs/OVH-API.md 9.2-9.4
import { isIPv4 } from 'node:net'
import { notFound } from '../errors.js'
import type { DomainTaskHandler } from './domain-tasks.js'
import type { SandboxCore } from '../core.js'
import type { DomainState, DomainTaskState, NameServerState } from '../state/types.js'
import { nextId } from '../state/types.js'
import { zonesOf } from './zones.js'

export interface NameServerInput { host: string, ip?: string | null }

export function findNameServer (domain: DomainState, id: number): NameServerState {
  const server = domain.nameServers.find(ns => ns.id === id)
  if (server === undefined) throw notFound(`The requested object (id = ${id}) does not exist`)
  return server
}

// domain.nameServer.FullNameServer
export function toFullNameServer (server: NameServerState) {
  return { host: server.nameServer, id: server.id, ip: server.ipv4 ?? server.ipv6, isUsed: server.pending !== true, toDelete: server.toDelete === true }
}

export function newNameServer (sandbox: SandboxCore, domain: DomainState, input: NameServerInput): NameServerState {
  const ip = input.ip ?? null
  return {
    id: nextId(sandbox.state, 'nameServerId', 4_000_001),
    nameServer: input.host.toLowerCase().replace(/\.$/, ''),
    ipv4: ip !== null && isIPv4(ip) ? ip : null,
    ipv6: ip !== null && !isIPv4(ip) ? ip : null,
    nameServerType: domain.nameServerType,
    pending: true
  }
}

// Seeded tasks of these functions have no payload: they change nothing when they end.
function payloadOf<T extends object> (task: DomainTaskState): Partial<T> {
  return (typeof task.payload === 'object' && task.payload !== null ? task.payload : {}) as Partial<T>
}

function domainOf (sandbox: SandboxCore, task: DomainTaskState): DomainState | undefined {
  return sandbox.state.accounts[task.account]?.domains[task.domain]
}

// A name server inside the domain needs its address: from the name server itself or a glue record.
function missingGlue (domain: DomainState): string | null {
  for (const server of domain.nameServers) {
    if (server.toDelete === true || !server.nameServer.endsWith(`.${domain.domain}`)) continue
    if (server.ipv4 === null && server.ipv6 === null && (domain.glueRecords?.[server.nameServer] ?? []).length === 0) return server.nameServer
  }
  return null
}

export const dnsUpdateHandler: DomainTaskHandler = {
  run (sandbox, task) {
    // Back to OVH's DNS: OVH's own name servers replace whatever was declared.
    if (payloadOf<{ hosted?: boolean }>(task).hosted === true) return null
    const domain = domainOf(sandbox, task)
    const host = domain === undefined ? null : missingGlue(domain)
    return host === null ? null : { comment: `The name server ${host} is inside the domain and has no IP address (glue record): the registry refused it` }
  },
  done (sandbox, task) {
    const domain = domainOf(sandbox, task)
    if (domain === undefined) return
    if (payloadOf<{ hosted?: boolean }>(task).hosted === true) {
      const zone = zonesOf(sandbox.state.accounts[task.account])[domain.domain]
      domain.nameServers = (zone?.nameServers ?? ['dns10.ovh.net', 'ns10.ovh.net']).map(host => ({
        id: nextId(sandbox.state, 'nameServerId', 4_000_001), nameServer: host, ipv4: null, ipv6: null, nameServerType: 'hosted'
      }))
    } else {
      domain.nameServers = domain.nameServers.filter(ns => ns.toDelete !== true).map(({ pending, toDelete, ...ns }) => ns)
    }
    domain.lastUpdate = sandbox.clock.now()
  },
  cancelled (sandbox, task) {
    const domain = domainOf(sandbox, task)
    if (domain === undefined) return
    domain.nameServers = domain.nameServers.filter(ns => ns.pending !== true).map(({ toDelete, ...ns }) => ns)
  }
}

// Glue records (hosts) live at the registry once DomainHostCreate/Update is done.
export const hostHandlers: Record<string, DomainTaskHandler> = {
  DomainHostCreate: {
    done (sandbox, task) {
      const domain = domainOf(sandbox, task)
      const { host, ips } = payloadOf<{ host?: string, ips?: string[] }>(task)
      if (domain !== undefined && host !== undefined && ips !== undefined) domain.glueRecords = { ...(domain.glueRecords ?? {}), [host]: ips }
    }
  },
  DomainHostUpdate: {
    done (sandbox, task) {
      const domain = domainOf(sandbox, task)
      const { host, ips } = payloadOf<{ host?: string, ips?: string[] }>(task)
      if (host !== undefined && ips !== undefined && domain?.glueRecords?.[host] !== undefined) domain.glueRecords[host] = ips
    }
  },
  DomainHostDelete: {
    done (sandbox, task) {
      const domain = domainOf(sandbox, task)
      const { host } = payloadOf<{ host?: string }>(task)
      if (host !== undefined && domain?.glueRecords !== undefined) delete domain.glueRecords[host]
    }
  }
}

export type DsKey = { algorithm: number, flags: number, publicKey: string, tag: number }

// dnssec.Key
export function toDsKey (key: NonNullable<DomainState['dsRecords']>[number]) {
  return { algorithm: key.algorithm, flags: key.flags, id: key.id, publicKey: key.publicKey, status: key.status, tag: key.tag }
}

// The DS set at the registry is replaced when DomainDsUpdate is done (an empty set turns DNSSEC off).
export const dsUpdateHandler: DomainTaskHandler = {
  done (sandbox, task) {
    const domain = domainOf(sandbox, task)
    const { keys } = payloadOf<{ keys?: DsKey[] }>(task)
    if (domain === undefined || keys === undefined) return
    domain.dsRecords = keys.map(key => ({ ...key, id: nextId(sandbox.state, 'dsRecordId', 9_000_001), status: 'active' as const }))
    domain.dnssecState = keys.length > 0 ? 'enabled' : 'disabled'
    domain.lastUpdate = sandbox.clock.now()
  }
}
