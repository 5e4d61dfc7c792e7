// GraphQL: availability, extensions, price list and price rules.
import type { Resolvers } from '../../graphql/generated/resolvers-types.js'
import { checkAvailability, deletePriceRule, getExtension, getRegistryConfigurations, listExtensions, listPriceRules, priceList, setPriceRule } from './service.js'
import type { Extension } from './service.js'
import { claimNotice, extensionCategories, highlightedExtensions } from './storefront.js'
import type { ClaimNotice } from './storefront-schemas.js'
import type { Availability } from './schemas.js'
import type { ClaimParent } from './parents.js'

type ClaimContact = NonNullable<ClaimParent['trademarkHolders']>[number]
const contactOf = (contact: ClaimContact) => ({ ...contact, countryCode: contact.address?.countryCode ?? null })

export const catalogResolvers: Resolvers = {
  Query: {
    availability: (_root, { domains }, { caller }) => checkAvailability(caller, domains),
    extensions: (_root, _args, { caller }) => listExtensions(caller),
    extension: (_root, { tld }, { caller }) => getExtension(caller, tld),
    priceList: (_root, { tlds }, { caller }) => priceList(caller, tlds),
    priceRules: (_root, _args, { caller }) => listPriceRules(caller),
    extensionCategories: (_root, { types }, { caller }) => extensionCategories(caller, types),
    highlightedExtensions: (_root, _args, { caller }) => highlightedExtensions(caller),
    claimNotice: (_root, { domain }, { caller }) => claimNotice(caller, domain)
  },
  DomainAvailability: {
    claimNotice: (availability: Availability, _args, { caller }) => availability.claimNoticeRequired ? claimNotice(caller, availability.domain) : null
  },
  ClaimNotice: {
    claims: (notice: ClaimNotice) => notice.claims ?? []
  },
  TrademarkClaim: {
    classifications: (claim: ClaimParent) => claim.classifications ?? [],
    holders: (claim: ClaimParent) => (claim.trademarkHolders ?? []).map(contactOf),
    contacts: (claim: ClaimParent) => (claim.trademarkContacts ?? []).map(contactOf)
  },
  Mutation: {
    setPriceRule: (_root, { tld, rule }, { caller }) => setPriceRule(caller, tld, rule),
    deletePriceRule: (_root, { tld }, { caller }) => deletePriceRule(caller, tld)
  },
  Extension: {
    registryConfigurations: (extension: Extension, _args, { caller }) => getRegistryConfigurations(caller, extension.tld),
    // The whole list is one cached catalogue read: per TLD it is a lookup.
    prices: async (extension: Extension, _args, { caller }) => (await priceList(caller, [extension.tld]))[0] ?? null
  }
}
