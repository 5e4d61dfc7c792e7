// Immediate termination of a domain through OVH's service API (docs/OVH-API.md 11): the request
// (POST /services/{serviceId}/terminate), after which OVH emails a token to the admin contact, and
// its confirmation with that token (POST /services/{serviceId}/terminate/confirm). Confirmed, the
// domain is deleted at the registry and enters redemption, from which restoreDomain can still
// bring it back. A domain OVH does not terminate (being created, transferred, already deleted) is
// refused before any call that changes something. The token is a secret: never logged or echoed.
import { badUserInput, gatewayError, notFound } from '../../errors.js'
import { refreshAfterWrite } from '../../mirror/write-through.js'
import type { Caller } from '../../upstream/caller.js'
import { domainReads } from '../domains/reads.js'
import { getZone } from '../dns/zone-service.js'
import { normalizeDomainName } from '../shared/domain-name.js'

// States OVH terminates a domain from (domain.DomainStateEnum).
const TERMINABLE_STATES = new Set(['ok', 'expired', 'registry_suspended', 'technical_suspended', 'dispute'])

export interface TerminationAnswer {
  domain: string
  serviceId: number
  // OVH's instructions (services.terminate.TerminationAnswer.message).
  message: string
}

async function terminableService (caller: Caller, domain: string): Promise<number> {
  const reads = domainReads(caller)
  const [details, infos] = await Promise.all([reads.domain.load(domain), reads.serviceInfos.load(domain)])
  if (details === null || infos === null) throw notFound(`domain ${domain}`)
  if (!TERMINABLE_STATES.has(details.state)) {
    throw gatewayError('CONFLICT', `${domain} cannot be terminated while it is ${details.state}`, { reason: 'DOMAIN_NOT_TERMINABLE', domain, state: details.state })
  }
  return infos.serviceId
}

/** Asks OVH to terminate the domain now; OVH emails the admin contact a token to confirm it with. */
export async function terminateDomain (caller: Caller, name: string): Promise<TerminationAnswer> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  const serviceId = await terminableService(caller, domain)
  const client = await caller.ovh()
  const answer = await client.post<{ message: string }>('/services/{serviceId}/terminate', { params: { serviceId } })
  return { domain, serviceId, message: answer.message }
}

/** Confirms a termination with the token OVH emailed. */
export async function confirmDomainTermination (caller: Caller, name: string, token: string): Promise<TerminationAnswer> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  if (typeof token !== 'string' || token.trim() === '' || token.length > 255) {
    throw badUserInput('invalid termination token', [{ field: 'token', message: 'the token of OVH\'s email about the termination' }])
  }
  const reads = domainReads(caller)
  const infos = await reads.serviceInfos.load(domain)
  if (infos === null) throw notFound(`domain ${domain}`)
  const client = await caller.ovh()
  const answer = await client.post<{ message: string }>('/services/{serviceId}/terminate/confirm', { params: { serviceId: infos.serviceId }, body: { token } })
  reads.forget(domain)
  const credential = await caller.credential()
  if (credential !== null) refreshAfterWrite(caller, credential, { domains: [domain] })
  return { domain, serviceId: infos.serviceId, message: answer.message }
}

export interface ZoneTerminationAnswer {
  zone: string
  // OVH's answer (a sentence).
  message: string
}

/** Asks OVH to terminate a DNS zone; OVH emails a token to confirm it with. */
export async function terminateZone (caller: Caller, name: string): Promise<ZoneTerminationAnswer> {
  caller.require('write')
  // A zone that is not on the account is NOT_FOUND before anything is asked of OVH.
  const zone = await getZone(caller, name)
  if (zone === null) throw notFound(`DNS zone ${name}`)
  const client = await caller.ovh()
  const message = await client.post<string>('/domain/zone/{zoneName}/terminate', { params: { zoneName: zone.name } })
  return { zone: zone.name, message }
}

/** Confirms a zone's termination with the token OVH emailed: the zone is deleted. */
export async function confirmZoneTermination (caller: Caller, name: string, token: string): Promise<ZoneTerminationAnswer> {
  caller.require('write')
  const zoneName = normalizeDomainName(name, 'zone')
  if (typeof token !== 'string' || token.trim() === '' || token.length > 255) {
    throw badUserInput('invalid termination token', [{ field: 'token', message: 'the token of OVH\'s email about the termination' }])
  }
  const client = await caller.ovh()
  const message = await client.post<string>('/domain/zone/{zoneName}/confirmTermination', { params: { zoneName }, body: { token } })
  return { zone: zoneName, message }
}
