// GraphQL: Query.domains, Query.domain and the Domain type.
import type { IResolvers } from 'mercurius'
import { notFound } from '../../errors.js'
import type { OvhDomain } from './schemas.js'
import { getDomain, getServiceInfos, listDomains } from './service.js'

export const domainsResolvers: IResolvers = {
  Query: {
    domains: async (_root, args, { caller }) => {
      const page = await listDomains(caller, args)
      return {
        edges: page.nodes.map((node, index) => ({ cursor: page.cursors[index], node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          hasPreviousPage: page.hasPreviousPage,
          startCursor: page.cursors[0] ?? null,
          endCursor: page.cursors.at(-1) ?? null
        },
        totalCount: page.totalCount
      }
    },
    domain: (_root, { name }, { caller }) => getDomain(caller, name)
  },
  Domain: {
    name: (domain: OvhDomain) => domain.domain,
    serviceInfos: async (domain: OvhDomain, _args, { caller }) => {
      const infos = await getServiceInfos(caller, domain.domain)
      if (!infos) throw notFound(`service information of ${domain.domain}`)
      return infos
    }
  }
}
