// A new domain's state from its settings: shared by the seeds, deliveries, incoming transfers and the
// admin routes, kept apart from the seeds so the models that create domains do not import seeds.
import { randomUUID } from '../ids.js'
import type { DomainTemplate } from '../seed/domain-templates.js'
import { nextId } from '../state/types.js'
import type { AccountState, DomainState, NameServerState, SandboxState } from '../state/types.js'
import { DAY } from '../time.js'

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
