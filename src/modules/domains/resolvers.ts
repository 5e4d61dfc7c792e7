// GraphQL: Query.domains, Query.domain, Query.domainCounts and the Domain type.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { DomainConnectionParent } from './parents.js'
import { notFound } from '../../errors.js'
import type { OvhDomain, RenewInput, ServiceOptions } from './schemas.js'
import { lazyConnectionOf, lazyConnectionResolvers } from '../shared/pagination.js'
import { domainListing, getDomain, getServiceInfos } from './service.js'
import { domainCounts } from './portfolio-service.js'
import { getServiceOptions, listOptions, releaseOption, updateRenewal } from './settings.js'
import type { AnsweredDomain } from '../../mirror/freshness.js'

// Mutation: the schema's input (nullable fields may be null, OVH's enums are open strings) is handed to a
// service that checks it itself, as it always was from GraphQL: the cast names that hand-over.
export const domainsResolvers: Resolvers = {
  Query: {
    domains: async (_root, args, { caller }) => {
      const listing = await domainListing(caller, args)
      // totalCount is counted only when asked for (the mirror counts; OVH's list is read anyway).
      return { ...lazyConnectionOf({ totalCount: 0, load: listing.load }), totalCount: listing.totalCount, source: listing.source, syncedAt: listing.syncedAt }
    },
    domain: (_root, { name, maxAge, live }, { caller }) => getDomain(caller, name, { maxAge, live }),
    domainCounts: (_root, { filter, live }, { caller }) => domainCounts(caller, { filter, live })
  },
  DomainConnection: {
    ...lazyConnectionResolvers,
    totalCount: (parent: DomainConnectionParent) => parent.totalCount()
  },
  Domain: {
    name: (domain: OvhDomain) => domain.domain,
    // Objects answered by mutations come from OVH.
    source: (domain: Partial<AnsweredDomain>) => domain.source ?? 'LIVE',
    syncedAt: (domain: Partial<AnsweredDomain>) => domain.syncedAt ?? null,
    serviceInfos: async (domain: OvhDomain, _args, { caller }) => {
      const infos = await getServiceInfos(caller, domain.domain)
      if (!infos) throw notFound(`service information of ${domain.domain}`)
      return infos
    },
    options: (domain: OvhDomain, _args, { caller }) => listOptions(caller, domain.domain),
    serviceOptions: async (domain: OvhDomain, _args, { caller }) => {
      const options: ServiceOptions = await getServiceOptions(caller, domain.domain)
      return { hosting: options.hosting?.serviceName ?? null, offer: options.offer?.serviceName ?? null, zone: options.zone?.serviceName ?? null }
    }
  },
  Mutation: {
    updateDomainRenewal: (_root, { domain, input }, { caller }) => updateRenewal(caller, domain, input as RenewInput),
    releaseDomainOption: (_root, { domain, option }, { caller }) => releaseOption(caller, domain, option)
  }
}
