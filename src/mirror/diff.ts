// What changed between the mirror's copy of an object and OVH's new one: pure functions that
// return typed changes, applied in the same transaction as the row update (apply-*.ts). Issue 13
// (events) writes them in that transaction.

/** The columns of a domain the diff compares (and portfolio queries filter on). */
export interface DomainColumns {
  state: string | null
  expiresAt: Date | null
  renewalState: string | null
  transferLock: string | null
  nameServers: string[]
  ownerContactId: string | null
}

interface FromTo<T> { from: T, to: T }

export type DomainChange =
  | { kind: 'created', domain: string }
  | { kind: 'removed', domain: string }
  | ({ kind: 'state', domain: string } & FromTo<string | null>)
  | ({ kind: 'expiry', domain: string } & FromTo<Date | null>)
  | ({ kind: 'renewal', domain: string } & FromTo<string | null>)
  | ({ kind: 'lock', domain: string } & FromTo<string | null>)
  | ({ kind: 'nameServers', domain: string } & FromTo<string[]>)
  | ({ kind: 'owner', domain: string } & FromTo<string | null>)

export type TaskChange =
  | { kind: 'taskCreated', id: string, domain: string, function: string, status: string }
  | ({ kind: 'taskStatus', id: string, domain: string, function: string } & FromTo<string>)

export type OrderChange =
  | { kind: 'orderCreated', id: string, status: string | null }
  | ({ kind: 'orderStatus', id: string } & FromTo<string | null>)

// A contact change seen for the first time is no event: OVH's list shows it once requested, and
// what a billing system waits for is its outcome.
export type ContactChangeChange = { kind: 'contactChangeStatus', id: string, domain: string | null } & FromTo<string>

export type MirrorChange = DomainChange | TaskChange | OrderChange | ContactChangeChange

const sameTime = (a: Date | null, b: Date | null): boolean => (a?.getTime() ?? null) === (b?.getTime() ?? null)
// Name servers are a set: OVH's order is its ids', not a meaning.
const sameServers = (a: string[], b: string[]): boolean => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',')

/**
 * The changes from `stored` to `next`. A domain seen for the first time (`stored` null, or a row
 * listed but never read) has nothing to compare: the list diff reports it as created.
 */
export function diffDomain (domain: string, stored: DomainColumns | null, next: DomainColumns): DomainChange[] {
  if (stored === null) return []
  const changes: DomainChange[] = []
  if (stored.state !== next.state) changes.push({ kind: 'state', domain, from: stored.state, to: next.state })
  if (!sameTime(stored.expiresAt, next.expiresAt)) changes.push({ kind: 'expiry', domain, from: stored.expiresAt, to: next.expiresAt })
  if (stored.renewalState !== next.renewalState) changes.push({ kind: 'renewal', domain, from: stored.renewalState, to: next.renewalState })
  if (stored.transferLock !== next.transferLock) changes.push({ kind: 'lock', domain, from: stored.transferLock, to: next.transferLock })
  if (!sameServers(stored.nameServers, next.nameServers)) changes.push({ kind: 'nameServers', domain, from: stored.nameServers, to: next.nameServers })
  if (stored.ownerContactId !== next.ownerContactId) changes.push({ kind: 'owner', domain, from: stored.ownerContactId, to: next.ownerContactId })
  return changes
}

export function diffTask (stored: { status: string } | null, next: { id: string, domain: string, function: string, status: string }): TaskChange[] {
  if (stored === null) return [{ kind: 'taskCreated', id: next.id, domain: next.domain, function: next.function, status: next.status }]
  return stored.status === next.status ? [] : [{ kind: 'taskStatus', id: next.id, domain: next.domain, function: next.function, from: stored.status, to: next.status }]
}

export function diffOrder (stored: { status: string | null } | null, next: { id: string, status: string | null }): OrderChange[] {
  if (stored === null) return [{ kind: 'orderCreated', id: next.id, status: next.status }]
  return stored.status === next.status ? [] : [{ kind: 'orderStatus', id: next.id, from: stored.status, to: next.status }]
}

export function diffContactChange (stored: { state: string } | null, next: { id: string, domain: string | null, state: string }): ContactChangeChange[] {
  if (stored === null || stored.state === next.state) return []
  return [{ kind: 'contactChangeStatus', id: next.id, domain: next.domain, from: stored.state, to: next.state }]
}
