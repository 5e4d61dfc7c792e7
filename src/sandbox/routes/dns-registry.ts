// The domain's DNS at the registry: name-server type (PUT /domain/{serviceName}), name servers,
// glue records and DS records. Every change is a domain task (DomainDnsUpdate, DomainHost*,
// DomainDsUpdate). @see docs/OVH-API.md 9.1-9.4 and 15 (guide-vs-schema traps)
import { isIPv6 } from 'node:net'
import { badRequest, classError, notFound } from '../errors.js'
import { defineRoute } from '../http/route.js'
import type { OvhCallContext, OvhRoute } from '../http/route.js'
import { createDomainTask, toDomainTask } from '../model/domain-tasks.js'
import { findDomain, toDomainService } from '../model/domains.js'
import { findNameServer, newNameServer, toDsKey, toFullNameServer } from '../model/name-servers.js'
import type { DsKey, NameServerInput } from '../model/name-servers.js'
import { zonesOf } from '../model/zones.js'
import { setTransferLock } from '../model/transfer-lock.js'
import type { DomainState } from '../state/types.js'
import { formatDateTime } from '../time.js'

const MAX_NAME_SERVERS = 13

const domainOf = ({ account, params }: OvhCallContext): DomainState => findDomain(account, String(params.serviceName))

function task (context: OvhCallContext, domain: DomainState, fn: string, payload: unknown = null) {
  const created = createDomainTask(context.sandbox, { account: context.account, domain: domain.domain, function: fn, payload })
  return toDomainTask(created, formatDateTime)
}

// OVH manages the name servers of a domain on its own DNS: they change only once the type is external.
function requireExternal (domain: DomainState): void {
  if (domain.nameServerType === 'hosted') {
    throw classError(403, 'Client::Forbidden', `The name servers of ${domain.domain} are OVH's (nameServerType is hosted): set nameServerType to external first`)
  }
}

function checkInputs (domain: DomainState, list: NameServerInput[]): void {
  const hosts = list.map(server => server.host.toLowerCase().replace(/\.$/, ''))
  if (new Set(hosts).size !== hosts.length) throw badRequest('A name server is listed twice')
  for (const host of hosts) if (!/^([a-z0-9-]+\.)+[a-z0-9-]+$/.test(host)) throw badRequest(`Invalid name server host "${host}"`)
  list.forEach((server, index) => {
    if (server.ip !== undefined && server.ip !== null && !hosts[index].endsWith(`.${domain.domain}`)) {
      throw badRequest(`An IP address can only be given for a name server inside ${domain.domain}`)
    }
  })
}

function activeCount (domain: DomainState): number {
  return domain.nameServers.filter(ns => ns.toDelete !== true).length
}

function glueOf (domain: DomainState, host: string): string[] {
  const ips = domain.glueRecords?.[host.toLowerCase()]
  if (ips === undefined) throw notFound(`The requested object (host = ${host}) does not exist`)
  return ips
}

function checkGlueIps (domain: DomainState, ips: string[]): void {
  if (ips.length === 0) throw badRequest('At least one IP address is needed')
  if (ips.length > 1 && !domain.glueRecordMultiIpSupported) throw badRequest(`The registry of ${domain.domain} accepts one IP address per host`)
  if (ips.some(ip => isIPv6(ip)) && !domain.glueRecordIpv6Supported) throw badRequest(`The registry of ${domain.domain} does not accept IPv6 glue`)
}

export const nameServerRoutes: OvhRoute[] = [
  // Only nameServerType and transferLockStatus are writable; reads may show other types
  // (docs/OVH-API.md 15.9), but only hosted and external can be set. transferLockStatus
  // (locking/unlocking) belongs to the transfer flow: model/transfer-lock.ts.
  defineRoute({
    method: 'PUT',
    path: '/domain/{serviceName}',
    handler (context) {
      const domain = domainOf(context)
      const body = context.body as { nameServerType?: string, transferLockStatus?: string }
      // The lock moves through locking/unlocking as a task (model/transfer-lock.ts, orders stream).
      if (body.transferLockStatus !== undefined && setTransferLock(context.sandbox, context.account, domain, body.transferLockStatus)) context.sandbox.touch()
      const { iam, ...service } = toDomainService(domain)
      if (body.nameServerType === undefined || body.nameServerType === domain.nameServerType) return service
      if (body.nameServerType !== 'hosted' && body.nameServerType !== 'external') {
        throw badRequest(`Invalid nameServerType "${body.nameServerType}": only hosted or external can be set`)
      }
      if (body.nameServerType === 'hosted') {
        if (zonesOf(context.account)[domain.domain] === undefined) {
          throw classError(403, 'Client::Forbidden', `${domain.domain} has no DNS zone at OVH: order one before switching to hosted`)
        }
        domain.nameServerType = 'hosted'
        task(context, domain, 'DomainDnsUpdate', { hosted: true })
      } else {
        domain.nameServerType = 'external'
        for (const server of domain.nameServers) server.nameServerType = 'external'
      }
      domain.lastUpdate = context.now
      context.sandbox.touch()
      const { iam: _iam, ...changed } = toDomainService(domain)
      return changed
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/nameServer',
    handler: context => domainOf(context).nameServers.map(ns => ns.id)
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/nameServer/{id}',
    batch: true,
    handler: context => toFullNameServer(findNameServer(domainOf(context), Number(context.params.id)))
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/nameServer/{id}/status',
    handler (context) {
      const domain = domainOf(context)
      const server = findNameServer(domain, Number(context.params.id))
      const used = server.pending !== true
      return { state: used ? 'ok' : 'ko', type: server.nameServerType, usedSince: used ? formatDateTime(domain.lastUpdate) : null }
    }
  }),

  // Body key `nameServer` (singular) here, `nameServers` for the replacement below (docs 15.1).
  defineRoute({
    method: 'POST',
    path: '/domain/{serviceName}/nameServer',
    handler (context) {
      const domain = domainOf(context)
      requireExternal(domain)
      const list = (context.body as { nameServer: NameServerInput[] }).nameServer
      checkInputs(domain, list)
      const known = new Set(domain.nameServers.map(ns => ns.nameServer))
      const added = list.filter(server => !known.has(server.host.toLowerCase().replace(/\.$/, '')))
      if (added.length === 0) throw badRequest('These name servers are already declared')
      if (activeCount(domain) + added.length > MAX_NAME_SERVERS) throw badRequest(`A domain has at most ${MAX_NAME_SERVERS} name servers`)
      for (const server of added) domain.nameServers.push(newNameServer(context.sandbox, domain, server))
      return task(context, domain, 'DomainDnsUpdate')
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/{serviceName}/nameServers/update',
    handler (context) {
      const domain = domainOf(context)
      requireExternal(domain)
      const list = (context.body as { nameServers: NameServerInput[] }).nameServers
      if (list.length === 0 || list.length > MAX_NAME_SERVERS) throw badRequest(`Give 1 to ${MAX_NAME_SERVERS} name servers`)
      checkInputs(domain, list)
      for (const server of domain.nameServers) server.toDelete = true
      for (const server of list) domain.nameServers.push(newNameServer(context.sandbox, domain, server))
      return task(context, domain, 'DomainDnsUpdate')
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/{serviceName}/nameServer/{id}',
    handler (context) {
      const domain = domainOf(context)
      const server = findNameServer(domain, Number(context.params.id))
      requireExternal(domain)
      if (server.toDelete === true) throw badRequest(`The name server ${server.nameServer} is already being deleted`)
      if (activeCount(domain) <= 1) throw badRequest('A domain needs at least one name server')
      server.toDelete = true
      return task(context, domain, 'DomainDnsUpdate')
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/glueRecord',
    handler (context) {
      const host = context.query.host as string | undefined
      return Object.keys(domainOf(context).glueRecords ?? {}).filter(name => host === undefined || name === host.toLowerCase()).sort()
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/glueRecord/{host}',
    batch: true,
    handler (context) {
      const host = String(context.params.host).toLowerCase()
      return { host, ips: [...glueOf(domainOf(context), host)] }
    }
  }),

  defineRoute({
    method: 'POST',
    path: '/domain/{serviceName}/glueRecord',
    handler (context) {
      const domain = domainOf(context)
      const { host: raw, ips } = context.body as { host: string, ips: string[] }
      const host = raw.toLowerCase().replace(/\.$/, '')
      if (!domain.hostSupported) throw classError(403, 'Client::Forbidden', `The registry of ${domain.domain} does not manage hosts: give the IP with the name server`)
      if (!host.endsWith(`.${domain.domain}`)) throw badRequest(`The host ${host} is not inside ${domain.domain}`)
      if (domain.glueRecords?.[host] !== undefined) throw classError(409, 'Client::Conflict', `The host ${host} already exists`)
      checkGlueIps(domain, ips)
      return task(context, domain, 'DomainHostCreate', { host, ips })
    }
  }),

  // The update is POST .../{host}/update, not POST .../{host} as the guide shows (docs 15.2).
  defineRoute({
    method: 'POST',
    path: '/domain/{serviceName}/glueRecord/{host}/update',
    handler (context) {
      const domain = domainOf(context)
      const host = String(context.params.host).toLowerCase()
      glueOf(domain, host)
      const { ips } = context.body as { ips: string[] }
      checkGlueIps(domain, ips)
      return task(context, domain, 'DomainHostUpdate', { host, ips })
    }
  }),

  defineRoute({
    method: 'DELETE',
    path: '/domain/{serviceName}/glueRecord/{host}',
    handler (context) {
      const domain = domainOf(context)
      const host = String(context.params.host).toLowerCase()
      glueOf(domain, host)
      if (domain.nameServers.some(ns => ns.nameServer === host && ns.toDelete !== true)) {
        throw badRequest(`The host ${host} is still a name server of ${domain.domain}: remove it from the name servers first`)
      }
      return task(context, domain, 'DomainHostDelete', { host })
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/dsRecord',
    handler (context) {
      const { flags, status } = context.query as { flags?: number, status?: string }
      return (domainOf(context).dsRecords ?? [])
        .filter(key => (flags === undefined || key.flags === flags) && (status === undefined || key.status === status))
        .map(key => key.id)
    }
  }),

  defineRoute({
    method: 'GET',
    path: '/domain/{serviceName}/dsRecord/{id}',
    batch: true,
    handler (context) {
      const key = (domainOf(context).dsRecords ?? []).find(item => item.id === Number(context.params.id))
      if (key === undefined) throw notFound(`The requested object (id = ${String(context.params.id)}) does not exist`)
      return toDsKey(key)
    }
  }),

  // The whole DS set is replaced; an empty list removes DNSSEC at the registry.
  defineRoute({
    method: 'POST',
    path: '/domain/{serviceName}/dsRecord',
    handler (context) {
      const domain = domainOf(context)
      if (!domain.dnssecSupported) throw classError(403, 'Client::Forbidden', `The registry of ${domain.domain} does not support DNSSEC`)
      if (domain.nameServerType === 'hosted') {
        throw classError(403, 'Client::Forbidden', `${domain.domain} uses OVH's DNS: DNSSEC is managed with /domain/zone/${domain.domain}/dnssec`)
      }
      const { keys } = context.body as { keys: Array<Partial<DsKey>> }
      for (const key of keys) {
        if (key.algorithm === undefined || key.flags === undefined || key.tag === undefined || key.publicKey === undefined || key.publicKey === '') {
          throw badRequest('Each key needs algorithm, flags, publicKey and tag')
        }
      }
      return task(context, domain, 'DomainDsUpdate', { keys })
    }
  })
]
