// Creates accounts (NIC handles) and fills them with owner contacts and the demo domain portfolio.
import { randomUUID } from '../ids.js'
import { nextId } from '../state/types.js'
import type { AccountState, ContactState, DomainState, NameServerState, SandboxState } from '../state/types.js'
import { DAY } from '../time.js'
import { DOMAIN_TEMPLATES } from './domain-templates.js'
import type { DomainTemplate } from './domain-templates.js'
import { seedZones } from './zones.js'

export type SeedKind = 'demo' | 'empty'

// 'demo-ovh' -> 'demo', 'ab12345-ovh' -> 'ab12345': the prefix of the account's domain names.
export function slugOf (nic: string): string {
  return nic.toLowerCase().replace(/-ovh$/, '').replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'account'
}

function ownerContacts (state: SandboxState, slug: string): ContactState[] {
  return [
    {
      id: nextId(state, 'contactId', 10_000_001),
      firstName: 'Camille',
      lastName: 'Martin',
      organisationName: `${slug} SAS`,
      legalForm: 'corporation',
      email: `domains@${slug}.example`,
      phone: '+33.972101007',
      language: 'fr_FR',
      address: { line1: '2 rue Kellermann', city: 'Roubaix', zip: '59100', country: 'FR' }
    },
    {
      id: nextId(state, 'contactId', 10_000_001),
      firstName: 'Jonas',
      lastName: 'Weber',
      organisationName: null,
      legalForm: 'individual',
      email: `jonas@${slug}.example`,
      phone: '+49.3012345678',
      language: 'de_DE',
      address: { line1: 'Oranienstraße 25', city: 'Berlin', zip: '10999', country: 'DE' }
    }
  ]
}

function nameServers (state: SandboxState, template: DomainTemplate, name: string): NameServerState[] {
  const hosts = template.dns === 'hosted'
    ? ['dns10.ovh.net', 'ns10.ovh.net']
    : [`ns1.dns-${template.label}.example`, `ns2.dns-${template.label}.example`]
  return hosts.map(host => ({
    id: nextId(state, 'nameServerId', 4_000_001),
    nameServer: host,
    // Glue only for in-zone hosts; none of the seeded ones are, as with most real domains.
    ipv4: host.endsWith(`.${name}`) ? '192.0.2.53' : null,
    ipv6: null,
    nameServerType: template.dns
  }))
}

export function domainFromTemplate (state: SandboxState, template: DomainTemplate, account: AccountState, owners: ContactState[], now: number): DomainState {
  const name = `${slugOf(account.nic)}-${template.label}.${template.tld}`
  const owner = owners[template.owner ?? 0] ?? owners[0]
  return {
    domain: name,
    serviceId: nextId(state, 'serviceId', 100_000_001),
    iamId: randomUUID(),
    offer: template.offer ?? 'gold',
    state: template.state,
    suspensionState: template.suspended === true ? 'suspended' : 'not_suspended',
    creation: now - template.ageDays * DAY,
    expiration: now + template.expiresInDays * DAY,
    lastUpdate: now - Math.min(template.ageDays, 30) * DAY,
    renew: { automatic: template.automatic, deleteAtExpiration: template.deleteAtExpiration ?? false, forced: false, period: template.automatic ? 12 : null },
    transferLockStatus: template.lock,
    nameServerType: template.dns,
    nameServers: nameServers(state, template, name),
    dnssecSupported: template.dnssec !== 'not_supported',
    dnssecState: template.dnssec ?? 'disabled',
    // .fr and .eu registries manage hosts as objects; the others take glue with the name server.
    hostSupported: ['fr', 'eu', 'com', 'net'].includes(template.tld),
    glueRecordIpv6Supported: true,
    glueRecordMultiIpSupported: template.tld !== 'co.uk',
    owoSupported: !['fr', 'eu', 'berlin'].includes(template.tld),
    contacts: { owner: String(owner.id), admin: account.nic, tech: account.nic, billing: account.nic },
    parentService: null,
    // DNS Anycast comes with the premium offers.
    options: template.offer === 'diamond' || template.offer === 'platinum' ? { dnsAnycast: { state: 'subscribed', expiration: now + template.expiresInDays * DAY } } : {}
  }
}

export function createAccount (state: SandboxState, nic: string, seed: SeedKind, now: number): AccountState {
  if (state.accounts[nic] !== undefined) throw new Error(`account ${nic} already exists`)
  const account: AccountState = { nic, currency: 'EUR', ovhSubsidiary: 'FR', contacts: {}, domains: {}, zones: {} }
  state.accounts[nic] = account
  if (seed === 'empty') return account
  const owners = ownerContacts(state, slugOf(nic))
  const taken = new Set(Object.values(state.accounts).flatMap(other => Object.keys(other.domains)))
  const domains = DOMAIN_TEMPLATES.map(template => domainFromTemplate(state, template, account, owners, now))
  const clash = domains.find(domain => taken.has(domain.domain))
  if (clash !== undefined) {
    delete state.accounts[nic]
    throw new Error(`domain ${clash.domain} already belongs to another account: pick another NIC handle`)
  }
  for (const contact of owners) account.contacts[String(contact.id)] = contact
  for (const domain of domains) account.domains[domain.domain] = domain
  seedZones(state, account, new Map(domains.map((domain, index) => [domain.domain, DOMAIN_TEMPLATES[index].label])), now)
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
