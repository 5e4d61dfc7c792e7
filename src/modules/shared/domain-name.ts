// Domain names as OVH expects them: lower-case ASCII (IDNs in punycode), checked before any call.
// One zod schema is the check and, as its JSON schema, what the OpenAPI document says of a name.
import { domainToASCII } from 'node:url'
import { z } from 'zod'
import { badUserInput } from '../../errors.js'

// A label: letters, digits and inner hyphens, 1 to 63 characters. The last label (the TLD) has two
// characters at least and starts with a letter, as every TLD does (OVH refuses others), so that
// an IPv4 address or '0' is never taken for a name.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?'
const TLD = '[a-z](?:[a-z0-9-]{0,61}[a-z0-9])'
const ASCII_NAME = new RegExp(`^(?:${LABEL}\\.)+${TLD}$`)
// The document states the ASCII form in either case (JSON Schema patterns take no flags).
const either = (pattern: string): string => pattern.replaceAll('a-z', 'A-Za-z')
export const DOMAIN_NAME_PATTERN = either(ASCII_NAME.source)
export const DOMAIN_NAME_MAX = 253
const MESSAGE = 'must be a domain name such as example.com'

// The longest valid name: no more of a bad input is echoed back (REST refuses longer path params
// before this runs; GraphQL arguments are unbounded).
const MAX_ECHO = DOMAIN_NAME_MAX

/** A caller's input as echoed in an answer: cut past the longest valid name. */
export function echo (input: string): string {
  return input.length > MAX_ECHO ? `${input.slice(0, MAX_ECHO)}…` : input
}

/** The name OVH knows, or null: trimmed, without a final dot, lower-case, IDNs in punycode. */
function asciiName (input: string): string | null {
  if (input.length > 4 * DOMAIN_NAME_MAX) return null
  const ascii = domainToASCII(input.trim().replace(/\.$/, '').toLowerCase())
  return ascii.length <= DOMAIN_NAME_MAX && ASCII_NAME.test(ascii) ? ascii : null
}

/**
 * A domain name as a REST path parameter or body field takes it, normalised. The pattern is the
 * ASCII form; an IDN may also be given in Unicode (converted to punycode), which a pattern cannot
 * state without admitting strings IDNA refuses, so it is said in the description.
 */
function nameSchema (message: string, description: string) {
  return z.string()
    .max(4 * DOMAIN_NAME_MAX)
    .transform((input, ctx) => asciiName(input) ?? (ctx.addIssue({ code: 'custom', message, input }), z.NEVER))
    .meta({ pattern: DOMAIN_NAME_PATTERN, maxLength: DOMAIN_NAME_MAX, description })
}

export const DomainNameSchema = nameSchema(MESSAGE, 'A domain name such as example.com (an IDN in Unicode, such as bücher.de, is converted to punycode)')
// A host of a domain at the registry (a glue record): a name of the same form.
export const HostNameSchema = nameSchema('must be a host name such as ns1.example.com', 'A host name such as ns1.example.com')

export function normalizeDomainName (input: string, field = 'name'): string {
  const ascii = asciiName(input)
  if (ascii === null) throw badUserInput(`"${echo(input)}" is not a valid domain name`, [{ field, message: MESSAGE }])
  return ascii
}
