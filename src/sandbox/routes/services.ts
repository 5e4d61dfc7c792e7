// /services and /services/{serviceId} (with batch reads): the account's domains as billing
// services (creation date, renewal mode and period). @see ovh-api/v1-eu/services.json
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { findService, listServiceIds, toExpandedService } from '../model/services.js'

export const servicesArea: SandboxArea = {
  name: 'services',
  routes: [
    defineRoute({
      method: 'GET',
      path: '/services',
      handler: ({ account, query }) => listServiceIds(account, {
        resourceName: query.resourceName as string | undefined,
        routes: query.routes as string | undefined
      })
    }),
    defineRoute({
      method: 'GET',
      path: '/services/{serviceId}',
      batch: true,
      handler: ({ account, params }) => toExpandedService(account, findService(account, Number(params.serviceId)))
    })
  ]
}
