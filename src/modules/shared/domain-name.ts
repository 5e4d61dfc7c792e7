// Domain names as OVH expects them: lower-case ASCII (IDNs in punycode), checked before any call.
import { domainToASCII } from 'node:url'
import { badUserInput } from '../../errors.js'

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/
// The longest valid name: no more of a bad input is echoed back (REST refuses longer path params
// before this runs; GraphQL arguments are unbounded).
const MAX_ECHO = 253

/** A caller's input as echoed in an answer: cut past the longest valid name. */
export function echo (input: string): string {
  return input.length > MAX_ECHO ? `${input.slice(0, MAX_ECHO)}…` : input
}

export function normalizeDomainName (input: string, field = 'name'): string {
  const ascii = domainToASCII(input.trim().replace(/\.$/, '').toLowerCase())
  const labels = ascii.split('.')
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every(label => LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1])) {
    throw badUserInput(`"${echo(input)}" is not a valid domain name`, [{ field, message: 'must be a domain name such as example.com' }])
  }
  return ascii
}
