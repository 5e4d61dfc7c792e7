// The contract between the mirror's reads and its sync: a read that finds an object stale or
// unknown, and a write through the gateway that changed one, ask for a priority refresh; the sync
// (its job engine) does it within the sync key's budget. Asking never blocks nor fails the caller.

/** One tenant's OVH account: OVH's ids mean nothing outside its endpoint and NIC. */
export interface MirrorScope {
  tenantId: string
  // endpointIdentity() of the tenant's endpoint (src/modules/orders/ovh-scope.ts)
  ovhEndpoint: string
  // The NIC in lower case (accountIdentity())
  ovhAccount: string
}

export interface RefreshTargets {
  domains?: string[]
  tasks?: string[]
  orders?: string[]
  // Contact-change requests (/me/task/contactChange): mirrored for their events only
  contactChanges?: string[]
  // The gateway request that changed them (a write): the events of what the refresh finds name it
  // as their cause instead of "a change seen at OVH".
  origin?: ChangeOrigin
}

export interface ChangeOrigin {
  requestId: string
  userId: string
}

// Why: a write just made (first), a stale read, an object the mirror does not know yet.
export type RefreshReason = 'write' | 'stale' | 'unknown'

export interface MirrorRefresh {
  /** Queue a priority refresh of these objects (deduplicated per object). */
  request: (scope: MirrorScope, targets: RefreshTargets, reason: RefreshReason) => Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    // Absent while the mirror's sync is not part of the app (MIRROR_READS=off, or no job engine).
    mirrorRefresh?: MirrorRefresh
  }
}
