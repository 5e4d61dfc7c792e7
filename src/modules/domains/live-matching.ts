// The live list's candidates: OVH's list of names, narrowed by what the names tell (contains, TLD),
// then, when a filter or the order needs domain fields, by every candidate's details (batch reads
// of 50, each reserved from the caller's budget before it is made).
import type { Caller } from '../../upstream/caller.js'
import type { DomainFilter, OvhDomain } from './schemas.js'
import { domainReads } from './reads.js'
import { normalizeTld } from '../../mirror/portfolio-filter.js'
import { tldOf } from '../../mirror/domain-row.js'

const given = (values: readonly string[] | null | undefined): values is readonly string[] => values !== undefined && values !== null && values.length > 0

function needsDetails (filter: DomainFilter): boolean {
  return given(filter.state) || given(filter.renewalState) || given(filter.transferLockStatus) || given(filter.nameServerType) ||
    Boolean(filter.expiringBefore) || Boolean(filter.expiringAfter)
}

function matches (domain: OvhDomain, filter: DomainFilter): boolean {
  const before = filter.expiringBefore ? Date.parse(filter.expiringBefore) : undefined
  const after = filter.expiringAfter ? Date.parse(filter.expiringAfter) : undefined
  const expires = Date.parse(domain.expirationDate)
  return (!given(filter.state) || filter.state.includes(domain.state)) &&
    (!given(filter.renewalState) || filter.renewalState.includes(domain.renewalState)) &&
    (!given(filter.transferLockStatus) || filter.transferLockStatus.includes(domain.transferLockStatus)) &&
    (!given(filter.nameServerType) || filter.nameServerType.includes(domain.nameServerType)) &&
    (before === undefined || expires < before) &&
    (after === undefined || expires > after)
}

/** Matching names (sorted), and their details when reading them was needed (`withDetails` forces it). */
export async function liveMatching (caller: Caller, filter: DomainFilter, withDetails: boolean): Promise<{ names: string[], details?: OvhDomain[] }> {
  const reads = domainReads(caller)
  let names = await reads.names()
  const contains = filter.nameContains?.trim().toLowerCase()
  if (contains) names = names.filter(name => name.includes(contains))
  if (given(filter.tld)) {
    const tlds = new Set(filter.tld.map(normalizeTld))
    names = names.filter(name => tlds.has(tldOf(name)))
  }
  if (!withDetails && !needsDetails(filter)) return { names }
  const loaded = await reads.domain.loadMany(names)
  const details: OvhDomain[] = []
  for (const domain of loaded) {
    if (domain instanceof Error) throw domain
    if (domain !== null && matches(domain, filter)) details.push(domain)
  }
  return { names: details.map(domain => domain.domain), details }
}
