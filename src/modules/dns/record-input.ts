// Record input checked before OVH sees it: subdomain syntax, TTL bounds, and the target's shape per
// record type. Every problem is reported with the field it belongs to (BAD_USER_INPUT).
// No npm package validates OVH's target syntax (a priority inside MX targets, quoted TXT...), so
// these rules are ours, written from the RFCs and OVH's record editor.
import { isIPv4, isIPv6 } from 'node:net'
import { z } from 'zod'
import type { FieldError } from '../../errors.js'
import type { RecordType } from './schemas.js'
import { RECORD_TTL_MESSAGE, RecordTtlSchema } from './timers.js'

// One DNS character-string is at most 255 bytes; longer TXT data is several quoted strings.
export const TXT_STRING_MAX = 255
export const TXT_TOTAL_MAX = 4096
export const CAA_TAGS = ['issue', 'issuewild', 'iodef'] as const

const HOST_LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/i
const SUB_LABEL = /^(\*|(?!-)[a-z0-9_-]{1,63}(?<!-))$/

// What normalizeSubDomain takes, as the REST routes document it: '' or '@' (the apex), or labels
// such as 'www' or '*.shop', relative to the zone (that it does not end with the zone's own name
// depends on the zone, so only the service says it).
const DOC_LABEL = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?'
export const SubDomainSchema = z.string().max(253).regex(new RegExp(`^(?:@|(?:\\*|${DOC_LABEL})(?:\\.${DOC_LABEL})*)?$`),
  'must be labels of letters, digits, "-" or "_" separated by dots (a "*" first), relative to the zone; "" or "@" is the apex')

export function isHostname (value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value
  return name.length > 0 && name.length <= 253 && name.split('.').every(label => HOST_LABEL.test(label)) && !isIPv4(name)
}

// '' or '@' is the apex; the result is lower-case and relative to the zone.
export function normalizeSubDomain (input: string | null | undefined, zone: string, field: string, errors: FieldError[]): string {
  const value = (input ?? '').trim().toLowerCase()
  if (value === '' || value === '@') return ''
  if (value.endsWith('.') || value === zone || value.endsWith(`.${zone}`)) {
    errors.push({ field, message: `give the name relative to the zone ${zone} (e.g. "www", not "www.${zone}"); "" or "@" is the apex` })
    return value
  }
  const labels = value.split('.')
  if (!labels.every(label => SUB_LABEL.test(label))) {
    errors.push({ field, message: 'must be labels of letters, digits, "-" or "_" (1 to 63 characters, not starting or ending with "-") separated by dots' })
  } else if (labels.slice(1).includes('*')) {
    errors.push({ field, message: 'a wildcard "*" can only be the first label' })
  } else if (value.length + zone.length + 1 > 253) {
    errors.push({ field, message: 'the full name would be longer than 253 characters' })
  }
  return value
}

export function checkTtl (ttl: number | null | undefined, field: string, errors: FieldError[]): void {
  if (ttl !== null && ttl !== undefined && !RecordTtlSchema.safeParse(ttl).success) errors.push({ field, message: RECORD_TTL_MESSAGE })
}

const uint = (text: string, max: number): boolean => /^\d{1,5}$/.test(text) && Number(text) <= max

// The text of TXT-like records: one unquoted string, or quoted strings of at most 255 characters.
function checkText (target: string): string | null {
  if (target.length > TXT_TOTAL_MAX) return `must be at most ${TXT_TOTAL_MAX} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(target)) return 'must not contain line breaks or control characters'
  if (target.startsWith('"')) {
    const strings = target.match(/"(?:[^"\\]|\\.)*"/g) ?? []
    if (strings.join('').length !== target.replace(/"\s+"/g, '""').length) {
      return 'quoted text must be one or more "..." strings separated by spaces, with inner quotes escaped as \\"'
    }
    if (strings.some(s => s.length - 2 > TXT_STRING_MAX)) return `each quoted string must be at most ${TXT_STRING_MAX} characters: split longer text into several "..." strings`
    return null
  }
  if (target.includes('"')) return 'unquoted text must not contain double quotes: quote the whole text'
  if (target.length > TXT_STRING_MAX) return `unquoted text must be at most ${TXT_STRING_MAX} characters: split it into several "..." strings`
  return null
}

const unquoted = (target: string): string => target.replace(/^"|"$/g, '').replace(/"\s+"/g, '')

// The message for an invalid target, or null when it is valid for the type.
export function targetProblem (fieldType: RecordType, target: string, subDomain: string): string | null {
  let match: RegExpMatchArray | null
  switch (fieldType) {
    case 'A':
      return isIPv4(target) ? null : 'must be an IPv4 address such as 192.0.2.1'
    case 'AAAA':
      return isIPv6(target) ? null : 'must be an IPv6 address such as 2001:db8::1'
    case 'CNAME':
    case 'DNAME':
    case 'NS':
    case 'PTR':
      return isHostname(target) ? null : 'must be a host name such as host.example.net. (an IP address is not allowed)'
    case 'MX':
      match = /^(\S+)\s+(\S+)$/.exec(target)
      if (match === null) return 'must be "<priority> <host>", e.g. "10 mx1.example.net."'
      if (!uint(match[1], 65_535)) return 'the priority must be an integer from 0 to 65535'
      return isHostname(match[2]) ? null : 'the mail server must be a host name, not an IP address'
    case 'SRV':
      match = /^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(target)
      if (match === null) return 'must be "<priority> <weight> <port> <target>", e.g. "0 5 5060 sip.example.net."'
      if (![match[1], match[2], match[3]].every(n => uint(n, 65_535))) return 'priority, weight and port must be integers from 0 to 65535'
      if (match[4] !== '.' && !isHostname(match[4])) return 'the target must be a host name, or "." for no service'
      return /^_[a-z0-9-]+\._(tcp|udp|tls|sctp)(\.|$)/i.test(subDomain) ? null : 'an SRV record\'s subdomain must start with _service._protocol, e.g. _sip._tcp'
    case 'CAA':
      match = /^(\S+)\s+(\S+)\s+"(.*)"$/.exec(target)
      if (match === null) return 'must be "<flags> <tag> \\"<value>\\"", e.g. 0 issue "letsencrypt.org"'
      if (!uint(match[1], 255)) return 'the flags must be an integer from 0 to 255'
      if (!(CAA_TAGS as readonly string[]).includes(match[2].toLowerCase())) return `the tag must be one of ${CAA_TAGS.join(', ')}`
      if (match[2].toLowerCase() === 'iodef' && !/^(mailto:\S+@\S+|https?:\/\/\S+)$/.test(match[3])) return 'an iodef value must be a mailto: or http(s):// URL'
      return null
    case 'SSHFP':
      return /^[0-4]\s+[0-2]\s+[0-9a-f]+$/i.test(target) ? null : 'must be "<algorithm 0-4> <fingerprint type 0-2> <hex fingerprint>"'
    case 'TLSA':
      return /^[0-3]\s+[01]\s+[0-2]\s+[0-9a-f]+$/i.test(target) ? null : 'must be "<usage 0-3> <selector 0-1> <matching type 0-2> <hex data>"'
    case 'NAPTR':
      return /^\d{1,5}\s+\d{1,5}\s+"[^"]*"\s+"[^"]*"\s+"[^"]*"\s+\S+$/.test(target) ? null : 'must be "<order> <preference> \\"<flags>\\" \\"<service>\\" \\"<regexp>\\" <replacement>"'
    case 'LOC':
      return /^\d{1,2}( \d{1,2}( \d{1,2}(\.\d+)?)?)? [NS] \d{1,3}( \d{1,2}( \d{1,2}(\.\d+)?)?)? [EW] -?\d+(\.\d+)?m?( \d+(\.\d+)?m?){0,3}$/.test(target)
        ? null
        : 'must be a location such as "52 22 23.000 N 4 53 32.000 E -2.00m"'
    case 'TXT':
      return checkText(target)
    case 'SPF':
      return checkText(target) ?? (/^v=spf1( |$)/.test(unquoted(target)) ? null : 'an SPF record must start with "v=spf1"')
    case 'DMARC':
      return checkText(target) ?? (/^v=DMARC1;/.test(unquoted(target)) ? null : 'a DMARC record must start with "v=DMARC1;"')
    case 'DKIM':
      return checkText(target) ?? (/(^|;)\s*p=/.test(unquoted(target)) ? null : 'a DKIM record must contain the public key "p=..."')
  }
}

export interface CheckedRecord {
  fieldType: RecordType
  subDomain: string
  target: string
  ttl: number | undefined
}

/** Checks a whole record; `path` prefixes the field names ('input' in GraphQL, 'body' in REST). */
export function checkRecord (record: { fieldType: RecordType, subDomain?: string | null, target: string, ttl?: number | null }, zone: string, path: string): { record: CheckedRecord, errors: FieldError[] } {
  const errors: FieldError[] = []
  const subDomain = normalizeSubDomain(record.subDomain, zone, `${path}.subDomain`, errors)
  const target = record.target.trim()
  checkTtl(record.ttl, `${path}.ttl`, errors)
  if (target === '') {
    errors.push({ field: `${path}.target`, message: 'must not be empty' })
  } else {
    const problem = targetProblem(record.fieldType, target, subDomain)
    if (problem !== null) errors.push({ field: `${path}.target`, message: problem })
  }
  if (record.fieldType === 'CNAME' && subDomain === '') {
    errors.push({ field: `${path}.subDomain`, message: 'a CNAME record cannot be on the zone apex (it would hide the SOA and NS records)' })
  }
  return { record: { fieldType: record.fieldType, subDomain, target, ttl: record.ttl ?? undefined }, errors }
}
