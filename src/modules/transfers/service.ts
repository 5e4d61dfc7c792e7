// Transfers: the transfer lock (set to locked/unlocked, OVH moves it through locking/unlocking), the
// auth code (only while unlocked), fixing a failed incoming transfer (its task's authInfo argument,
// then a relaunch) and approving or rejecting an outgoing transfer. Incoming transfers themselves
// are orders: orderDomain with the auth code. @see docs/OVH-API.md 10
import { badUserInput, gatewayError, notFound } from '../../errors.js'
import type { Caller } from '../../upstream/caller.js'
import { domainReads } from '../domains/reads.js'
import type { OvhDomain } from '../domains/schemas.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import { getTask, runTaskAction, setTaskArgument } from '../tasks/service.js'
import type { DomainTask } from '../tasks/schemas.js'

/** PUT /domain/{sn} {transferLockStatus}; answers the domain as it is now (locking, unlocking...). */
export async function setTransferLock (caller: Caller, name: string, locked: boolean): Promise<OvhDomain> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  const client = await caller.ovh()
  await client.put('/domain/{serviceName}', { params: { serviceName: domain }, body: { transferLockStatus: locked ? 'locked' : 'unlocked' } })
  const reads = domainReads(caller)
  reads.domain.clear(domain)
  const fresh = await reads.domain.load(domain)
  if (fresh === null) throw notFound(`domain ${domain}`)
  return fresh
}

/**
 * The auth code to give the new registrar (GET /domain/{sn}/authInfo, a JSON string). While the
 * domain is locked OVH refuses it: CONFLICT with reason TRANSFER_LOCKED (src/error-mapping.ts).
 * Operators and admins only: the code lets anyone take the domain away.
 */
export async function getAuthInfo (caller: Caller, name: string): Promise<string> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  const client = await caller.ovh()
  return client.get<string>('/domain/{serviceName}/authInfo', { params: { serviceName: domain } })
}

/** A failed incoming transfer: its task's `authInfo` set to the right code, then relaunched. */
export async function retryIncomingTransfer (caller: Caller, taskId: number | string, authInfo: string): Promise<DomainTask> {
  caller.require('write')
  if (authInfo.length === 0 || authInfo.length > 255) throw badUserInput('invalid auth code', [{ field: 'authInfo', message: '1 to 255 characters' }])
  // Only a failed incoming transfer takes an auth code: anything else is refused before OVH.
  const task = await getTask(caller, taskId)
  if (task === null) throw notFound(`task ${taskId}`)
  if (task.function !== 'DomainIncomingTransfer') {
    throw badUserInput(`task ${task.id} is a ${task.function}, not an incoming transfer`, [{ field: 'taskId', message: 'must be a DomainIncomingTransfer task' }])
  }
  if (task.status !== 'error') {
    throw gatewayError('CONFLICT', `the incoming transfer of ${task.domain} is ${task.status}, not in error: it takes no corrected auth code now`, { reason: 'TASK_NOT_IN_ERROR', task: { id: task.id, status: task.status } })
  }
  await setTaskArgument(caller, { id: taskId, key: 'authInfo', value: authInfo })
  return runTaskAction(caller, 'relaunch', { id: taskId })
}

/** POST /domain/{sn}/outgoingTransfer/approve with the token OVH emailed about the transfer. */
export async function approveOutgoingTransfer (caller: Caller, name: string, approve: boolean, ident: string): Promise<boolean> {
  caller.require('write')
  const domain = normalizeDomainName(name, 'domain')
  if (ident.trim() === '' || ident.length > 255) throw badUserInput('invalid ident', [{ field: 'ident', message: 'the token of the email about the transfer' }])
  const client = await caller.ovh()
  await client.post('/domain/{serviceName}/outgoingTransfer/approve', { params: { serviceName: domain }, body: { approveType: approve ? 'accept' : 'reject', ident } })
  return true
}
