// Creates accounts (NIC handles) and fills them with owner contacts and the demo domain portfolio.
import { randomUUID } from '../ids.js'
import { createContact } from '../model/contacts.js'
import { nextId } from '../state/types.js'
import type { AccountState, ContactState, DomainState, NameServerState, NicProfile, SandboxState } from '../state/types.js'
import { DAY } from '../time.js'
import { DOMAIN_TEMPLATES } from './domain-templates.js'
import type { DomainTemplate } from './domain-templates.js'
import { seedDomainTasks } from './domain-tasks.js'
import { seedZones } from './zones.js'
import { seedBills } from '../model/bills.js'

export type SeedKind = 'demo' | 'empty'

// 'demo-ovh' -> 'demo', 'ab12345-ovh' -> 'ab12345': the prefix of the account's domain names.
export function slugOf (nic: string): string {
  return nic.toLowerCase().replace(/-ovh$/, '').replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'account'
}

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

function nameServers (state: SandboxState, template: DomainSettings, name: string): NameServerState[] {
  const label = name.slice(0, name.indexOf('.')).replace(/^.*?-/, '')
  const hosts = template.dns === 'hosted'
    ? ['dns10.ovh.net', 'ns10.ovh.net']
    : [`ns1.dns-${label}.example`, `ns2.dns-${label}.example`]
  return hosts.map(host => ({
    id: nextId(state, 'nameServerId', 4_000_001),
    nameServer: host,
    // Glue only for in-zone hosts; none of the seeded ones are, as with most real domains.
    ipv4: host.endsWith(`.${name}`) ? '192.0.2.53' : null,
    ipv6: null,
    nameServerType: template.dns
  }))
}

// What the TLD's registry supports, as DomainServiceWithIAM reports it.
export function registryFeatures (tld: string): Pick<DomainState, 'hostSupported' | 'glueRecordIpv6Supported' | 'glueRecordMultiIpSupported' | 'owoSupported'> {
  return {
    // .fr and .eu registries manage hosts as objects; the others take glue with the name server.
    hostSupported: ['fr', 'eu', 'com', 'net'].includes(tld),
    glueRecordIpv6Supported: true,
    glueRecordMultiIpSupported: tld !== 'co.uk',
    owoSupported: !['fr', 'eu', 'berlin'].includes(tld)
  }
}

// What a domain needs beyond its name: a template without its label and TLD.
export type DomainSettings = Omit<DomainTemplate, 'label' | 'tld' | 'owner'>

/** A DomainState for `name` (not added to the account), owned by the contact `ownerId`. */
export function buildDomain (state: SandboxState, account: AccountState, name: string, settings: DomainSettings, ownerId: number | string, now: number): DomainState {
  const tld = name.slice(name.indexOf('.') + 1)
  return {
    domain: name,
    serviceId: nextId(state, 'serviceId', 100_000_001),
    iamId: randomUUID(),
    offer: settings.offer ?? 'gold',
    state: settings.state,
    suspensionState: settings.suspended === true ? 'suspended' : 'not_suspended',
    creation: now - settings.ageDays * DAY,
    expiration: now + settings.expiresInDays * DAY,
    lastUpdate: now - Math.min(settings.ageDays, 30) * DAY,
    renew: { automatic: settings.automatic, deleteAtExpiration: settings.deleteAtExpiration ?? false, forced: false, period: settings.automatic ? 12 : null },
    transferLockStatus: settings.lock,
    nameServerType: settings.dns,
    nameServers: nameServers(state, settings, name),
    dnssecSupported: settings.dnssec !== 'not_supported',
    dnssecState: settings.dnssec ?? 'disabled',
    ...registryFeatures(tld),
    contacts: { owner: String(ownerId), admin: account.nic, tech: account.nic, billing: account.nic },
    parentService: null,
    // DNS Anycast comes with the premium offers.
    options: settings.offer === 'diamond' || settings.offer === 'platinum' ? { dnsAnycast: { state: 'subscribed', expiration: now + settings.expiresInDays * DAY } } : {}
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
