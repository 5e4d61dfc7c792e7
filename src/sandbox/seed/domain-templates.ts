// The demo portfolio: a dozen domains over several TLDs, states, renewal settings and DNS setups.
// Names are `${slug}-${label}.${tld}`, so every seeded account gets its own distinct domains.
import type { DomainState, LockStatus } from '../state/types.js'

export interface DomainTemplate {
  label: string
  tld: string
  state: DomainState['state']
  // Days from seeding time to expiry (negative: already expired).
  expiresInDays: number
  ageDays: number
  automatic: boolean
  deleteAtExpiration?: boolean
  lock: LockStatus
  dns: 'hosted' | 'external'
  dnssec?: DomainState['dnssecState']
  offer?: DomainState['offer']
  suspended?: boolean
  // Index into the account's owner contacts (0: the company, 1: the individual).
  owner?: number
}

export const DOMAIN_TEMPLATES: readonly DomainTemplate[] = [
  { label: 'shop', tld: 'com', state: 'ok', expiresInDays: 300, ageDays: 1500, automatic: true, lock: 'locked', dns: 'hosted', dnssec: 'enabled' },
  { label: 'blog', tld: 'net', state: 'ok', expiresInDays: 12, ageDays: 700, automatic: false, lock: 'locked', dns: 'hosted' },
  { label: 'boulangerie', tld: 'fr', state: 'ok', expiresInDays: 200, ageDays: 900, automatic: true, lock: 'locked', dns: 'hosted', owner: 1 },
  // .berlin needs its owner (or admin) in Berlin: the individual owner lives there.
  { label: 'kiez', tld: 'berlin', state: 'ok', expiresInDays: 150, ageDays: 400, automatic: true, lock: 'unlocked', dns: 'external', dnssec: 'not_supported', owner: 1 },
  // .co.uk has no registrar lock at Nominet: OVH reports it as unavailable.
  { label: 'tea', tld: 'co.uk', state: 'ok', expiresInDays: 400, ageDays: 1100, automatic: true, lock: 'unavailable', dns: 'hosted' },
  { label: 'old', tld: 'com', state: 'expired', expiresInDays: -10, ageDays: 2200, automatic: false, lock: 'locked', dns: 'hosted' },
  { label: 'closing', tld: 'net', state: 'pending_delete', expiresInDays: -45, ageDays: 1400, automatic: false, deleteAtExpiration: true, lock: 'unlocked', dns: 'hosted' },
  { label: 'leaving', tld: 'org', state: 'outgoing_transfer', expiresInDays: 90, ageDays: 1000, automatic: true, lock: 'unlocked', dns: 'external' },
  { label: 'project', tld: 'eu', state: 'ok', expiresInDays: 20, ageDays: 345, automatic: true, deleteAtExpiration: true, lock: 'locked', dns: 'hosted', owner: 1 },
  { label: 'app', tld: 'io', state: 'ok', expiresInDays: 500, ageDays: 230, automatic: true, lock: 'unlocking', dns: 'external', offer: 'platinum' },
  { label: 'agency', tld: 'fr', state: 'ok', expiresInDays: 3, ageDays: 1460, automatic: false, lock: 'locked', dns: 'hosted' },
  { label: 'studio', tld: 'berlin', state: 'technical_suspended', expiresInDays: 60, ageDays: 600, automatic: true, lock: 'locked', dns: 'hosted', suspended: true, dnssec: 'not_supported', owner: 1 },
  { label: 'archive', tld: 'com', state: 'ok', expiresInDays: 700, ageDays: 3000, automatic: true, lock: 'locking', dns: 'hosted', offer: 'diamond' }
]
