// The mirror's status as the API answers it: the caller's tenant only, for admins and operators
// (the write scope). Read from the gateway's database: no OVH call.
import type { Caller } from '../upstream/caller.js'
import type { MirrorSync } from './sync.js'

export async function mirrorStatusFor (caller: Caller, mirror: MirrorSync) {
  caller.require('write')
  const accounts = await mirror.status({ tenantId: caller.tenant.id })
  return accounts.map(({ accountId: _id, tenant: _tenant, ...status }) => status)
}
