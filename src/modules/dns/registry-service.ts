// A domain's DNS at the registry: name-server type, name servers, glue records and DS keys. Every
// change is an OVH domain task (DomainDnsUpdate, DomainHostCreate/Update/Delete, DomainDsUpdate),
// returned to the caller. Input is checked before OVH sees it (name-server-input.ts).
// @see docs/OVH-API.md 9.1-9.4 and 15 (the body keys nameServer vs nameServers)
import { badUserInput, notFound } from '../../errors.js'
import type { FieldError } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { domainReads } from '../domains/reads.js'
import type { OvhDomain } from '../domains/schemas.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import type { DomainTask } from '../tasks/schemas.js'
import { checkDsKeys, checkGlue, checkGlueHost, checkNameServers, DS_FLAGS } from './name-server-input.js'
import type { DsKeyInput, NameServerInput } from './name-server-input.js'
import { registryReads } from './registry-reads.js'
import type { DomainNsType, DsKey, FullNameServer, GlueRecord, NameServerStatus } from './registry-schemas.js'
import { recordId } from './record-service.js'

const domainName = (name: string): string => normalizeDomainName(name, 'domain')

function fail (message: string, errors: FieldError[]): void {
  if (errors.length > 0) throw badUserInput(message, errors)
}

async function loaded<T> (loader: { loadMany (keys: readonly string[]): Promise<Array<T | null | Error>> }, keys: string[]): Promise<T[]> {
  const values = await loader.loadMany(keys)
  return values.filter((value): value is T => {
    if (value instanceof Error) throw value
    return value !== null
  })
}

/** hosted (OVH's DNS, needs a zone at OVH) or external (your name servers); OVH refuses other values. */
export async function setNameServerType (caller: Caller, name: string, type: DomainNsType): Promise<OvhDomain> {
  caller.require('write')
  const domain = domainName(name)
  const client = await caller.ovh()
  await client.put('/domain/{serviceName}', { params: { serviceName: domain }, body: { nameServerType: type } })
  const reads = domainReads(caller)
  reads.domain.clear(domain)
  registryReads(caller).forget(domain)
  const updated = await reads.domain.load(domain)
  if (updated === null) throw notFound(`domain ${domain}`)
  return updated
}

export async function listNameServers (caller: Caller, name: string): Promise<FullNameServer[]> {
  caller.require('read')
  const domain = domainName(name)
  const reads = registryReads(caller)
  const ids = await reads.nameServerIds(domain)
  return loaded(reads.nameServer(domain), ids.map(String))
}

export async function getNameServer (caller: Caller, name: string, id: string | number): Promise<FullNameServer | null> {
  caller.require('read')
  const domain = domainName(name)
  return registryReads(caller).nameServer(domain).load(String(recordId(id)))
}

export async function getNameServerStatus (caller: Caller, name: string, id: string | number): Promise<NameServerStatus> {
  caller.require('read')
  const domain = domainName(name)
  const status = await registryReads(caller).nameServerStatus.load(JSON.stringify([domain, String(recordId(id))]))
  if (status === null) throw notFound(`name server ${String(id)} of ${domain}`)
  return status
}

async function changed (caller: Caller, domain: string, task: DomainTask): Promise<DomainTask> {
  registryReads(caller).forget(domain)
  domainReads(caller).domain.clear(domain)
  return task
}

/** Adds name servers (OVH POST .../nameServer, body key `nameServer`); only while the type is external. */
export async function addNameServers (caller: Caller, name: string, list: NameServerInput[], path = 'nameServers'): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const errors: FieldError[] = []
  const nameServer = checkNameServers(list, domain, path, errors, { min: 1 })
  fail('invalid name servers', errors)
  const client = await caller.ovh()
  return changed(caller, domain, await client.post<DomainTask>('/domain/{serviceName}/nameServer', { params: { serviceName: domain }, body: { nameServer } }))
}

/** Replaces the whole set (OVH POST .../nameServers/update, body key `nameServers`, not the guide's `nameServer`). */
export async function replaceNameServers (caller: Caller, name: string, list: NameServerInput[], path = 'nameServers'): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const errors: FieldError[] = []
  const nameServers = checkNameServers(list, domain, path, errors, { min: 1 })
  fail('invalid name servers', errors)
  const client = await caller.ovh()
  return changed(caller, domain, await client.post<DomainTask>('/domain/{serviceName}/nameServers/update', { params: { serviceName: domain }, body: { nameServers } }))
}

export async function deleteNameServer (caller: Caller, name: string, id: string | number): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const numericId = recordId(id)
  const client = await caller.ovh()
  return changed(caller, domain, await client.delete<DomainTask>('/domain/{serviceName}/nameServer/{id}', { params: { serviceName: domain, id: numericId } }))
}

export async function listGlueRecords (caller: Caller, name: string): Promise<GlueRecord[]> {
  caller.require('read')
  const domain = domainName(name)
  const reads = registryReads(caller)
  return loaded(reads.glue(domain), await reads.glueHosts(domain))
}

// A host that cannot be a glue record of the domain is refused as updateGlueRecord refuses it,
// instead of costing an OVH call that can only answer 404. `field` names it in errors.
function glueHost (domain: string, host: string, field: string): string {
  const errors: FieldError[] = []
  const checked = checkGlueHost(host, domain, field, errors)
  fail('invalid glue record host', errors)
  return checked
}

export async function getGlueRecord (caller: Caller, name: string, host: string, field = 'host'): Promise<GlueRecord | null> {
  caller.require('read')
  const domain = domainName(name)
  return registryReads(caller).glue(domain).load(glueHost(domain, host, field))
}

type GlueFields = { host: string, ips: string }
const GLUE_FIELDS: GlueFields = { host: 'host', ips: 'ips' }

export async function createGlueRecord (caller: Caller, name: string, input: { host: string, ips: string[] }, fields = GLUE_FIELDS): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const errors: FieldError[] = []
  const glue = checkGlue(input, domain, fields, errors)
  fail('invalid glue record', errors)
  const client = await caller.ovh()
  return changed(caller, domain, await client.post<DomainTask>('/domain/{serviceName}/glueRecord', { params: { serviceName: domain }, body: glue }))
}

/** New addresses for a host (OVH POST .../glueRecord/{host}/update, not the guide's path without /update). */
export async function updateGlueRecord (caller: Caller, name: string, host: string, ips: string[], fields = GLUE_FIELDS): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const errors: FieldError[] = []
  const glue = checkGlue({ host, ips }, domain, fields, errors)
  fail('invalid glue record', errors)
  const client = await caller.ovh()
  return changed(caller, domain, await client.post<DomainTask>('/domain/{serviceName}/glueRecord/{host}/update', { params: { serviceName: domain, host: glue.host }, body: { ips: glue.ips } }))
}

export async function deleteGlueRecord (caller: Caller, name: string, host: string, field = 'host'): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const checked = glueHost(domain, host, field)
  const client = await caller.ovh()
  return changed(caller, domain, await client.delete<DomainTask>('/domain/{serviceName}/glueRecord/{host}', { params: { serviceName: domain, host: checked } }))
}

/** DS keys, filtered by flags (OVH's dnssec.KeyFlagEnum: 256 or 257, checked before OVH) and status. */
export async function listDsRecords (caller: Caller, name: string, filter: { flags?: number | null, status?: string | null } = {}, flagsField = 'flags'): Promise<DsKey[]> {
  caller.require('read')
  const domain = domainName(name)
  if (filter.flags !== undefined && filter.flags !== null && !(DS_FLAGS as readonly number[]).includes(filter.flags)) {
    throw badUserInput('invalid DS key flags', [{ field: flagsField, message: 'must be 256 (ZSK) or 257 (KSK)' }])
  }
  const reads = registryReads(caller)
  const query = Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)) as Record<string, string | number>
  return loaded(reads.ds(domain), (await reads.dsIds(domain, query)).map(String))
}

export async function getDsRecord (caller: Caller, name: string, id: string | number): Promise<DsKey | null> {
  caller.require('read')
  return registryReads(caller).ds(domainName(name)).load(String(recordId(id)))
}

/** Replaces the DS keys at the registry (an empty list removes DNSSEC there): a DomainDsUpdate task. */
export async function updateDsRecords (caller: Caller, name: string, keys: DsKeyInput[], path = 'keys'): Promise<DomainTask> {
  caller.require('write')
  const domain = domainName(name)
  const errors: FieldError[] = []
  const checked = checkDsKeys(keys, path, errors)
  fail('invalid DS keys', errors)
  const client = await caller.ovh()
  return changed(caller, domain, await client.post<DomainTask>('/domain/{serviceName}/dsRecord', { params: { serviceName: domain }, body: { keys: checked } }))
}
