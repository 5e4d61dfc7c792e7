// Domain settings: renewal (automatic or manual, delete at expiration) through serviceInfos, and
// the domain's options. Checked against what OVH says is possible before anything is changed.
// @see docs/OVH-API.md 11
import { notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { renewalChange, requireRenewChange } from '../shared/renewal-change.js'
import { recordRenewalOutcome } from '../../mirror/write-through.js'
import { domainReads } from './reads.js'
import { renewalStateAfter, SETTLED_BY_SETTINGS } from './renewal-outcome.js'
import type { DomainOption, RenewInput, ServiceInfos, ServiceOptions } from './schemas.js'

/** Changes how the domain renews; `path` prefixes field names in errors ('input' or 'body.renew'). */
export async function updateRenewal (caller: Caller, name: string, input: RenewInput, path = 'input'): Promise<ServiceInfos> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  requireRenewChange(input, path)
  const reads = domainReads(caller)
  const current = await reads.serviceInfos.load(domain)
  if (current === null) throw notFound(`domain ${domain}`)
  const renew = renewalChange(current, input, path, 'domain')
  const client = await caller.ovh()
  await client.put('/domain/{serviceName}/serviceInfos', { params: { serviceName: domain }, body: { renew } })
  reads.forget(domain)
  // OVH accepted the settings: the domain's renewal state and its event are recorded before the
  // answer (the mirror's refresh then only confirms), while the new settings are read back.
  const after = renewalStateAfter(renew)
  const [updated] = await Promise.all([reads.serviceInfos.load(domain), after === null ? undefined : recordRenewalOutcome(caller, domain, SETTLED_BY_SETTINGS, after)])
  if (updated === null) throw notFound(`domain ${domain}`)
  return updated
}

/** The domain's options (OVH lists names; the objects come in one batch read). */
export async function listOptions (caller: Caller, name: string): Promise<DomainOption[]> {
  caller.require('read')
  const domain = normalizeDomainName(name, 'domain')
  const reads = domainReads(caller)
  const names = await reads.optionNames.load(domain)
  if (names === null) throw notFound(`domain ${domain}`)
  const loaded = await reads.option(domain).loadMany(names)
  return loaded.filter((option): option is DomainOption => {
    if (option instanceof Error) throw option
    return option !== null
  })
}

export async function getOption (caller: Caller, name: string, option: string): Promise<DomainOption | null> {
  caller.require('read')
  const domain = normalizeDomainName(name, 'domain')
  return domainReads(caller).option(domain).load(option)
}

/** Releases (ends) an option; OVH refuses one already released. */
export async function releaseOption (caller: Caller, name: string, option: string): Promise<DomainOption> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  const client = await caller.ovh()
  await client.delete('/domain/{serviceName}/option/{option}', { params: { serviceName: domain, option } })
  const reads = domainReads(caller)
  reads.forget(domain)
  const released = await reads.option(domain).load(option)
  if (released === null) throw notFound(`option ${option} of ${domain}`)
  return released
}

export async function getServiceOptions (caller: Caller, name: string): Promise<ServiceOptions> {
  caller.require('read')
  const domain = normalizeDomainName(name, 'domain')
  const options = await domainReads(caller).serviceOptions.load(domain)
  if (options === null) throw notFound(`domain ${domain}`)
  return options
}
