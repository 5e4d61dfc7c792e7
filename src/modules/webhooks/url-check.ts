// Webhook URLs must not reach into the gateway's own network (SSRF): a URL whose host is, or
// resolves to, a loopback, private, link-local or otherwise non-public address is refused unless the
// deployment allows it (WEBHOOK_ALLOW_PRIVATE: zero-configuration mode and the tests do). Checked
// when the endpoint is saved and again at each delivery, since DNS answers change.
import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'
import { badUserInput } from '../../errors.js'

const blocked = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]
] as const) blocked.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) {
  blocked.addSubnet(network, prefix, 'ipv6')
}

export function isPublicAddress (address: string): boolean {
  const family = isIP(address)
  if (family === 0) return false
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is judged as the IPv4 one.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
  if (mapped !== null) return !blocked.check(mapped[1], 'ipv4')
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6')
}

/** The URL's syntax: http(s), no credentials in it, at most 2,000 characters. */
export function parseWebhookUrl (value: string, field = 'url'): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw badUserInput('invalid webhook URL', [{ field, message: 'must be an absolute http:// or https:// URL' }])
  }
  if (value.length > 2000) throw badUserInput('invalid webhook URL', [{ field, message: 'must be at most 2000 characters' }])
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw badUserInput('invalid webhook URL', [{ field, message: 'must be an http:// or https:// URL' }])
  if (url.username !== '' || url.password !== '') throw badUserInput('invalid webhook URL', [{ field, message: 'must not carry a user name or password' }])
  return url
}

/** Refuses a URL whose host is or resolves to a non-public address (unless allowed). */
export async function checkWebhookTarget (url: URL, allowPrivate: boolean, field = 'url'): Promise<void> {
  if (allowPrivate) return
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host) !== 0) {
    addresses = [host]
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map(entry => entry.address)
    } catch {
      throw badUserInput('invalid webhook URL', [{ field, message: `its host ${host} does not resolve` }])
    }
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw badUserInput('invalid webhook URL', [{ field, message: 'its host is a private, loopback or link-local address; set WEBHOOK_ALLOW_PRIVATE=true to allow it' }])
  }
}
