// GraphQL: Domain.whois and Query.whois (disclosure and email obfuscation) and their mutations.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import type { WhoisParent } from './parents.js'
import type { OvhDomain } from '../domains/schemas.js'
import { normalizeDomainName } from '../shared/domain-name.js'
import {
  getObfuscatedEmails, getObfuscationRules, getOptin, getOptinRules, refreshObfuscatedEmails, setObfuscatedEmails, setOptin
} from './service.js'

// Each field is its own OVH read, made only when asked for.
const whoisOf = (domain: string): WhoisParent => ({ domain })

export const whoisResolvers: Resolvers = {
  Query: {
    whois: (_root, { domain }) => whoisOf(normalizeDomainName(domain, 'domain'))
  },
  Mutation: {
    setWhoisOptin: (_root, { domain, optin }, { caller }) => setOptin(caller, domain, optin),
    setObfuscatedEmails: (_root, { domain, contacts }, { caller }) => setObfuscatedEmails(caller, domain, contacts),
    refreshObfuscatedEmails: (_root, { domain, contacts }, { caller }) => refreshObfuscatedEmails(caller, domain, contacts)
  },
  Domain: {
    whois: (domain: OvhDomain) => whoisOf(domain.domain)
  },
  DomainWhois: {
    optinRules: ({ domain }: WhoisParent, _args, { caller }) => getOptinRules(caller, domain),
    optin: ({ domain }: WhoisParent, _args, { caller }) => getOptin(caller, domain),
    obfuscationRules: ({ domain }: WhoisParent, _args, { caller }) => getObfuscationRules(caller, domain),
    obfuscatedEmails: ({ domain }: WhoisParent, _args, { caller }) => getObfuscatedEmails(caller, domain)
  }
}
