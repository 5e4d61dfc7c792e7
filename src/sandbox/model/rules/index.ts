// Eligibility rules of the sandbox: the rule tree for an action on a domain, and the check OVH's
// POST /domain/configurationRule/check runs (DOMDOCRuleNotRespected with per-field details).
// @see docs/OVH-API.md 7
import { classError } from '../../errors.js'
import type { OvhError } from '../../errors.js'
import { randomKey } from '../../ids.js'
import type { SandboxCore } from '../../core.js'
import type { AccountState, ContactState, NicProfile } from '../../state/types.js'
import { evaluateRules } from './evaluate.js'
import { ruleTree } from './trees.js'
import type { RuleAction, RuleData } from './types.js'

export { ruleTree, toOvhRule, EU_EEA_COUNTRIES } from './trees.js'
export type { Constraint, Rule, RuleAction, RuleData } from './types.js'

export const RULE_NOT_RESPECTED = 'Client::BadRequest::DOMDOCRuleNotRespected'

export interface RuleCheck {
  action: RuleAction
  domain: string
  data: RuleData
}

// A NIC handle (nichandle.Nichandle, flat address) seen as a contact, so the same field paths
// (address.city, legalForm...) apply to the owner and to the admin and tech accounts.
export function nicAsContact (nic: Partial<NicProfile> | Record<string, unknown>): Record<string, unknown> {
  const n = nic as Record<string, unknown>
  return {
    address: { line1: n.address ?? null, city: n.city ?? null, zip: n.zip ?? null, country: n.country ?? null },
    email: n.email ?? null,
    firstName: n.firstname ?? null,
    lastName: n.name ?? null,
    organisationName: n.organisation ?? null,
    legalForm: n.legalform ?? null,
    phone: n.phone ?? null,
    language: n.language ?? null
  }
}

function contactValue (contact: ContactState | Record<string, unknown>): Record<string, unknown> {
  return contact as unknown as Record<string, unknown>
}

// OVH's details date: '2021-10-16 21:51:10.476352775 +0000 UTC'.
function detailDate (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '000000 +0000 UTC')
}

/**
 * Checks `data` against the rules of `action` on `domain` for `account`: null when it passes, else
 * OVH's DOMDOCRuleNotRespected details (`_date`, `_id`, `_message`, and one snake_case key per
 * failing field, e.g. `owner.legal_form`). Objects the data leaves out come from the domain when the
 * account holds it (update, trade, transfer) and the admin and tech accounts default to the
 * account's own NIC, as in an order; an owner left out of a transfer stays the registry's.
 */
export function checkRules (sandbox: Pick<SandboxCore, 'state' | 'clock'>, account: AccountState, check: RuleCheck): Record<string, string> | null {
  const name = check.domain.toLowerCase()
  const existing = account.domains[name]
  const profileOf = (nic: string): NicProfile => sandbox.state.accounts[nic]?.profile ?? account.profile
  const currentOwner = existing === undefined ? undefined : account.contacts[existing.contacts.owner]
  const currentAdmin = existing === undefined ? account.profile : profileOf(existing.contacts.admin)
  const currentTech = existing === undefined ? account.profile : profileOf(existing.contacts.tech)

  const { data } = check
  const values: Record<string, unknown> = {
    OWNER_CONTACT: data.owner ?? (check.action === 'create' ? undefined : currentOwner === undefined ? undefined : contactValue(currentOwner)),
    ADMIN_ACCOUNT: nicAsContact(data.adminAccount ?? currentAdmin),
    TECH_ACCOUNT: nicAsContact(data.techAccount ?? currentTech),
    DOMAIN_CONFIG: data.domain ?? undefined,
    REASON: data.domain?.reason ?? undefined,
    AUTH_INFO: data.extras?.authInfo ?? data.domain?.authInfo ?? undefined,
    ACCEPT_CONDITIONS: data.extras?.acceptCondition ?? undefined
  }
  const current: Record<string, unknown> = check.action === 'update'
    ? { OWNER_CONTACT: currentOwner === undefined ? undefined : contactValue(currentOwner), ADMIN_ACCOUNT: nicAsContact(currentAdmin), TECH_ACCOUNT: nicAsContact(currentTech) }
    : {}
  const inherited = new Set<string>()
  if (check.action === 'transfer' && existing === undefined && data.owner == null) inherited.add('OWNER_CONTACT')

  const failures = evaluateRules(ruleTree(check.action, name), { values, current, inherited })
  if (failures.size === 0) return null
  return {
    _date: detailDate(sandbox.clock.now()),
    _id: randomKey(9),
    _message: 'Input data does not respect the rule',
    ...Object.fromEntries(failures)
  }
}

export function ruleNotRespected (details: Record<string, string>): OvhError {
  const count = Object.keys(details).filter(key => !key.startsWith('_')).length
  return classError(400, RULE_NOT_RESPECTED, `${count} constraints of rules are not respected`, details)
}
