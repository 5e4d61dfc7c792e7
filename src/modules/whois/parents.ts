// What the Whois resolvers are given as the parent of a field (the generated resolver types'
// mappers, scripts/resolver-types.ts): a domain's Whois is known by the domain alone.
export type WhoisParent = { domain: string }
