// The audit trail of one caller: what they did, recorded with who they are and the request it was
// done in (tenancy/audit.ts stores it). One of the collaborators a Caller holds (caller.ts).
import type { ApiKey, Tenant, User } from '../generated/prisma/client.js'
import type { OvhCallRecord, OvhLogger } from '../ovh/index.js'
import type { AuditLog } from '../tenancy/audit.js'

export interface AuditTrail {
  /** Records a change the gateway made on its own side (not an OVH call). */
  record (operation: string, detail: Record<string, string | number | null>): void
  /** Records a refused permission, with why and the gateway request. */
  denied (detail: Record<string, string>): void
  /** Records an OVH call, with its outcome. */
  ovhCall (call: OvhCallRecord): void
}

export interface AuditTrailInput {
  audit: AuditLog
  requestId: string
  log: OvhLogger
  tenant: Tenant
  user: User
  apiKey: ApiKey
  // The gateway request (method and path, no query string), named in the audit of a denied one.
  httpRequest?: { method: string, url: string }
}

export function createAuditTrail (input: AuditTrailInput): AuditTrail {
  const { audit, requestId, log, tenant, user, apiKey } = input
  const who = { tenantId: tenant.id, userId: user.id, apiKeyId: apiKey.id, requestId }
  return {
    record (operation, detail) {
      audit.record({ ...who, operation, outcome: 'ok', detail }, log)
    },
    denied (detail) {
      audit.record({ ...who, operation: 'permission.denied', outcome: 'denied', detail: { ...detail, ...input.httpRequest } }, log)
    },
    ovhCall (call) {
      audit.record({
        ...who,
        operation: `ovh ${call.method} ${call.route}`,
        outcome: call.error ? 'error' : 'ok',
        ovhMethod: call.method,
        ovhRoute: call.route,
        ovhPath: call.apiPath,
        ovhStatus: call.status ?? undefined,
        ovhQueryId: call.queryId ?? undefined,
        durationMs: call.durationMs
      }, log)
    }
  }
}
