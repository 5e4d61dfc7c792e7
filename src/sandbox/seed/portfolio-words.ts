// What generated domains are made of: name parts, TLDs as a French reseller's portfolio spreads
// them, and the name servers real portfolios point at. Host names are shared strings, so 100,000
// domains cost no more memory than their own fields.
import type { DomainStatus } from '../state/types.js'

export const FIRST_WORDS = [
  'atelier', 'boutique', 'cafe', 'studio', 'garage', 'immo', 'pixel', 'nord', 'sud', 'solar', 'verde',
  'bistro', 'maison', 'jardin', 'alpha', 'nova', 'blue', 'green', 'urban', 'petit', 'grand', 'vieux',
  'smart', 'happy', 'fresh', 'bio', 'eco', 'auto', 'velo', 'ciel', 'ocean', 'montagne', 'riviera',
  'berliner', 'kiez', 'hafen', 'stadt', 'london', 'thames', 'data', 'cloud', 'cyber', 'nano', 'metro'
] as const

export const SECOND_WORDS = [
  'conseil', 'design', 'shop', 'labs', 'media', 'travel', 'sante', 'avocats', 'formation', 'events',
  'digital', 'factory', 'market', 'home', 'photo', 'music', 'sport', 'food', 'wine', 'fleurs',
  'coiffure', 'plombier', 'archi', 'dental', 'yoga', 'kids', 'pets', 'tech', 'invest', 'energie',
  'bau', 'werkstatt', 'kanzlei', 'praxis', 'agency', 'partners', 'solutions', 'group', 'works', 'hub'
] as const

// [tld, weight]: mostly .com and .fr, some country and city TLDs, every one sold by the catalog.
export const TLD_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['com', 34], ['fr', 18], ['net', 7], ['org', 5], ['eu', 5], ['de', 7], ['co.uk', 4], ['be', 3],
  ['io', 4], ['shop', 3], ['online', 2], ['info', 2], ['biz', 1], ['berlin', 3], ['paris', 2]
]

// Registries without a transfer lock: OVH reports `unavailable` (as for the seeded .co.uk).
export const LOCKLESS_TLDS: ReadonlySet<string> = new Set(['co.uk', 'de', 'be'])

// Registries that do not take DNSSEC through OVH (catalog `dnssec: false`).
export const NO_DNSSEC_TLDS: ReadonlySet<string> = new Set(['co.uk', 'berlin'])

// City TLDs whose rules want the owner in the city: the seeded Berlin owner holds them.
export const BERLIN_TLDS: ReadonlySet<string> = new Set(['berlin'])

// [state, weight] of a portfolio's domains: most are fine, a few expire, leave or are suspended.
// States with work in flight at OVH (pending_create, pending_incoming_transfer...) come from orders
// and tasks, never from here.
export const STATE_WEIGHTS: ReadonlyArray<readonly [DomainStatus, number]> = [
  ['ok', 880], ['expired', 45], ['pending_delete', 20], ['restorable', 8], ['outgoing_transfer', 12],
  ['technical_suspended', 6], ['registry_suspended', 3], ['dispute', 2]
]

// OVH's shared DNS servers come in pairs (dnsNN / nsNN).
export const OVH_NAME_SERVER_PAIRS: ReadonlyArray<readonly [string, string]> = [10, 11, 12, 13, 15, 16, 17, 18, 19, 100, 101, 103, 104, 106, 107, 108, 109, 110, 111, 200]
  .map(n => [`dns${n}.ovh.net`, `ns${n}.ovh.net`] as const)

// Name servers of other DNS providers, as customers set them.
export const EXTERNAL_NAME_SERVER_SETS: ReadonlyArray<readonly string[]> = [
  ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
  ['kim.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
  ['ns-1204.awsdns-22.org', 'ns-1830.awsdns-36.co.uk', 'ns-355.awsdns-44.com', 'ns-818.awsdns-38.net'],
  ['ns1.gandi.net', 'ns2.gandi.net', 'ns3.gandi.net'],
  ['ns-cloud-a1.googledomains.com', 'ns-cloud-a2.googledomains.com'],
  ['ns1.bdm.microsoftonline.com', 'ns2.bdm.microsoftonline.com'],
  ['dns1.registrar-servers.com', 'dns2.registrar-servers.com'],
  ['ns1.hetzner.com', 'ns2.hetzner.com', 'ns3.hetzner.de']
]
