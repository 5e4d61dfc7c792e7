// What the DNS resolvers are given as the parent of a field (the generated resolver types' mappers,
// scripts/resolver-types.ts), where no service's answer names it.
import type { LazyConnection } from '../shared/pagination.js'
import type { FullNameServer } from './registry-schemas.js'
import type { OvhZone } from './schemas.js'

// A zone known by name only (Domain.dnsZone): its details are read when a field needs them.
export type ZoneParent = OvhZone | { name: string }
// A version known by its date (from the list); its link is read when a field needs it.
export type VersionParent = { zone: string, creationDate: string, zoneFileUrl?: string }
// An option carries its zone, so that its serviceInfos can be read.
export type OptionParent = { zone: string, name: string }
// The name server's domain travels with it, for its status field.
export type NameServerParent = FullNameServer & { domain: string }
export type DsRecordParent = { id: number }
// Records are read only when edges or pageInfo are asked for (shared/pagination.ts).
export type RecordConnectionParent = LazyConnection<unknown>
