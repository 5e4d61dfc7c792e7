// Transfers: the auth code (GET /domain/{sn}/authInfo, only while unlocked) and the approval of an
// outgoing transfer; the lock itself is PUT /domain/{sn} (dns-registry.ts calls model/transfer-lock).
// @see docs/OVH-API.md 10
import { defineRoute } from '../http/route.js'
import type { SandboxArea } from '../http/route.js'
import { findDomain } from '../model/domains.js'
import { approveOutgoingTransfer, authInfoOf, transferTaskHandlers } from '../model/transfer-lock.js'

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
    })
  ]
}
