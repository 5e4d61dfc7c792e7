// Whois display of a domain: which contact types may disclose which fields (opt-in) and which
// contact emails may be obfuscated, the current settings, changes and refreshed addresses.
// Settings are created on first use. @see docs/OVH-API.md 8
import { badRequest } from '../errors.js'
import { randomUUID } from '../ids.js'
import type { EventHandler } from '../scheduler.js'
import type { SandboxCore } from '../core.js'
import type { AccountState, DomainState, WhoisContactType, WhoisState } from '../state/types.js'
import { MINUTE } from '../time.js'

export const OBFUSCATION_DONE = 'whois.obfuscation.done'
// A new obfuscated address redirects after a few minutes (realistic, scaled by pace).
const OBFUSCATION_DELAY_MS = 5 * MINUTE

export const OPTIN_FIELDS = ['address', 'city', 'country', 'email', 'fax', 'name', 'organisation', 'phone', 'province', 'zip']

function tldOf (domain: string): string {
  return domain.slice(domain.indexOf('.') + 1)
}

// domain.rules.Optin[]: a contact type absent cannot be configured; empty fields is all or nothing.
// Nominet manages .co.uk disclosure itself; AFNIC and EURid only let the owner choose.
export function optinRules (domain: DomainState): Array<{ type: WhoisContactType, fields: string[] }> {
  const tld = tldOf(domain.domain)
  if (tld === 'co.uk') return []
  const owner = { type: 'owner' as const, fields: [...OPTIN_FIELDS] }
  if (tld === 'fr' || tld === 'eu') return [owner]
  return [owner, { type: 'admin', fields: [] }, { type: 'tech', fields: [] }]
}

// domain.configurations.ContactTypeEnum[]: the contacts whose email can be obfuscated.
export function obfuscationRules (domain: DomainState): WhoisContactType[] {
  return domain.owoSupported ? ['admin', 'owner', 'tech'] : []
}

function obfuscatedAddress (domain: DomainState): string {
  return `${randomUUID()}@${domain.domain}.o-w-o.info`
}

/** The domain's settings: nothing disclosed, every email that can be obfuscated obfuscated. */
export function whoisOf (account: AccountState, domain: DomainState): WhoisState {
  let whois = account.whois[domain.domain]
  if (whois === undefined) {
    whois = {
      optin: [],
      obfuscated: obfuscationRules(domain).map(type => ({ type, value: obfuscatedAddress(domain), status: 'done' as const }))
    }
    account.whois[domain.domain] = whois
  }
  return whois
}

function checkTypes (types: WhoisContactType[], allowed: readonly WhoisContactType[], what: string): void {
  const seen = new Set<string>()
  for (const type of types) {
    if (!allowed.includes(type)) throw badRequest(`The ${what} of the contact type ${type} can not be configured on this domain`)
    if (seen.has(type)) throw badRequest(`The contact type ${type} is given twice`)
    seen.add(type)
  }
}

/** PUT configurations/optin: replaces the disclosure settings. */
export function setOptin (account: AccountState, domain: DomainState, optin: Array<{ type: WhoisContactType, fields: string[] }>): WhoisState['optin'] {
  const rules = optinRules(domain)
  checkTypes(optin.map(item => item.type), rules.map(rule => rule.type), 'disclosure')
  const next = optin.map(item => {
    const rule = rules.find(candidate => candidate.type === item.type)!
    const extra = item.fields.filter(field => !rule.fields.includes(field))
    if (extra.length > 0) throw badRequest(`The fields ${extra.join(', ')} of the contact type ${item.type} can not be disclosed`)
    // A type whose rule lists fields still discloses all of them or none (OVH's 2026 guide).
    return { type: item.type, fields: item.fields.length > 0 ? [...rule.fields] : [] }
  })
  const whois = whoisOf(account, domain)
  whois.optin = next
  return next
}

function schedule (sandbox: SandboxCore, account: AccountState, domain: DomainState, type: WhoisContactType, value: string): void {
  sandbox.after(OBFUSCATION_DELAY_MS, OBFUSCATION_DONE, { account: account.nic, domain: domain.domain, type, value })
}

/** PUT configurations/obfuscatedEmails: obfuscates exactly these contacts' emails. */
export function setObfuscated (sandbox: SandboxCore, account: AccountState, domain: DomainState, contacts: WhoisContactType[]): WhoisState['obfuscated'] {
  checkTypes(contacts, obfuscationRules(domain), 'email obfuscation')
  const whois = whoisOf(account, domain)
  whois.obfuscated = contacts.map(type => {
    const kept = whois.obfuscated.find(item => item.type === type)
    if (kept !== undefined) return kept
    const value = obfuscatedAddress(domain)
    schedule(sandbox, account, domain, type, value)
    return { type, value, status: 'todo' as const }
  })
  return whois.obfuscated
}

/** POST configurations/obfuscatedEmails/refresh: new addresses for these obfuscated contacts. */
export function refreshObfuscated (sandbox: SandboxCore, account: AccountState, domain: DomainState, contacts: WhoisContactType[]): void {
  const whois = whoisOf(account, domain)
  checkTypes(contacts, whois.obfuscated.map(item => item.type), 'email obfuscation refresh')
  for (const item of whois.obfuscated) {
    if (!contacts.includes(item.type)) continue
    item.value = obfuscatedAddress(domain)
    item.status = 'todo'
    schedule(sandbox, account, domain, item.type, item.value)
  }
}

export function whoisEvents (sandbox: SandboxCore): Record<string, EventHandler> {
  return {
    [OBFUSCATION_DONE] (payload: { account: string, domain: string, type: WhoisContactType, value: string }) {
      const item = sandbox.state.accounts[payload.account]?.whois[payload.domain]?.obfuscated.find(entry => entry.type === payload.type)
      // A later change or refresh replaced the address since: that one has its own event.
      if (item?.value === payload.value) item.status = 'done'
    }
  }
}
