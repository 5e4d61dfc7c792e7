// The domains service: one implementation behind both the REST routes and the GraphQL resolvers.
import type { Caller } from '../../upstream/caller.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { checkPageSize, pageOf } from '../shared/pagination.js'
import type { DomainFilter, OvhDomain, ServiceInfos } from './schemas.js'
import { domainReads } from './reads.js'

export interface DomainPage {
  nodes: OvhDomain[]
  cursors: string[]
  hasNextPage: boolean
  hasPreviousPage: boolean
  totalCount: number
}

export async function listDomains (caller: Caller, args: { first?: number | null, after?: string | null, filter?: DomainFilter | null }): Promise<DomainPage> {
  caller.require('read')
  const first = checkPageSize(args.first)
  const reads = domainReads(caller)
  let names = await reads.names()
  const contains = args.filter?.nameContains?.trim().toLowerCase()
  if (contains) names = names.filter(name => name.includes(contains))

  // Filters on domain fields need every candidate's details: read them all, in batches.
  const states = args.filter?.state
  if (states && states.length > 0) {
    const details = await loadAll(reads.domain, names)
    names = names.filter(name => {
      const domain = details.get(name)
      return domain !== undefined && domain !== null && states.includes(domain.state)
    })
  }

  const page = pageOf(names, first, args.after)
  const loaded = await reads.domain.loadMany(page.items)
  const nodes: OvhDomain[] = []
  const cursors: string[] = []
  loaded.forEach((domain, index) => {
    if (domain instanceof Error) throw domain
    // A domain deleted between the list and the read is left out rather than failing the page.
    if (domain) {
      nodes.push(domain)
      cursors.push(page.cursors[index])
    }
  })
  return { nodes, cursors, hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, totalCount: page.totalCount }
}

export async function getDomain (caller: Caller, name: string): Promise<OvhDomain | null> {
  caller.require('read')
  return domainReads(caller).domain.load(normalizeDomainName(name))
}

export async function getServiceInfos (caller: Caller, name: string): Promise<ServiceInfos | null> {
  caller.require('read')
  return domainReads(caller).serviceInfos.load(normalizeDomainName(name))
}

async function loadAll<T> (loader: { loadMany (keys: readonly string[]): Promise<Array<T | null | Error>> }, keys: string[]): Promise<Map<string, T | null>> {
  const values = await loader.loadMany(keys)
  const result = new Map<string, T | null>()
  values.forEach((value, index) => {
    if (value instanceof Error) throw value
    result.set(keys[index], value)
  })
  return result
}
