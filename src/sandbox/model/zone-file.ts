// Zone files (BIND syntax) for GET .../export and POST .../import. A small reader of our own: the
// sandbox only needs the record lines OVH's export writes (name, ttl, class, type, data), $TTL and
// a SOA to skip, and no npm package parses exactly that while keeping OVH's target text as is.
import { RECORD_TYPES } from '../state/dns-types.js'
import type { RecordState, RecordType, ZoneState } from '../state/dns-types.js'
import { recordsOf } from './zones.js'

export function exportZone (zone: ZoneState): string {
  const { soa } = zone
  const lines = [
    `$TTL ${soa.ttl}`,
    `@\tIN SOA ${soa.server}. ${soa.email}. (${soa.serial} ${soa.refresh} 3600 ${soa.expire} ${soa.nxDomainTtl})`
  ]
  for (const record of recordsOf(zone)) {
    const name = record.subDomain === '' ? '' : record.subDomain
    const ttl = record.ttl > 0 ? `${record.ttl} ` : ''
    lines.push(`${name}\t${ttl}IN ${record.fieldType}\t${record.target}`)
  }
  // DynHost records are A records of the zone whose address their clients keep up to date.
  for (const record of Object.values(zone.dynHostRecords ?? {}).sort((a, b) => a.id - b.id)) {
    lines.push(`${record.subDomain}\t${record.ttl} IN A\t${record.ip}`)
  }
  return lines.join('\n') + '\n'
}

export type ParsedZone = { ok: true, records: Array<Omit<RecordState, 'id'>>, ttl: number | null } | { ok: false, error: string }

const TYPES = new Set<string>(RECORD_TYPES)

function relativeName (name: string, zone: string, previous: string): string {
  if (name === '') return previous
  if (name === '@') return ''
  const lower = name.toLowerCase()
  if (lower.endsWith('.')) {
    const absolute = lower.slice(0, -1)
    if (absolute === zone) return ''
    if (absolute.endsWith(`.${zone}`)) return absolute.slice(0, -zone.length - 1)
    return '\u0000' + absolute
  }
  return lower
}

export function parseZoneFile (text: string, zone: string): ParsedZone {
  const records: Array<Omit<RecordState, 'id'>> = []
  let ttl: number | null = null
  let previous = ''
  let inSoa = false
  const lines = text.split(/\r?\n/)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    const where = `line ${index + 1}`
    // A multi-line SOA ends with ')': OVH rebuilds the SOA itself.
    if (inSoa) {
      if (line.includes(')')) inSoa = false
      continue
    }
    const content = line.replace(/^([^";]*(?:"[^"]*"[^";]*)*);.*$/, '$1').trimEnd()
    if (content.trim() === '') continue
    if (content.startsWith('$TTL')) {
      const value = Number(content.slice(4).trim())
      if (!Number.isInteger(value) || value < 0) return { ok: false, error: `${where}: invalid $TTL` }
      ttl = value
      continue
    }
    if (content.startsWith('$')) continue
    const startsBlank = /^\s/.test(content)
    const tokens = content.trim().split(/\s+/)
    const name = startsBlank ? '' : tokens.shift() ?? ''
    let recordTtl = 0
    if (/^\d+$/.test(tokens[0] ?? '')) recordTtl = Number(tokens.shift())
    if ((tokens[0] ?? '').toUpperCase() === 'IN') tokens.shift()
    const type = (tokens.shift() ?? '').toUpperCase()
    if (type === 'SOA') {
      inSoa = content.includes('(') && !content.includes(')')
      continue
    }
    if (!TYPES.has(type)) return { ok: false, error: `${where}: unknown record type "${type}"` }
    const subDomain = relativeName(name, zone, previous)
    if (subDomain.startsWith('\u0000')) return { ok: false, error: `${where}: ${subDomain.slice(1)} is outside the zone ${zone}` }
    const target = dataOf(content, startsBlank, type)
    if (target === '') return { ok: false, error: `${where}: ${type} record without data` }
    records.push({ fieldType: type as RecordType, subDomain, target, ttl: recordTtl })
    previous = subDomain
  }
  return { ok: true, records, ttl }
}

// The text after the type token, kept as written (TXT keeps its quotes and spaces).
function dataOf (content: string, startsBlank: boolean, type: string): string {
  const pattern = new RegExp(`^${startsBlank ? '' : '\\S+\\s+'}(?:\\d+\\s+)?(?:IN\\s+)?${type}(?:\\s+|$)`, 'i')
  return content.trim().replace(pattern, '').trim()
}
