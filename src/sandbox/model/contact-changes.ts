// Changes of the admin, tech or billing NIC of a domain (POST /domain/{serviceName}/changeContact):
// one request per (current NIC, new NIC) pair, emailed to both with a token each; both accept and
// the change is applied, either refuses and it stops, and it expires unanswered.
// @see docs/OVH-API.md 6.2
import { createHash } from 'node:crypto'
import { badRequest, notFound } from '../errors.js'
import type { EventHandler } from '../scheduler.js'
import type { SandboxCore } from '../core.js'
import { nextId } from '../state/types.js'
import type { AccountState, ContactChangeState, ContactRole, DomainState, SandboxState } from '../state/types.js'
import { DAY, MINUTE } from '../time.js'

export const CONTACT_CHANGE_EMAILS = 'contactChange.emails'
export const CONTACT_CHANGE_APPLY = 'contactChange.apply'
export const CONTACT_CHANGE_EXPIRE = 'contactChange.expire'

const ROLE_KEYS: Record<ContactRole, keyof DomainState['contacts']> = { contactAdmin: 'admin', contactBilling: 'billing', contactTech: 'tech' }
const PENDING = new Set<ContactChangeState['state']>(['todo', 'checkValidity', 'validatingByCustomers'])
// Realistic durations, scaled by pace.
const EMAIL_DELAY_MS = MINUTE
const APPLY_DELAY_MS = MINUTE
const EXPIRY_MS = 15 * DAY

// Deterministic, so a test or a demo can find it (it is also in the state and the admin API); a
// real token comes by email.
export function contactChangeToken (id: number, nic: string): string {
  return createHash('sha256').update(`sandbox contact change ${id} ${nic}`).digest('hex').slice(0, 24)
}

export function isPending (change: ContactChangeState): boolean {
  return PENDING.has(change.state)
}

export type ContactChanges = Partial<Record<ContactRole, string>>

/** Opens the requests for `changes` on `domain` of `account`; returns their ids. */
export function requestContactChanges (sandbox: SandboxCore, account: AccountState, domain: DomainState, changes: ContactChanges): number[] {
  const { state } = sandbox
  const roles = (Object.keys(ROLE_KEYS) as ContactRole[]).filter(role => changes[role] !== undefined)
  if (roles.length === 0) throw badRequest('Missing parameter(s): contactAdmin, contactBilling or contactTech')
  for (const role of roles) {
    const to = changes[role] as string
    if (state.accounts[to] === undefined) throw badRequest(`The nichandle ${to} does not exist`)
    if (domain.contacts[ROLE_KEYS[role]] === to) throw badRequest(`${to} is already the ${role} of ${domain.domain}`)
    const pending = Object.values(state.contactChanges).find(change => change.serviceDomain === domain.domain && isPending(change) && change.contactTypes.includes(role))
    if (pending !== undefined) throw badRequest(`A change of ${role} is already waiting for validation (request ${pending.id})`)
  }

  const now = sandbox.clock.now()
  const groups = new Map<string, ContactRole[]>()
  for (const role of roles) {
    const key = `${domain.contacts[ROLE_KEYS[role]]} ${changes[role] as string}`
    groups.set(key, [...(groups.get(key) ?? []), role])
  }
  return [...groups].map(([key, contactTypes]) => {
    const [fromAccount, toAccount] = key.split(' ')
    const id = nextId(state, 'contactChangeId', 7_000_001)
    const change: ContactChangeState = {
      id,
      askingAccount: account.nic,
      fromAccount,
      toAccount,
      contactTypes,
      serviceDomain: domain.domain,
      state: 'todo',
      dateRequest: now,
      dateDone: null,
      tokens: { [fromAccount]: contactChangeToken(id, fromAccount), [toAccount]: contactChangeToken(id, toAccount) },
      accepted: [],
      emailsSent: 0
    }
    state.contactChanges[String(id)] = change
    sandbox.after(EMAIL_DELAY_MS, CONTACT_CHANGE_EMAILS, { id })
    sandbox.after(EXPIRY_MS, CONTACT_CHANGE_EXPIRE, { id })
    return id
  })
}

/** The requests the account takes part in (asked, or is the current or the new NIC of). */
export function visibleContactChanges (state: SandboxState, nic: string): ContactChangeState[] {
  return Object.values(state.contactChanges)
    .filter(change => change.askingAccount === nic || change.fromAccount === nic || change.toAccount === nic)
    .sort((a, b) => a.id - b.id)
}

export function findContactChange (state: SandboxState, nic: string, id: number): ContactChangeState {
  const change = state.contactChanges[String(id)]
  if (change === undefined || ![change.askingAccount, change.fromAccount, change.toAccount].includes(nic)) {
    throw notFound(`The requested object (id = ${id}) does not exist`)
  }
  return change
}

// The token must be the one emailed to the caller's own NIC.
function checkToken (change: ContactChangeState, nic: string, token: string): void {
  if (!isPending(change)) throw badRequest(`The request ${change.id} is ${change.state}: it no longer waits for validation`)
  if (change.tokens[nic] === undefined || change.tokens[nic] !== token) throw badRequest('The token is not valid')
}

export function acceptContactChange (sandbox: SandboxCore, change: ContactChangeState, nic: string, token: string): void {
  checkToken(change, nic, token)
  if (!change.accepted.includes(nic)) change.accepted.push(nic)
  if (Object.keys(change.tokens).every(party => change.accepted.includes(party))) {
    change.state = 'doing'
    sandbox.after(APPLY_DELAY_MS, CONTACT_CHANGE_APPLY, { id: change.id })
  }
}

export function refuseContactChange (sandbox: SandboxCore, change: ContactChangeState, nic: string, token: string): void {
  checkToken(change, nic, token)
  change.state = 'refused'
  change.dateDone = sandbox.clock.now()
}

export function resendContactChangeEmail (change: ContactChangeState): void {
  if (!isPending(change)) throw badRequest(`The request ${change.id} is ${change.state}: there is nothing to validate`)
  change.emailsSent += 1
}

// nichandle.contactChange.Task
export function toContactChangeTask (change: ContactChangeState, format: (ms: number) => string) {
  return {
    askingAccount: change.askingAccount,
    contactTypes: change.contactTypes,
    dateDone: change.dateDone === null ? null : format(change.dateDone),
    dateRequest: format(change.dateRequest),
    fromAccount: change.fromAccount,
    id: change.id,
    serviceDomain: change.serviceDomain,
    state: change.state,
    toAccount: change.toAccount
  }
}

export function contactChangeEvents (sandbox: SandboxCore): Record<string, EventHandler> {
  const changeOf = (payload: { id: number }): ContactChangeState | undefined => sandbox.state.contactChanges[String(payload.id)]
  return {
    [CONTACT_CHANGE_EMAILS] (payload: { id: number }) {
      const change = changeOf(payload)
      if (change?.state !== 'todo') return
      change.state = 'validatingByCustomers'
      change.emailsSent += 1
    },
    [CONTACT_CHANGE_APPLY] (payload: { id: number }, { event }) {
      const change = changeOf(payload)
      if (change?.state !== 'doing') return
      const domain = sandbox.state.accounts[change.askingAccount]?.domains[change.serviceDomain]
      if (domain === undefined) {
        change.state = 'error'
        return
      }
      for (const role of change.contactTypes) domain.contacts[ROLE_KEYS[role]] = change.toAccount
      domain.lastUpdate = event.at
      change.state = 'done'
      change.dateDone = event.at
    },
    [CONTACT_CHANGE_EXPIRE] (payload: { id: number }, { event }) {
      const change = changeOf(payload)
      if (change === undefined || !isPending(change)) return
      change.state = 'expired'
      change.dateDone = event.at
    }
  }
}
