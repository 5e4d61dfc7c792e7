// GraphQL: availability, extensions, price list and price rules.
import type { IResolvers } from 'mercurius'
import { checkAvailability, deletePriceRule, getExtension, getRegistryConfigurations, listExtensions, listPriceRules, priceList, setPriceRule } from './service.js'
import type { Extension } from './service.js'

export const catalogResolvers: IResolvers = {
  Query: {
    availability: (_root, { domains }, { caller }) => checkAvailability(caller, domains),
    extensions: (_root, _args, { caller }) => listExtensions(caller),
    extension: (_root, { tld }, { caller }) => getExtension(caller, tld),
    priceList: (_root, { tlds }, { caller }) => priceList(caller, tlds),
    priceRules: (_root, _args, { caller }) => listPriceRules(caller)
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
