// The DomainIncomingTransfer task: it succeeds when the auth code given (the task's `authInfo`
// argument once the customer set it, else the one in the order) is the registry's; otherwise it
// fails waiting for a new `authInfo`. On success the domain joins the account.
// @see docs/OVH-API.md 4 (fix and relaunch flow), 10
import { createHash } from 'node:crypto'
import { buildDomain } from './new-domain.js'
import type { SandboxCore } from '../core.js'
import { DAY } from '../time.js'
import { addYears } from './renewals.js'
import type { DomainTaskState, TaskArgumentSpec } from '../state/types.js'
import { applyDomainOptions, optionsOfTask } from './domain-options.js'
import type { DomainTaskHandler } from './domain-tasks.js'

export interface IncomingTransferPayload {
  // The auth code sent with the order (the cart's AUTH_INFO configuration).
  authInfo: string | null
  // The code the losing registry expects.
  expectedAuthInfo: string
  // Owner contact of the transferred domain; default: the account's first contact.
  ownerId?: number | null
  // The domain's expiry at the losing registrar when the transfer was ordered (epoch ms; absent in
  // tasks from before it was recorded): a transfer adds one year to it.
  currentExpiration?: number
}

/**
 * The expiry of a name registered elsewhere: another sandbox account's domain's, or a fixed date
 * derived from the name (30 to 330 days ahead), so a transfer's outcome is predictable.
 */
export function expiryElsewhere (sandbox: SandboxCore, domain: string, now: number): number {
  for (const account of Object.values(sandbox.state.accounts)) {
    const held = account.domains[domain]
    if (held !== undefined) return held.expiration
  }
  const days = 30 + createHash('sha256').update(domain).digest().readUInt32BE(0) % 300
  return now + days * DAY
}

export function authInfoArgument (value: string | null): TaskArgumentSpec {
  return {
    key: 'authInfo',
    type: 'string',
    description: 'Authorization code (auth code, EPP code) of the domain, given by its current registrar',
    value,
    minimumSize: 1,
    maximumSize: 255,
    readOnly: false
  }
}

function payloadOf (task: DomainTaskState): IncomingTransferPayload {
  return task.payload as IncomingTransferPayload
}

export const incomingTransferHandler: DomainTaskHandler = {
  run (_sandbox, task) {
    const payload = payloadOf(task)
    const given = task.arguments.authInfo?.value ?? payload.authInfo
    if (given === payload.expectedAuthInfo) return null
    return {
      comment: 'The authorization code (authInfo) was refused by the current registrar: correct it, then relaunch the task',
      arguments: [authInfoArgument(given ?? null)]
    }
  },
  done (sandbox, task) {
    const account = sandbox.state.accounts[task.account]
    if (account === undefined || account.domains[task.domain] !== undefined) return
    const ownerId = payloadOf(task).ownerId ?? Object.values(account.contacts)[0]?.id
    if (ownerId === undefined) return
    const now = sandbox.clock.now()
    const domain = buildDomain(sandbox.state, account, task.domain, {
      state: 'ok',
      expiresInDays: 0,
      ageDays: 0,
      automatic: true,
      lock: 'locked',
      dns: 'external'
    }, ownerId, now)
    // A transfer keeps the expiry the domain had and adds one year to it.
    domain.expiration = addYears(payloadOf(task).currentExpiration ?? now, 1)
    account.domains[task.domain] = domain
    applyDomainOptions(account, task.domain, optionsOfTask(task))
  }
} satisfies DomainTaskHandler
