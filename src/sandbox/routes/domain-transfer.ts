// Transfers: the auth code (GET /domain/{sn}/authInfo, only while unlocked), the approval of an
// outgoing transfer and the release of a .uk domain to another registrar's tag; the lock itself is PUT /domain/{sn} (dns-registry.ts calls model/transfer-lock).
// @see docs/OVH-API.md 10
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { findDomain } from '../model/domains.js'
import { approveOutgoingTransfer, authInfoOf, releaseUkDomain, transferTaskHandlers, UK_REGISTRARS, ukDomain } from '../model/transfer-lock.js'
import { toDomainTask } from '../model/domain-tasks.js'
import { formatDateTime } from '../time.js'

export const domainTransferArea: SandboxArea = {
  name: 'domain-transfer',
  taskHandlers: transferTaskHandlers,
  routes: [
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/authInfo',
      handler: ({ account, params }) => authInfoOf(findDomain(account, String(params.serviceName)))
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/{serviceName}/outgoingTransfer/approve',
      handler ({ sandbox, account, params, body }) {
        const { approveType, ident } = body as { approveType: string, ident: string }
        approveOutgoingTransfer(sandbox, account, findDomain(account, String(params.serviceName)), approveType, ident)
        return null
      }
    }),

    // .uk domains leave by a "release" to the new registrar's Nominet tag (docs/OVH-API.md 10).
    defineRoute({
      method: 'GET',
      path: '/domain/{serviceName}/ukRegistrars',
      handler ({ account, params }) {
        ukDomain(findDomain(account, String(params.serviceName)))
        return UK_REGISTRARS.map(registrar => ({ ...registrar }))
      }
    }),

    defineRoute({
      method: 'POST',
      path: '/domain/{serviceName}/ukOutgoingTransfer',
      handler ({ sandbox, account, params, body }) {
        const task = releaseUkDomain(sandbox, account, findDomain(account, String(params.serviceName)), (body as { tag: string }).tag)
        return toDomainTask(task, formatDateTime)
      }
    })
  ]
}
