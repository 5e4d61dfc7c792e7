// Creates accounts (NIC handles) and fills them with owner contacts and the demo domain portfolio.
import { createContact } from '../model/contacts.js'
import { buildDomain } from '../model/new-domain.js'
import type { AccountState, ContactState, DomainState, NicProfile, SandboxState } from '../state/types.js'
import { DOMAIN_TEMPLATES } from './domain-templates.js'
import type { DomainTemplate } from './domain-templates.js'
import { seedDomainTasks } from './domain-tasks.js'
import { slugOf } from './slug.js'
import { seedZones } from './zones.js'
import { seedBills } from '../model/bills.js'

export type SeedKind = 'demo' | 'empty'

function ownerContacts (state: SandboxState, account: AccountState, slug: string): ContactState[] {
  return [
    createContact({ state }, account, {
      firstName: 'Camille',
      lastName: 'Martin',
      organisationName: `${slug} SAS`,
      legalForm: 'corporation',
      email: `domains@${slug}.example`,
      phone: '+33.972101007',
      language: 'fr_FR',
      address: { line1: '2 rue Kellermann', city: 'Roubaix', zip: '59100', country: 'FR' }
    }),
    createContact({ state }, account, {
      firstName: 'Jonas',
      lastName: 'Weber',
      legalForm: 'individual',
      email: `jonas@${slug}.example`,
      phone: '+49.3012345678',
      language: 'de_DE',
      address: { line1: 'Oranienstraße 25', city: 'Berlin', zip: '10999', country: 'DE' }
    })
  ]
}

// The NIC handle's own data: a French company, like most OVH resellers.
export function defaultProfile (nic: string): NicProfile {
  const slug = slugOf(nic)
  return {
    email: `admin@${slug}.example`,
    firstname: 'Camille',
    name: 'Martin',
    organisation: `${slug} SAS`,
    legalform: 'corporation',
    address: '2 rue Kellermann',
    city: 'Roubaix',
    zip: '59100',
    country: 'FR',
    phone: '+33.972101007',
    language: 'fr_FR'
  }
}

export function domainFromTemplate (state: SandboxState, template: DomainTemplate, account: AccountState, owners: ContactState[], now: number): DomainState {
  const owner = owners[template.owner ?? 0] ?? owners[0]
  return buildDomain(state, account, `${slugOf(account.nic)}-${template.label}.${template.tld}`, template, owner.id, now)
}

export function createAccount (state: SandboxState, nic: string, seed: SeedKind, now: number): AccountState {
  if (state.accounts[nic] !== undefined) throw new Error(`account ${nic} already exists`)
  const account: AccountState = { nic, currency: 'EUR', ovhSubsidiary: 'FR', contacts: {}, domains: {}, profile: defaultProfile(nic), domainTasks: {}, whois: {}, zones: {}, autorenew: { active: true, renewDay: 1, lastRenew: null } }
  state.accounts[nic] = account
  if (seed === 'empty') return account
  const owners = ownerContacts(state, account, slugOf(nic))
  const taken = new Set(Object.values(state.accounts).flatMap(other => Object.keys(other.domains)))
  const domains = DOMAIN_TEMPLATES.map(template => domainFromTemplate(state, template, account, owners, now))
  const clash = domains.find(domain => taken.has(domain.domain))
  if (clash !== undefined) {
    delete state.accounts[nic]
    throw new Error(`domain ${clash.domain} already belongs to another account: pick another NIC handle`)
  }
  for (const domain of domains) account.domains[domain.domain] = domain
  seedDomainTasks(state, account, now)
  seedZones(state, account, new Map(domains.map((domain, index) => [domain.domain, DOMAIN_TEMPLATES[index].label])), now)
  seedBills(state, account, slugOf(nic), now)
  return account
}

// A NIC handle shaped like OVH's ('ab12345-ovh'), not yet used in this state.
export function newNic (state: SandboxState): string {
  for (;;) {
    const letters = String.fromCharCode(97 + Math.floor(Math.random() * 26), 97 + Math.floor(Math.random() * 26))
    const nic = `${letters}${10_000 + Math.floor(Math.random() * 90_000)}-ovh`
    if (state.accounts[nic] === undefined) return nic
  }
}
