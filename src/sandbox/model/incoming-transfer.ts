// The DomainIncomingTransfer task: it succeeds when the auth code given (the task's `authInfo`
// argument once the customer set it, else the one in the order) is the registry's; otherwise it
// fails waiting for a new `authInfo`. On success the domain joins the account.
// @see docs/OVH-API.md 4 (fix and relaunch flow), 10
import { buildDomain } from '../seed/accounts.js'
import type { DomainTaskState, TaskArgumentSpec } from '../state/types.js'
import type { DomainTaskHandler } from './domain-tasks.js'

export interface IncomingTransferPayload {
  // The auth code sent with the order (the cart's AUTH_INFO configuration).
  authInfo: string | null
  // The code the losing registry expects.
  expectedAuthInfo: string
  // Owner contact of the transferred domain; default: the account's first contact.
  ownerId?: number | null
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
    account.domains[task.domain] = buildDomain(sandbox.state, account, task.domain, {
      state: 'ok',
      expiresInDays: 365,
      ageDays: 0,
      automatic: true,
      lock: 'locked',
      dns: 'external'
    }, ownerId, now)
  }
} satisfies DomainTaskHandler
