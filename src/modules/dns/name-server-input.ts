// Name servers, glue records and DS keys checked before OVH sees them: host names, IP addresses,
// glue only inside the domain, DS algorithms, flags and tags from OVH's enums.
import { isIP } from 'node:net'
import type { FieldError } from '../../errors.js'
import { isHostname } from './record-input.js'

// Registries accept 1 to 13 name servers (the root zone's own limit); most ask for at least 2.
export const NAME_SERVERS_MAX = 13
// OVH's dnssec.KeyAlgorithmEnum and dnssec.KeyFlagEnum.
export const DS_ALGORITHMS = [5, 7, 8, 10, 13, 14, 15] as const
export const DS_FLAGS = [256, 257] as const
// OVH's manager takes up to 4 DS keys.
export const DS_KEYS_MAX = 4

export interface NameServerInput {
  host: string
  ip?: string | null
}

export interface GlueInput {
  host: string
  ips: string[]
}

export interface DsKeyInput {
  algorithm: number
  flags: number
  publicKey: string
  tag: number
}

const host = (value: string): string => value.trim().toLowerCase().replace(/\.$/, '')
const inside = (name: string, domain: string): boolean => name.endsWith(`.${domain}`)

/**
 * Normalised name servers; problems are pushed to `errors` with `${path}[i].host|ip`. A server
 * given as a bare host name (orderDomain's dns.nameServers) has its errors on `${path}[i]`.
 * `noneMeans` allows an empty list, saying what it stands for (an order without name servers
 * uses OVH's DNS).
 */
export function checkNameServers (list: Array<NameServerInput | string>, domain: string, path: string, errors: FieldError[], options: { min: number, noneMeans?: string }): Array<{ host: string, ip?: string }> {
  const none = list.length === 0 && options.noneMeans !== undefined
  if (!none && (list.length < options.min || list.length > NAME_SERVERS_MAX)) {
    errors.push({ field: path, message: `give ${options.min} to ${NAME_SERVERS_MAX} name servers${options.noneMeans === undefined ? '' : `, or none for ${options.noneMeans}`}` })
  }
  const seen = new Set<string>()
  return list.map((item, index) => {
    const server: NameServerInput = typeof item === 'string' ? { host: item } : item
    const name = host(server.host)
    const at = `${path}[${index}]`
    const hostField = typeof item === 'string' ? at : `${at}.host`
    if (!isHostname(name) || !name.includes('.')) errors.push({ field: hostField, message: 'must be a host name such as ns1.example.net (not an IP address)' })
    else if (seen.has(name)) errors.push({ field: hostField, message: `${name} is listed twice` })
    seen.add(name)
    const ip = server.ip?.trim()
    if (ip !== undefined && ip !== '') {
      if (isIP(ip) === 0) errors.push({ field: `${at}.ip`, message: 'must be an IPv4 or IPv6 address' })
      else if (!inside(name, domain)) errors.push({ field: `${at}.ip`, message: `an IP (glue) is only for a name server inside ${domain}; ${name} is resolved on its own` })
      return { host: name, ip }
    }
    return { host: name }
  })
}

/** The normalised host of a glue record, which can only be a host name inside the domain. */
export function checkGlueHost (value: string, domain: string, field: string, errors: FieldError[]): string {
  const name = host(value)
  if (!isHostname(name)) errors.push({ field, message: 'must be a host name' })
  else if (!inside(name, domain)) errors.push({ field, message: `a glue record is for a host inside ${domain}, e.g. ns1.${domain}` })
  return name
}

// `fields` names the host and ips fields in errors ('host'/'ips' in GraphQL, 'body.*' in REST).
export function checkGlue (input: { host: string, ips: string[] }, domain: string, fields: { host: string, ips: string }, errors: FieldError[]): { host: string, ips: string[] } {
  const name = checkGlueHost(input.host, domain, fields.host, errors)
  if (input.ips.length === 0) errors.push({ field: fields.ips, message: 'give at least one IP address' })
  const ips = input.ips.map(ip => ip.trim())
  ips.forEach((ip, index) => {
    if (isIP(ip) === 0) errors.push({ field: `${fields.ips}[${index}]`, message: 'must be an IPv4 or IPv6 address' })
  })
  if (new Set(ips).size !== ips.length) errors.push({ field: fields.ips, message: 'an address is listed twice' })
  return { host: name, ips }
}

export function checkDsKeys (keys: DsKeyInput[], path: string, errors: FieldError[]): DsKeyInput[] {
  if (keys.length > DS_KEYS_MAX) errors.push({ field: path, message: `give at most ${DS_KEYS_MAX} keys (an empty list removes DNSSEC at the registry)` })
  return keys.map((key, index) => {
    const at = `${path}[${index}]`
    if (!(DS_ALGORITHMS as readonly number[]).includes(key.algorithm)) errors.push({ field: `${at}.algorithm`, message: `must be one of ${DS_ALGORITHMS.join(', ')}` })
    if (!(DS_FLAGS as readonly number[]).includes(key.flags)) errors.push({ field: `${at}.flags`, message: 'must be 256 (ZSK) or 257 (KSK)' })
    if (!Number.isInteger(key.tag) || key.tag < 0 || key.tag > 65_535) errors.push({ field: `${at}.tag`, message: 'must be an integer from 0 to 65535' })
    const publicKey = key.publicKey.replace(/\s+/g, '')
    if (publicKey === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(publicKey) || publicKey.length % 4 !== 0) {
      errors.push({ field: `${at}.publicKey`, message: 'must be the base64 public key of the DNSKEY record' })
    }
    return { ...key, publicKey }
  })
}
