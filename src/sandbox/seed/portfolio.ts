// SANDBOX_EXTRA_DOMAINS: n generated domains on an account, as varied as a reseller's portfolio
// (TLDs, states, expiries, renewal modes, locks, name servers, offers, owners) and as consistent as
// the seeded ones (an expired domain is not renewed automatically, a registry without a lock says
// `unavailable`, .berlin belongs to an owner in Berlin...). Domain `index` is a pure function of the
// account's PortfolioState and the index, so a snapshot keeps only what changed since
// (portfolio-snapshot.ts). They get no DNS zone: a zone costs about 2 KB, and 100,000 would weigh
// more than the domains themselves; the seeded domains keep theirs.
import { MAX_EXTRA_DOMAINS } from '../constants.js'
import type { AccountState, DomainState, DomainStatus, NameServerState, PortfolioState, SandboxState } from '../state/types.js'
import { DAY } from '../time.js'
import { registryFeatures } from '../model/new-domain.js'
import { createOwners, ownerCountFor } from './portfolio-owners.js'
import { BERLIN_TLDS, EXTERNAL_NAME_SERVER_SETS, FIRST_WORDS, LOCKLESS_TLDS, NO_DNSSEC_TLDS, OVH_NAME_SERVER_PAIRS, SECOND_WORDS, STATE_WEIGHTS, TLD_WEIGHTS } from './portfolio-words.js'
import { between, hashSeed, pick, randomFor, weighted } from './prng.js'
import type { Random } from './prng.js'

// Bump when a change below would rebuild different domains from the same spec.
export const PORTFOLIO_VERSION = 1
export const DEFAULT_PORTFOLIO_SEED = 'portfolio'

// Id ranges of their own, far above the sequences' (serviceId 100_000_001, nameServerId
// 4_000_001), so rebuilding domain `index` needs no counter.
const FIRST_SERVICE_ID = 300_000_001
const FIRST_NAME_SERVER_ID = 40_000_001
const NAME_SERVERS_PER_INDEX = 4

// TLDs whose rules want the owner in the EU/EEA (model/rules), like .fr.
const EU_OWNER_TLDS: ReadonlySet<string> = new Set(['fr', 'eu', 'de', 'be', 'paris'])

const seedHashes = new Map<string, number>()
function seedHashOf (seed: string): number {
  let hash = seedHashes.get(seed)
  if (hash === undefined) {
    hash = hashSeed(seed)
    seedHashes.set(seed, hash)
  }
  return hash
}

// The name comes from the first draws, so it is known without building the rest. The index makes
// it unique, and ends it with digits, which no seeded template label has.
function drawName (spec: Pick<PortfolioState, 'seed'>, index: number): { random: Random, name: string, tld: string } {
  const random = randomFor(seedHashOf(spec.seed), index)
  const tld = weighted(random, TLD_WEIGHTS)
  // Joined rather than concatenated: one flat string, not a chain of pieces.
  return { random, tld, name: [pick(random, FIRST_WORDS), '-', pick(random, SECOND_WORDS), '-', index + 1, '.', tld].join('') }
}

export function generatedName (spec: Pick<PortfolioState, 'seed'>, index: number): string {
  return drawName(spec, index).name
}

// The same calendar day `years` earlier (registries count registrations in whole years).
function yearsBefore (ms: number, years: number): number {
  const date = new Date(ms)
  date.setUTCFullYear(date.getUTCFullYear() - years)
  return date.getTime()
}

function expiresInDays (random: Random, state: DomainStatus): number {
  switch (state) {
    // Mostly within the year; some registered or renewed for several years.
    case 'ok': return random() < 0.8 ? between(random, 1, 365) : between(random, 366, 3 * 365)
    // OVH keeps an expired domain about 40 days, then deletes it at the registry.
    case 'expired': return between(random, -40, -1)
    case 'pending_delete': return between(random, -75, -30)
    case 'restorable': return between(random, -70, -35)
    default: return between(random, 15, 365)
  }
}

// [value, weight] tables, built once: 100,000 domains draw from them.
const LIVE_RENEWALS = [['automatic', 75], ['manual', 20], ['cancelled', 5]] as const
const EXPIRED_RENEWALS = [['manual', 80], ['cancelled', 20]] as const
const PERIODS = [[12, 85], [24, 10], [36, 5]] as const
const LOCKS = [['locked', 86], ['unlocked', 12], ['locking', 1], ['unlocking', 1]] as const
const OFFERS = [['gold', 96], ['platinum', 3], ['diamond', 1]] as const
// Renewals since the registration, beyond the first year.
const RENEWALS = [[0, 50], [1, 20], [2, 10], [3, 5], [5, 8], [8, 5], [12, 2]] as const

function renewOf (random: Random, state: DomainStatus): DomainState['renew'] {
  const mode = state === 'ok'
    ? weighted(random, LIVE_RENEWALS)
    : state === 'expired'
      ? weighted(random, EXPIRED_RENEWALS)
      : state === 'pending_delete' || state === 'restorable' ? 'cancelled' : 'automatic'
  // A cancelled renewal of a live domain is an automatic one set to delete at expiry (as the seeded
  // .eu); past expiry it is a manual one that was never paid.
  const automatic = mode === 'automatic' || (mode === 'cancelled' && state === 'ok')
  return {
    automatic,
    deleteAtExpiration: mode === 'cancelled',
    forced: false,
    period: automatic ? weighted(random, PERIODS) : null
  }
}

function lockOf (random: Random, state: DomainStatus, tld: string): DomainState['transferLockStatus'] {
  if (LOCKLESS_TLDS.has(tld)) return 'unavailable'
  if (state === 'outgoing_transfer') return 'unlocked'
  if (state !== 'ok') return 'locked'
  return weighted(random, LOCKS)
}

function nameServersOf (random: Random, index: number, name: string, type: 'hosted' | 'external'): NameServerState[] {
  const own = type === 'external' && random() < 0.05
  const hosts = type === 'hosted' ? pick(random, OVH_NAME_SERVER_PAIRS) : own ? [`ns1.${name}`, `ns2.${name}`] : pick(random, EXTERNAL_NAME_SERVER_SETS)
  return hosts.map((host, position) => ({
    id: FIRST_NAME_SERVER_ID + index * NAME_SERVERS_PER_INDEX + position,
    nameServer: host,
    // In-zone name servers need glue; the others never have it.
    ipv4: own ? `198.51.100.${1 + ((index * 2 + position) % 254)}` : null,
    ipv6: null,
    nameServerType: type
  }))
}

const HEX = [...'0123456789abcdef'].map(char => char.charCodeAt(0))
const DASH = '-'.charCodeAt(0)
const uuidCodes = new Array<number>(36)

// Version 4, variant 10xx, as randomUUID's. Built from char codes in one go: concatenating 32
// characters would keep a chain of 32 string pieces alive per domain.
function uuidOf (random: Random): string {
  let at = 0
  for (let i = 0; i < 32; i++) {
    if (i === 8 || i === 12 || i === 16 || i === 20) uuidCodes[at++] = DASH
    const digit = Math.floor(random() * 16)
    uuidCodes[at++] = i === 12 ? HEX[4] : i === 16 ? HEX[8 + (digit & 3)] : HEX[digit]
  }
  return String.fromCharCode(...uuidCodes)
}

// Owner ids as the strings domains hold, one string per owner rather than one per domain.
const ownerStrings = new Map<number, string>()

function ownerOf (random: Random, spec: PortfolioState, tld: string): string {
  const id = pick(random, BERLIN_TLDS.has(tld) ? spec.owners.berlin : EU_OWNER_TLDS.has(tld) ? spec.owners.eu : spec.owners.all)
  let text = ownerStrings.get(id)
  if (text === undefined) {
    text = String(id)
    ownerStrings.set(id, text)
  }
  return text
}

/** Generated domain `index` of the account `nic`, as the spec first made it. */
export function generatedDomain (spec: PortfolioState, nic: string, index: number): DomainState {
  const { random, tld, name } = drawName(spec, index)
  const state = weighted(random, STATE_WEIGHTS)
  const expiration = spec.at + expiresInDays(random, state) * DAY
  let years = 1 + weighted(random, RENEWALS)
  while (yearsBefore(expiration, years) > spec.at - DAY) years++
  const creation = yearsBefore(expiration, years)
  const ageDays = Math.floor((spec.at - creation) / DAY)
  const dns = random() < 0.65 ? 'hosted' : 'external'
  const offer = weighted(random, OFFERS)
  const dnssec = NO_DNSSEC_TLDS.has(tld) ? 'not_supported' : dns === 'hosted' && random() < 0.35 ? 'enabled' : 'disabled'
  const renew = renewOf(random, state)
  const transferLockStatus = lockOf(random, state, tld)
  const owner = ownerOf(random, spec, tld)
  const iamId = uuidOf(random)
  const lastUpdate = spec.at - between(random, 0, Math.min(ageDays, 400)) * DAY
  const nameServers = nameServersOf(random, index, name, dns)
  const features = registryFeatures(tld)
  // Same properties in the same order as seed/accounts.ts buildDomain (one hidden class for all).
  return {
    domain: name,
    serviceId: FIRST_SERVICE_ID + index,
    iamId,
    offer,
    state,
    suspensionState: state === 'technical_suspended' || state === 'registry_suspended' ? 'suspended' : 'not_suspended',
    creation,
    expiration,
    lastUpdate,
    renew,
    transferLockStatus,
    nameServerType: dns,
    nameServers,
    dnssecSupported: dnssec !== 'not_supported',
    dnssecState: dnssec,
    hostSupported: features.hostSupported,
    glueRecordIpv6Supported: features.glueRecordIpv6Supported,
    glueRecordMultiIpSupported: features.glueRecordMultiIpSupported,
    owoSupported: features.owoSupported,
    contacts: { owner, admin: nic, tech: nic, billing: nic },
    parentService: null,
    // DNS Anycast comes with the premium offers, as for the seeded ones. None is no object at all
    // (the field is optional), which 100,000 times is 5 MB less.
    options: offer === 'gold' ? undefined : { dnsAnycast: { state: 'subscribed', expiration } }
  }
}

/**
 * Adds `count` generated domains (and their owners) to the account, relative to `now`. Their names
 * go in sorted, so that listing them (which sorts) finds them in order.
 */
export function addPortfolio (state: SandboxState, account: AccountState, count: number, now: number, seed = DEFAULT_PORTFOLIO_SEED): PortfolioState {
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_EXTRA_DOMAINS) throw new RangeError(`extra domains must be an integer from 0 to ${MAX_EXTRA_DOMAINS}`)
  if (account.portfolio !== undefined) throw new Error(`account ${account.nic} already has a generated portfolio`)
  const spec: PortfolioState = { version: PORTFOLIO_VERSION, seed, count, at: now, owners: createOwners(state, account, seed, ownerCountFor(count)) }
  account.portfolio = spec
  const others = Object.values(state.accounts).filter(other => other !== account)
  for (const index of sortedIndices(spec)) {
    const domain = generatedDomain(spec, account.nic, index)
    // A name held already (ordered before the portfolio grew, on a kept state) keeps its holder.
    if (account.domains[domain.domain] !== undefined || others.some(other => other.domains[domain.domain] !== undefined)) continue
    account.domains[domain.domain] = domain
  }
  return spec
}

function sortedIndices (spec: PortfolioState): number[] {
  const names = Array.from({ length: spec.count }, (_, index) => generatedName(spec, index))
  return names.map((_, index) => index).sort((a, b) => names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : 0)
}

/** Whether `domain` is generated domain `index` (changed or not), not another one named alike. */
export function isGeneratedAt (domain: DomainState, index: number): boolean {
  return domain.serviceId === FIRST_SERVICE_ID + index
}

/** Takes the generated domains off the account (changed or not), keeping their owner contacts. */
export function removePortfolio (account: AccountState): void {
  const spec = account.portfolio
  if (spec === undefined) return
  for (let index = 0; index < spec.count; index++) {
    const name = generatedName(spec, index)
    const domain = account.domains[name]
    if (domain !== undefined && isGeneratedAt(domain, index)) delete account.domains[name]
  }
  delete account.portfolio
}
