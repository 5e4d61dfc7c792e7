// The transfer lock and outgoing transfers: setting transferLockStatus moves it through locking /
// unlocking as a DomainLock / DomainUnlock task (on the scheduler, like OVH's registry requests);
// the auth code is readable only while unlocked; an outgoing transfer is approved or rejected with
// the token OVH emails (documented: 'OUT-' and the name in capitals), and an approved one takes
// the domain off the account once its DomainOutgoingTransfer task is done. @see docs/OVH-API.md 10
import { badRequest, classError } from '../errors.js'
import type { SandboxCore } from '../core.js'
import type { AccountState, DomainState } from '../state/types.js'
import { authCodeOf } from './availability.js'
import { createDomainTask } from './domain-tasks.js'
import type { DomainTaskHandler } from './domain-tasks.js'

export function outgoingTransferIdent (domain: string): string {
  return `OUT-${domain.toUpperCase()}`
}

/** PUT /domain/{sn} {transferLockStatus}: starts the change, returns whether anything changed. */
export function setTransferLock (sandbox: SandboxCore, account: AccountState, domain: DomainState, target: string): boolean {
  if (target !== 'locked' && target !== 'unlocked') throw badRequest(`Invalid transferLockStatus "${target}": only locked or unlocked can be set`)
  if (domain.transferLockStatus === 'unavailable') throw badRequest(`The registry of ${domain.domain} has no transfer lock`)
  if (domain.state !== 'ok') throw badRequest(`The transfer lock of ${domain.domain} cannot change while the domain is ${domain.state}`)
  const moving = target === 'locked' ? 'locking' : 'unlocking'
  if (domain.transferLockStatus === target || domain.transferLockStatus === moving) return false
  if (domain.transferLockStatus === 'locking' || domain.transferLockStatus === 'unlocking') {
    throw badRequest(`The transfer lock of ${domain.domain} is already ${domain.transferLockStatus}: wait until it is done`)
  }
  domain.transferLockStatus = moving
  domain.lastUpdate = sandbox.clock.now()
  createDomainTask(sandbox, { account, domain: domain.domain, function: target === 'locked' ? 'DomainLock' : 'DomainUnlock', payload: { target } })
  return true
}

// What OVH answers for the auth code of a locked domain (a registry lock forbids its disclosure).
export function authInfoOf (domain: DomainState): string {
  if (domain.transferLockStatus !== 'unlocked') {
    throw classError(403, 'Client::Forbidden', `The domain ${domain.domain} is ${domain.transferLockStatus}: unlock it (transferLockStatus unlocked) to get its authorization code`)
  }
  return authCodeOf(domain.domain)
}

export function approveOutgoingTransfer (sandbox: SandboxCore, account: AccountState, domain: DomainState, approveType: string, ident: string): void {
  if (domain.state !== 'outgoing_transfer') throw badRequest(`No outgoing transfer of ${domain.domain} waits for an approval`)
  if (ident !== outgoingTransferIdent(domain.domain)) throw badRequest('Invalid ident: use the token of the email about this transfer')
  domain.lastUpdate = sandbox.clock.now()
  if (approveType === 'reject') {
    domain.state = 'ok'
    domain.transferLockStatus = 'locked'
    return
  }
  createDomainTask(sandbox, { account, domain: domain.domain, function: 'DomainOutgoingTransfer', payload: { approved: true } })
}

// Nominet's tags of a few registrars (GET /domain/{sn}/ukRegistrars answers OVH's whole list).
export const UK_REGISTRARS: ReadonlyArray<{ name: string, tag: string }> = [
  { name: 'Gandi SAS', tag: 'GANDI' },
  { name: 'Namesco Limited', tag: 'NAMESCO' },
  { name: 'Tucows Inc.', tag: 'TUCOWS' },
  { name: 'GoDaddy.com, LLC', tag: 'GODADDY' },
  { name: '123-Reg Limited', tag: '123-REG' }
]

/** The domain when it is a .uk one (example.uk, example.co.uk...); OVH refuses the .uk routes otherwise. */
export function ukDomain (domain: DomainState): DomainState {
  if (!/\.uk$/.test(domain.domain)) throw badRequest(`The domain ${domain.domain} is not a .uk domain`)
  return domain
}

/** POST /domain/{sn}/ukOutgoingTransfer: releases the domain to a registrar's tag (a DomainOutgoingTransfer task). */
export function releaseUkDomain (sandbox: SandboxCore, account: AccountState, domain: DomainState, tag: string) {
  ukDomain(domain)
  if (!UK_REGISTRARS.some(registrar => registrar.tag === tag)) throw badRequest(`Unknown registrar tag "${tag}"`)
  if (domain.state !== 'ok') throw classError(403, 'Client::Forbidden', `The domain ${domain.domain} is ${domain.state}: it cannot be released`)
  domain.state = 'outgoing_transfer'
  domain.lastUpdate = sandbox.clock.now()
  return createDomainTask(sandbox, { account, domain: domain.domain, function: 'DomainOutgoingTransfer', payload: { approved: true, ukTag: tag } })
}

function lockHandler (target: 'locked' | 'unlocked'): DomainTaskHandler {
  const domainOf = (sandbox: SandboxCore, account: string, name: string) => sandbox.state.accounts[account]?.domains[name]
  return {
    done (sandbox, task) {
      const domain = domainOf(sandbox, task.account, task.domain)
      if (domain === undefined) return
      domain.transferLockStatus = target
      domain.lastUpdate = sandbox.clock.now()
    },
    cancelled (sandbox, task) {
      const domain = domainOf(sandbox, task.account, task.domain)
      if (domain !== undefined) domain.transferLockStatus = target === 'locked' ? 'unlocked' : 'locked'
    }
  }
}

export const transferTaskHandlers: Record<string, DomainTaskHandler> = {
  DomainLock: lockHandler('locked'),
  DomainUnlock: lockHandler('unlocked'),
  // The new registrar has the domain: it leaves the account.
  DomainOutgoingTransfer: {
    done (sandbox, task) {
      delete sandbox.state.accounts[task.account]?.domains[task.domain]
    },
    // A cancelled .uk release leaves the domain where it was.
    cancelled (sandbox, task) {
      const domain = sandbox.state.accounts[task.account]?.domains[task.domain]
      if ((task.payload as { ukTag?: string } | null)?.ukTag !== undefined && domain?.state === 'outgoing_transfer') domain.state = 'ok'
    }
  }
}
