// /domain, /domain/{serviceName} (with batch reads) and /domain/{serviceName}/serviceInfos.
// @see docs/OVH-API.md 9.1, 11
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { findDomain, toDomainService, toServiceInfos } from '../model/domains.js'
import { domainSettingsRoutes } from './domain-settings.js'

export const domainArea: SandboxArea = {
  name: 'domain',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain',
      handler ({ account, query }) {
        const owner = query.whoisOwner as string | undefined
        return Object.values(account.domains)
          .filter(domain => domain.state !== 'deleted' && (owner === undefined || domain.contacts.owner === owner))
          .map(domain => domain.domain)
          .sort()
      }
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}',
      batch: true,
      handler: ({ account, params }) => toDomainService(findDomain(account, String(params.serviceName)))
    }),

    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/serviceInfos',
      handler: ({ account, params }) => toServiceInfos(findDomain(account, String(params.serviceName)))
    }),

    ...domainSettingsRoutes
  ]
}
