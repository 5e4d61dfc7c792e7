// What OVH itself refuses when a record is created or changed (the gateway checks more, and
// earlier): addresses of A/AAAA records, CNAME at the apex or beside other records, subdomain syntax.
import { isIPv4, isIPv6 } from 'node:net'
import { badRequest } from '../errors.js'
import type { RecordState, RecordType, ZoneState } from '../state/dns-types.js'

const LABEL = /^(\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/

export function checkRecord (zone: ZoneState, record: { id?: number, fieldType: RecordType, subDomain: string, target: string, ttl: number }): void {
  const { fieldType, subDomain, target } = record
  if (subDomain !== '' && !subDomain.split('.').every(label => LABEL.test(label))) {
    throw badRequest(`Invalid subDomain "${subDomain}"`)
  }
  if (target.trim() === '') throw badRequest('Missing target')
  if (record.ttl < 0) throw badRequest(`Invalid TTL ${record.ttl}`)
  if (fieldType === 'A' && !isIPv4(target)) throw badRequest(`Invalid IPv4 address "${target}" for an A record`)
  if (fieldType === 'AAAA' && !isIPv6(target)) throw badRequest(`Invalid IPv6 address "${target}" for an AAAA record`)
  const others = Object.values(zone.records).filter((other: RecordState) => other.subDomain === subDomain && other.id !== record.id)
  if (fieldType === 'CNAME') {
    if (subDomain === '') throw badRequest('A CNAME record cannot be created on the zone apex')
    if (others.length > 0) throw badRequest(`A CNAME record cannot coexist with other records on ${subDomain}.${zone.name}`)
  } else if (others.some(other => other.fieldType === 'CNAME')) {
    throw badRequest(`A CNAME record already exists on ${subDomain === '' ? zone.name : `${subDomain}.${zone.name}`}`)
  }
}
