// GraphQL: Query.domains, Query.domain and the Domain type.
import type { IResolvers } from 'mercurius'
import { notFound } from '../../errors.js'
import type { OvhDomain, ServiceOptions } from './schemas.js'
import { lazyConnectionOf, lazyConnectionResolvers } from '../shared/pagination.js'
import { domainPage, getDomain, getServiceInfos } from './service.js'
import { getServiceOptions, listOptions, releaseOption, updateRenewal } from './settings.js'

export const domainsResolvers: IResolvers = {
  Query: {
    domains: async (_root, args, { caller }) => lazyConnectionOf(await domainPage(caller, args)),
    domain: (_root, { name }, { caller }) => getDomain(caller, name)
  },
  DomainConnection: lazyConnectionResolvers,
  Domain: {
    name: (domain: OvhDomain) => domain.domain,
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
    updateDomainRenewal: (_root, { domain, input }, { caller }) => updateRenewal(caller, domain, input),
    releaseDomainOption: (_root, { domain, option }, { caller }) => releaseOption(caller, domain, option)
  }
}
